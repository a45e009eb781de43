#pragma once
// The cohort modules' data tables, read and checked when a scenario is loaded (so `carecast validate`
// reports their problems too).
#include <string>
#include <vector>

#include "io/age_table.hpp"
#include "scenario/cohort_config.hpp"

namespace carecast {

struct CohortInputs {
    AgeSexTable dementia_prevalence;           // 65+ bands (CFAS II)
    AgeSexTable dementia_early_onset;          // 30-64
    AgeSexTable partnered_share;
    AgeSexTable carer_prevalence;
    AgeSexTable sen_support_prevalence;
    AgeSexTable ehc_plan_prevalence;
    AgeSexTable fall_admission;
    AgeSexTable care_home_admission;
    AgeSexTable reablement;
    AgeSexTable home_care_start;
    std::vector<std::string> prevalence_cohort_names;  // in file order
    std::vector<AgeSexTable> prevalence_cohort_rates;
};

/// Reads every table the enabled cohorts need; problems go to `diagnostics`.
CohortInputs read_cohort_inputs(const CohortConfig& config, int max_age, Diagnostics& diagnostics);

}  // namespace carecast
