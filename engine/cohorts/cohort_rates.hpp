#pragma once
// The yearly probabilities the cohort modules draw against, derived once per scenario from the
// cohort tables and the demographic rates. Arrays are [sex][age 0..max_age] unless stated. A module
// with tables of its own builds its `Rates` in its folder (`build_rates`); the rates here are those
// of the modules built together (dementia, need, care homes and carers), which read one another's.
#include <array>
#include <vector>

#include "cohorts/cohort_inputs.hpp"
#include "demography/demographic_rates.hpp"

namespace carecast {

/// Dementia states for mortality: none, first year after onset, later years.
inline constexpr int dementia_mortality_states = 3;

/// Need levels (need module): 0 none, 1 IADL only, 2 ADL, 3 high; adults from need_min_age.
inline constexpr int need_levels = 4;
inline constexpr int need_min_age = 18;

/// The rates built here (CohortRates, composed in cohorts/modules.hpp, adds every module's `Rates`).
struct SharedCohortRates {
    CohortConfig config;
    int age_count = 0;

    // Dementia: base prevalence (scaled, smoothed to single years), onset probability, and death
    // probabilities [state][interval][sex][age] that keep the population's total mortality.
    std::vector<double> dementia_prevalence;
    std::vector<double> dementia_incidence;
    std::vector<double> death_probability_by_dementia[dementia_mortality_states];

    std::vector<double> carer_prevalence;  // in carers.trend_reference_year (in every year without a trend)
    std::vector<double> carer_trend;       // annual relative change of carer_prevalence; empty: none
    std::vector<double> carer_start;       // [interval][sex][age]: moves one year's profile to the next
    std::vector<double> care_home_admission;
    std::vector<double> nursing_share;    // of admissions; by age so interventions can target ages
    double stay_length_multiplier = 1.0;  // of stays starting this year (interventions)
    // Need: shares at level 1+, 2+, 3 by single year [sex][age] of everyone (people at home at the need
    // table's shares, need_at_least_at_home, and care-home residents, all at level 3, on top), and given
    // dementia (for the base year and arrivals), yearly probabilities of moving up a level or down
    // (need_up, need_down), and death probabilities [interval][dementia state][level][sex][age].
    std::array<std::vector<double>, 3> need_at_least;
    std::array<std::vector<double>, 3> need_at_least_at_home;
    std::vector<double> need_in_care_homes;  // share of everyone of an age living in a care home [sex][age]
    std::array<std::vector<double>, 3> need_at_least_without_dementia;
    std::array<std::vector<double>, 3> need_at_least_with_dementia;
    // Moving up one level in the year [dementia 0/1][level][sex][age] (need_table_index; 0 at the top
    // level, so that one lookup serves every level).
    std::vector<double> need_up;
    std::array<double, need_levels> need_down{};  // recovering one level in the year, by level (need_recovery)
    std::vector<double> death_by_need;
    // Care-home admission per person at need level 3, per unit of the admission table: the population's
    // mean admission stays the table's times its mean relative risk of dementia, as without the need
    // module [sex][age].
    std::vector<double> need_admission_factor;
    // Share of the people at high need who live in a care home in the steady state of the admissions
    // (scale_admissions_to_people_at_home) [sex][age]; empty without need and care homes.
    std::vector<double> high_need_resident_share;
    // The residents the cohort carries over its age's steady state [sex][age]: base-year residents are
    // drawn at the person's steady-state share times it.
    std::vector<double> high_need_resident_scale;
    // Share of care-home admissions that are self-funded [sex][age] (care_homes/self_funders.hpp; zeros
    // without self-funders).
    std::vector<double> self_funded_admission_share;
    std::vector<std::string> prevalence_cohort_names;
    std::vector<std::vector<double>> prevalence_cohort_rates;

    std::size_t at(int sex, int age) const {
        return static_cast<std::size_t>(sex) * static_cast<std::size_t>(age_count) + static_cast<std::size_t>(age);
    }
    /// Probabilities of starting to care in `interval` (not for a partner with dementia): [sex][age].
    const double* carer_start_in(int interval) const {
        return &carer_start[static_cast<std::size_t>(interval) * sex_count * static_cast<std::size_t>(age_count)];
    }
    /// Probability of starting to care in `interval` (not for a partner with dementia).
    double carer_start_at(int interval, int sex, int age) const { return carer_start_in(interval)[at(sex, age)]; }
    /// The need module's death probabilities of `interval`: [dementia state][need level][sex][age].
    const double* death_by_need_in(int interval) const {
        const std::size_t cells = sex_count * static_cast<std::size_t>(age_count);
        return &death_by_need[static_cast<std::size_t>(interval) * dementia_mortality_states * need_levels * cells];
    }
    /// Where group `group`, need level `level` and [sex][age] cell `at` (at()) are in a table
    /// [group][need level][sex][age]: an interval's death_by_need_in (groups: dementia states; sim/leaving.cpp's
    /// AVX-512 path computes the same in vectors) and need_up (groups: without, with dementia).
    static std::size_t need_table_index(int group, int level, std::size_t at, int age_count) {
        return (static_cast<std::size_t>(group) * need_levels + static_cast<std::size_t>(level)) * sex_count *
                   static_cast<std::size_t>(age_count) +
               at;
    }
    /// Death probability of a person in dementia state `state` at need level `level` (need module).
    double death(int state, int level, int interval, int sex, int age) const {
        return death_by_need_in(interval)[need_table_index(state, level, at(sex, age), age_count)];
    }
    /// Death probability of a person in dementia state `state` (0 none, 1 first year, 2 later).
    double death(int state, int interval, int sex, int age) const {
        return death_probability_by_dementia[state]
                                            [static_cast<std::size_t>(interval) * sex_count * age_count + at(sex, age)];
    }
};

/// Every rate: SharedCohortRates and every module's `Rates` (complete in cohorts/modules.hpp).
struct CohortRates;

/// A table's values [sex][age], or zeros for an empty (absent) table.
std::vector<double> copy_table(const AgeSexTable& table, int age_count);

/// Entry probabilities [sex][age] keeping a two-state profile `prevalence` (or moving it to `next`) with
/// the exit probabilities `exit_by_age` (deaths equal in and out of the state): carers and SEND.
std::vector<double> entries_for(const std::vector<double>& prevalence, const std::vector<double>& exit_by_age, int n,
                                const std::vector<double>* next = nullptr);

/// Derives every cohort module's yearly probabilities: each module's own `Rates` first (the builds here
/// read some of them), then the rates built together.
CohortRates build_cohort_rates(const CohortInputs& inputs, const CohortConfig& config,
                               const DemographicRates& demography);

/// Factor on carer_prevalence at index `at` ([sex][age]) in `year`: (1 + carer_trend)^(years from
/// carers.trend_reference_year to `year`, at most to carers.trend_end_year); 1 before the reference year
/// and without a trend.
double carer_trend_factor(const CohortRates& rates, std::size_t at, int year);

/// The prevalence of caring (not for a partner with dementia) in `year`, [sex][age], at most 1.
std::vector<double> carer_prevalence_in(const CohortRates& rates, int year);

/// Band values spread over single years: a log-linear curve through one anchor per band, the anchors
/// moved until each band's mean weighted by `population` ([sex][age]) equals the band's value, so the
/// curve is continuous across band edges. Ages outside every band (value 0) stay 0.
std::vector<double> smooth_bands(const AgeSexTable& bands, const std::vector<double>& population);

}  // namespace carecast
