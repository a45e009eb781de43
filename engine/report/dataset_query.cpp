#include "report/dataset_query.hpp"

#include <stdexcept>
#include <variant>

namespace carecast::report {

std::string global_attribute(const output::Dataset& dataset, std::string_view name, const std::string& fallback) {
    for (const auto& a : dataset.global_attributes)
        if (a.name == name) return a.value;
    return fallback;
}

std::string variable_attribute(const output::Variable& variable, std::string_view name, const std::string& fallback) {
    for (const auto& a : variable.attributes)
        if (a.name == name) return a.value;
    return fallback;
}

std::vector<std::string> coordinate_labels(const output::Dimension& dimension) {
    if (!dimension.string_coordinates.empty()) return dimension.string_coordinates;
    std::vector<std::string> labels;
    labels.reserve(dimension.size);
    for (std::size_t i = 0; i < dimension.size; ++i)
        labels.push_back(dimension.int_coordinates.empty() ? std::to_string(i)
                                                           : std::to_string(dimension.int_coordinates[i]));
    return labels;
}

const std::vector<std::int32_t>& int_coordinates(const output::Dimension& dimension) {
    return dimension.int_coordinates;
}

std::optional<std::size_t> coordinate_index(const output::Dimension& dimension, std::string_view label) {
    const auto labels = coordinate_labels(dimension);
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == label) return i;
    return std::nullopt;
}

std::vector<double> values_as_double(const output::Variable& variable) {
    return std::visit(
        [](const auto& data) {
            std::vector<double> out(data.size());
            for (std::size_t i = 0; i < data.size(); ++i) out[i] = static_cast<double>(data[i]);
            return out;
        },
        variable.data);
}

std::vector<std::size_t> variable_shape(const output::Dataset& dataset, const output::Variable& variable) {
    std::vector<std::size_t> shape;
    std::size_t total = 1;
    for (const auto& name : variable.dimensions) {
        const auto* d = find_dimension(dataset, name);
        if (!d)
            throw std::runtime_error("variable '" + variable.name + "' uses dimension '" + name +
                                     "', which the file lacks");
        shape.push_back(d->size);
        total *= d->size;
    }
    const auto size = std::visit([](const auto& data) { return data.size(); }, variable.data);
    if (size != total)
        throw std::runtime_error("variable '" + variable.name + "' holds " + std::to_string(size) +
                                 " values but its dimensions give " + std::to_string(total));
    return shape;
}

}  // namespace carecast::report
