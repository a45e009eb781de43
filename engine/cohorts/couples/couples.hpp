#pragma once
// Couples: partner links made in the base year (adults partnered with the shares by age and sex, men
// matched to women `mean_age_gap` years younger), ended by death or departure. The carers module
// counts partnerships and their ends; partner-carers need couples.
//
// Reads: age, sex. Writes: partner (an index column, remapped at compaction).
#include "cohorts/cohort_module.hpp"

namespace carecast {

/// Couples among new people: adults partnered with the shares by age and sex, men matched to women
/// `mean_age_gap` years younger (nearest available age), both among the same new people (the base
/// year's population, or one area's arrivals of a year: arrivals partner each other, never a resident).
void initialise_couples(const NewPeople& people, Population& population);

/// The couples module's declaration (cohorts/cohort_module.hpp). Its partnered stock and partnership
/// ends are registered and counted by the carers module, which needs couples.
struct CouplesModule {
    static constexpr std::string_view name = "couples";
    static bool enabled(const CohortConfig& config) { return config.couples.enabled; }
    static constexpr std::tuple columns{&Population::partner};
    static constexpr std::array<Slot, 0> slots{};
    static constexpr std::array streams{RandomEvent::partnered};
    static void register_measures(MeasureRegistry&, MeasureIds&) {}
    static std::span<const ReportRow> report_rows() { return {}; }
    static void initialise(const NewPeople& people, Population& population) { initialise_couples(people, population); }
    static void own_year(const YearContext&, PersonYear&, Population&, Tally&) {}
    static void count_exit(const YearContext&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const MeasureIds&, const Population&, std::size_t, const StockCount&) {}
};

}  // namespace carecast
