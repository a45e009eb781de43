#pragma once
// The published figures of a scenario's `observed` section as output variables beside the projection:
//   observed_population(area, observed_year, sex, observed_age)  persons at 30 June (ONS mid-year estimates)
//   observed_ehc_plans(area, observed_ehc_year, ehc_age_band)    plans and statements in January (DfE SEN2)
// Doubles, NaN where the source has no figure; each with `source` (the scenario's text and the file's
// `#` header lines), `source_file` and `long_name`. They have no replicate dimension, so they are not
// part of results_digest and `carecast merge` keeps them as they are.
#include "observed/observed_inputs.hpp"
#include "output/dataset.hpp"

namespace carecast::output {

inline constexpr const char* observed_population_name = "observed_population";
inline constexpr const char* observed_ehc_plans_name = "observed_ehc_plans";
inline constexpr const char* observed_year_dimension = "observed_year";
inline constexpr const char* observed_age_dimension = "observed_age";
inline constexpr const char* observed_ehc_year_dimension = "observed_ehc_year";
inline constexpr const char* ehc_age_band_dimension = "ehc_age_band";

/// Adds the observed variables and their dimensions to `dataset` (which already has `area` and `sex`);
/// nothing for a table the scenario does not give.
void add_observed(Dataset& dataset, const ObservedInputs& observed);

}  // namespace carecast::output
