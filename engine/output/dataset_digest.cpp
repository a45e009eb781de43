#include "output/dataset_digest.hpp"

#include <variant>

#include "core/digest.hpp"

namespace carecast::output {

std::string dataset_results_digest(const Dataset& dataset) {
    Digest digest;
    for (const Variable& variable : dataset.variables) {
        if (variable.dimensions.empty() || variable.dimensions.front() != "replicate") continue;
        digest.add(variable.name.data(), variable.name.size() + 1);  // with its NUL: names cannot run together
        Values computed;  // a deferred variable's values (Dataset::deferred), computed for the digest
        std::visit([&digest](const auto& values) { digest.add(values.data(), values.size() * sizeof(values[0])); },
                   values_of(dataset, variable, computed));
    }
    return digest.hex();
}

}  // namespace carecast::output
