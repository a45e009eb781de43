#pragma once
// Looking things up in a finished run's `Dataset` by name: dimensions, coordinates, variables,
// attributes. Export, report and compare read runs only through these, so they work the same on a
// dataset read from a file and on one built in memory by a test.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::report {

// The dimension or variable called `name`, or null (output/dataset.hpp).
using output::find_dimension;
using output::find_variable;

/// The global attribute `name`, or `fallback` if absent.
std::string global_attribute(const output::Dataset& dataset, std::string_view name, const std::string& fallback = "");

/// The attribute `name` of `variable`, or `fallback` if absent.
std::string variable_attribute(const output::Variable& variable, std::string_view name,
                               const std::string& fallback = "");

/// Coordinates of `dimension` as text (integers in decimal); "0", "1", ... for a bare dimension.
std::vector<std::string> coordinate_labels(const output::Dimension& dimension);

/// Integer coordinates of `dimension` (empty if it has none).
const std::vector<std::int32_t>& int_coordinates(const output::Dimension& dimension);

/// Position of the coordinate `label` in `dimension`, if any.
std::optional<std::size_t> coordinate_index(const output::Dimension& dimension, std::string_view label);

/// The values of `variable` converted to double, row-major over its dimensions.
std::vector<double> values_as_double(const output::Variable& variable);

/// Sizes of `variable`'s dimensions, outermost first; throws std::runtime_error naming the variable if
/// a dimension is missing or the data size does not match.
std::vector<std::size_t> variable_shape(const output::Dataset& dataset, const output::Variable& variable);

}  // namespace carecast::report
