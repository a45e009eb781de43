#pragma once
// The base-year population: the open age group split into single years, and one simulated person per
// resident with a stable identity.
#include <cstdint>
#include <span>
#include <vector>

#include "core/population.hpp"
#include "demography/demographic_inputs.hpp"

namespace carecast {

/// Splits each area's and sex's open age group (open_age and over) into single years open_age..max_age
/// in proportion to the person-years lived L(x) of the local base-year life table: the age structure
/// of a stationary population with that mortality. Integer counts by largest remainder, so the group
/// total is kept exactly. Returns [area][sex][age 0..max_age].
std::vector<std::int64_t> split_open_age_group(const DemographicInputs& inputs, const DemographyConfig& config,
                                               int base_year);

/// One person per resident of `counts` ([area][sex][age]), keyed by (area_key of its code, sex, age, index in cell).
Population make_population(const PopulationGrid& grid, const std::vector<std::int64_t>& counts);
/// The same, holding only the columns numbered `columns` (Population::hold_only).
Population make_population(const PopulationGrid& grid, const std::vector<std::int64_t>& counts,
                           std::span<const std::size_t> columns);

}  // namespace carecast
