#pragma once
// The cohort modules' data tables, read and checked when a scenario is loaded (so `carecast validate`
// reports their problems too). A module with tables of its own declares them in its folder (its
// `Inputs`, read by its `read_inputs`); the tables here are those of the modules whose rates are built
// together (dementia, need, care homes and carers: cohort_rates.cpp), and the prevalence cohorts.
#include <array>
#include <string>
#include <vector>

#include "io/age_table.hpp"
#include "scenario/cohort_config.hpp"

namespace carecast {

/// The need table's names of levels 1+, 2+ and 3 (column `level`).
inline constexpr const char* need_level_names[3] = {"any", "adl", "high"};

/// The tables read here (CohortInputs, composed in cohorts/modules.hpp, adds every module's `Inputs`).
struct SharedCohortInputs {
    AgeSexTable dementia_prevalence;          // 65+ bands (CFAS II)
    AgeSexTable dementia_prevalence_lower95;  // 95% CI of the bands, for parameter uncertainty (or empty)
    AgeSexTable dementia_prevalence_upper95;
    AgeSexTable dementia_early_onset;  // 30-64
    AgeSexTable carer_prevalence;
    AgeSexTable carer_trend;  // annual relative change; empty without carers.trend_csv
    AgeSexTable care_home_admission;
    std::array<AgeSexTable, 3> need_at_least;          // share at need level 1+, 2+, 3 (need_level_names)
    std::vector<std::string> prevalence_cohort_names;  // in file order
    std::vector<AgeSexTable> prevalence_cohort_rates;
};

/// Every table: SharedCohortInputs and every module's `Inputs` (complete in cohorts/modules.hpp).
struct CohortInputs;

/// Reads every table the enabled cohorts need, module by module in the order of CohortModules (a module
/// with a configuration of its own resolves it from `file`, the parsed scenario); problems go to
/// `diagnostics`.
CohortInputs read_cohort_inputs(const ScenarioFile& file, const CohortConfig& config, int max_age,
                                Diagnostics& diagnostics);

/// How carers.trend_csv is read: its value column with the range of DataColumns.carer_trend in the schema.
AgeTableSpec carer_trend_spec();

/// Reads the 95% confidence limits of dementia prevalence (columns lower95, upper95 of the prevalence
/// file) into `inputs`, for parameter uncertainty.
void read_dementia_prevalence_intervals(const CohortConfig& config, int max_age, CohortInputs& inputs,
                                        Diagnostics& diagnostics);

}  // namespace carecast
