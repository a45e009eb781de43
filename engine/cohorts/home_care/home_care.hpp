#pragma once
// Reablement episodes and domiciliary (home) care, people 65+.
//
// Reads: age, sex, flags (fell). Writes: flags (home_care).
#include "cohorts/cohort_module.hpp"

namespace carecast {

/// Probability per year that person i at home starts home care without reablement: the table's; with
/// the need module only at need level 2+, at the table's probability per person in need.
double home_care_start_probability(const CohortRates& rates, const Population& population, std::size_t i);

/// Reablement and home care for people 65+ living at home at the start of the interval. Episodes of
/// people who die or enter a care home during the interval count, but not as "at home after 91 days",
/// and only people at home at the end start or keep home care.
void home_care_year(const YearContext& c, const PersonYear& p, bool at_home_at_end, Population& population,
                    Tally& tally);

/// Home-care recipients among new people (the base year, or arrivals living at home): the steady state
/// of starts against stops, deaths and admissions at their age and sex in their year.
void initialise_home_care(const NewPeople& people, Population& population);

/// The home-care module's declaration (cohorts/cohort_module.hpp): reablement and domiciliary care.
struct HomeCareModule {
    static constexpr std::string_view name = "home_care";
    static bool enabled(const CohortConfig& config) { return config.home_care.enabled; }
    static constexpr std::tuple<> columns{};  // flags: home_care
    static constexpr std::array slots{Slot::home_care};
    static constexpr std::array streams{RandomEvent::reablement_outcome, RandomEvent::home_care_start};
    static void register_measures(MeasureRegistry& registry, MeasureIds& ids);
    static std::span<const ReportRow> report_rows();
    static void initialise(const NewPeople& people, Population& population) {
        initialise_home_care(people, population);
    }
    /// After care homes: whether the person is at home at the end of the year is known.
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.resident) home_care_year(c, p, p.at_home_at_end(population), population, tally);
    }
    static void count_exit(const YearContext& c, const PersonYear& p, const Population& population, Tally& tally) {
        if (population.flags[p.index] & home_care) tally.add(c.ids.home_care_ends, p.cell_end);
    }
    static void count_stocks(const MeasureIds& ids, const Population& population, std::size_t i,
                             const StockCount& count) {
        if (population.flags[i] & home_care) count(ids.home_care);
    }
};

}  // namespace carecast
