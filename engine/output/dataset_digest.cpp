#include "output/dataset_digest.hpp"

#include <variant>

#include "core/digest.hpp"

namespace carecast::output {

std::string dataset_results_digest(const Dataset& dataset) {
    Digest digest;
    for (const Variable& variable : dataset.variables) {
        if (variable.dimensions.empty() || variable.dimensions.front() != "replicate") continue;
        digest.add(variable.name.data(), variable.name.size() + 1);  // with its NUL: names cannot run together
        std::visit([&digest](const auto& values) { digest.add(values.data(), values.size() * sizeof(values[0])); },
                   variable.data);
    }
    return digest.hex();
}

}  // namespace carecast::output
