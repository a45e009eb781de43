#pragma once
// Emergency hospital admissions for falls, people 65+ living at home. A fall raises the person's
// care-home admission hazard in the same year and their chance of a reablement episode.
//
// Reads: age, sex. Writes: flags (fell).
#include "cohorts/cohort_module.hpp"

namespace carecast {

/// Emergency admission for a fall, for people 65+ living at home; sets `fell` for this year (and
/// clears last year's).
void falls_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// The falls module's declaration (cohorts/cohort_module.hpp): a flow and the `fell` flag, no stock.
struct FallsModule {
    static constexpr std::string_view name = "falls";
    static bool enabled(const CohortConfig& config) { return config.falls.enabled; }
    static constexpr std::tuple<> columns{};  // flags: fell
    static constexpr std::array slots{Slot::fall};
    static constexpr std::array<RandomEvent, 0> streams{};
    static void register_measures(MeasureRegistry& registry, MeasureIds& ids) {
        ids.fall_admissions = add_flow(registry, "fall_admissions", "emergency hospital admissions for falls");
    }
    static std::span<const ReportRow> report_rows();
    static void initialise(const NewPeople&, Population&) {}  // no state before a first fall
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.left() && !p.resident) falls_year(c, p, population, tally);
    }
    static void count_exit(const YearContext&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const MeasureIds&, const Population&, std::size_t, const StockCount&) {}
};

}  // namespace carecast
