#pragma once
// Several areas in one scenario (all of England, a county's districts): the per-area parameters file,
// and the single-area inputs each area is simulated from. Migration between areas is not modelled, so
// areas are independent and each runs as its own single-area model.
#include <cstddef>

#include "demography/demographic_inputs.hpp"
#include "scenario/model_config.hpp"

namespace carecast {

/// Reads demography.area_parameters_csv (if named) into `out.area_parameters`, in the base population's
/// area order: every base-population area must have one row and every row's area must be one of them.
void read_area_parameters(const DemographyConfig& config, DemographicInputs& out, Diagnostics& diagnostics);

/// Area `area` of `inputs` alone: its base population and net migration, as a one-area grid.
DemographicInputs area_demographic_inputs(const DemographicInputs& inputs, std::size_t area);

/// The scenario's configuration for area `area`: its area code, and its parameters (if given) in place
/// of the scenario's local mortality and fertility factors and EHC growth.
ModelConfig area_model_config(const ModelConfig& config, const DemographicInputs& inputs, std::size_t area);

}  // namespace carecast
