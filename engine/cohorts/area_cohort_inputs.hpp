#pragma once
// Several areas in one scenario: the cohort tables of one area, scaled by its row of the per-area
// parameters file (demography/area_parameters.hpp reads it).
#include <cstddef>

#include "cohorts/cohort_inputs.hpp"
#include "demography/demographic_inputs.hpp"

namespace carecast {

/// The cohort tables for area `area`: EHC-plan prevalence and care-home admission probabilities (18-64,
/// 65+) times its scales, capped at 1; unchanged without area parameters.
CohortInputs area_cohort_inputs(const CohortInputs& inputs, const DemographicInputs& demography, std::size_t area);

}  // namespace carecast
