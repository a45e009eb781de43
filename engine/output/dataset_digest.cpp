#include "output/dataset_digest.hpp"

#include <variant>

#include "core/digest.hpp"

namespace carecast::output {

void add_to_results_digest(Digest& digest, const Dataset& dataset, const Variable& variable) {
    if (variable.dimensions.empty() || variable.dimensions.front() != "replicate") return;
    digest.add(variable.name.data(), variable.name.size() + 1);  // with its NUL: names cannot run together
    Values computed;
    std::visit([&digest](const auto& values) { digest.add(values.data(), values.size() * sizeof(values[0])); },
               values_of(dataset, variable, computed));
}

std::string dataset_results_digest(const Dataset& dataset) {
    Digest digest;
    for (const Variable& variable : dataset.variables) add_to_results_digest(digest, dataset, variable);
    return digest.hex();
}

}  // namespace carecast::output
