#pragma once
// The cohort modules' data tables, read and checked when a scenario is loaded (so `carecast validate`
// reports their problems too).
#include <array>
#include <string>
#include <vector>

#include "io/age_table.hpp"
#include "scenario/cohort_config.hpp"

namespace carecast {

/// The need table's names of levels 1+, 2+ and 3 (column `level`).
inline constexpr const char* need_level_names[3] = {"any", "adl", "high"};

struct CohortInputs {
    AgeSexTable dementia_prevalence;          // 65+ bands (CFAS II)
    AgeSexTable dementia_prevalence_lower95;  // 95% CI of the bands, for parameter uncertainty (or empty)
    AgeSexTable dementia_prevalence_upper95;
    AgeSexTable dementia_early_onset;  // 30-64
    AgeSexTable partnered_share;
    AgeSexTable partnership_formation;    // empty without formation_probability_csv
    AgeSexTable partnership_dissolution;  // by the woman's age; empty without dissolution_probability_csv
    AgeSexTable carer_prevalence;
    AgeSexTable carer_trend;  // annual relative change; empty without carers.trend_csv
    AgeSexTable sen_support_prevalence;
    AgeSexTable ehc_plan_prevalence;
    AgeSexTable fall_admission;
    AgeSexTable care_home_admission;
    AgeSexTable reablement;
    AgeSexTable home_care_start;
    std::array<AgeSexTable, 3> need_at_least;          // share at need level 1+, 2+, 3 (need_level_names)
    std::vector<std::string> prevalence_cohort_names;  // in file order
    std::vector<AgeSexTable> prevalence_cohort_rates;
};

/// Reads every table the enabled cohorts need; problems go to `diagnostics`.
CohortInputs read_cohort_inputs(const CohortConfig& config, int max_age, Diagnostics& diagnostics);

/// How carers.trend_csv is read: its value column with the range of DataColumns.carer_trend in the schema.
AgeTableSpec carer_trend_spec();

/// Reads the 95% confidence limits of dementia prevalence (columns lower95, upper95 of the prevalence
/// file) into `inputs`, for parameter uncertainty.
void read_dementia_prevalence_intervals(const CohortConfig& config, int max_age, CohortInputs& inputs,
                                        Diagnostics& diagnostics);

}  // namespace carecast
