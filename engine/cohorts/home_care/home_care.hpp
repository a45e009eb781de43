#pragma once
// Reablement episodes and domiciliary (home) care, people 65+.
//
// Reads: age, sex, flags (fell). Writes: flags (home_care).
#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
inline constexpr SlotAddress home_care{"home care start or stop", RandomModule::demography, 4};
}  // namespace slot

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
    struct Ids {
        MeasureId reablement_episodes = -1, reablement_no_ongoing = -1, reablement_reduced = -1,
                  reablement_ongoing = -1, reablement_days = -1, reablement_at_home_91 = -1;
        MeasureId home_care = -1, home_care_starts = -1, home_care_ends = -1, home_care_arrivals = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.home_care.enabled; }
    static constexpr std::tuple<> columns{};  // flags: home_care
    static constexpr std::array slots{slot::home_care};
    static constexpr std::array streams{
        StreamAddress{"reablement outcome", RandomModule::home_care, RandomEvent::reablement_outcome},
        StreamAddress{"base year: home care", RandomModule::base_states, RandomEvent::home_care_start}};
    /// Its tables (home_care.*_csv) and the yearly probabilities [sex][age] of a reablement episode and of
    /// starting home care without reablement.
    struct Inputs {
        AgeSexTable reablement;
        AgeSexTable home_care_start;
    };
    struct Rates {
        std::vector<double> reablement;
        std::vector<double> home_care_start;
    };
    static void read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics);
    static void build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                            Rates& rates);
    static void change_rates(const RateChanges& changes, CohortConfig& config, Rates& rates);
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) {
        initialise_home_care(people, population);
    }
    /// After care homes: whether the person is at home at the end of the year is known.
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.resident) home_care_year(c, p, p.at_home_at_end(population), population, tally);
    }
    static void count_exit(const Ids& ids, const PersonYear& p, const Population& population, Tally& tally) {
        if (population.flags[p.index] & home_care) tally.add(ids.home_care_ends, p.cell_end);
    }
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        if (population.flags[i] & home_care) count(ids.home_care);
    }
};

}  // namespace carecast
