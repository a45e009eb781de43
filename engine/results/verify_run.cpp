#include "results/verify_run.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <variant>

#include "core/population.hpp"
#include "output/dataset_digest.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::output {
namespace {

const std::string* attribute(const Dataset& dataset, const std::string& name) {
    for (const Attribute& a : dataset.global_attributes)
        if (a.name == name) return &a.value;
    return nullptr;
}

std::optional<long long> whole_number(const std::string* text) {
    long long value = 0;
    if (text == nullptr) return std::nullopt;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return value;
}

std::size_t data_size(const Variable& v) {
    return std::visit([](const auto& values) { return values.size(); }, v.data);
}

/// Coordinates must be consecutive integers from `first`.
void check_consecutive(const Dimension& d, long long first, const std::string& what,
                       std::vector<std::string>& problems) {
    if (d.int_coordinates.size() != d.size) {
        problems.push_back("dimension '" + d.name + "' has " + std::to_string(d.int_coordinates.size()) +
                           " coordinates for " + std::to_string(d.size) + " entries");
        return;
    }
    for (std::size_t i = 0; i < d.size; ++i)
        if (d.int_coordinates[i] != first + static_cast<long long>(i)) {
            problems.push_back("dimension '" + d.name + "': coordinate " + std::to_string(i) + " is " +
                               std::to_string(d.int_coordinates[i]) + ", expected " +
                               std::to_string(first + static_cast<long long>(i)) + " (" + what + ")");
            return;
        }
}

void check_names(const Dimension& d, const std::vector<std::string>& expected, std::vector<std::string>& problems) {
    if (d.string_coordinates != expected) problems.push_back("dimension '" + d.name + "' has unexpected labels");
}

void check_coordinates(const Dataset& dataset, std::vector<std::string>& problems) {
    std::map<std::string, const Dimension*> dims;
    for (const Dimension& d : dataset.dimensions) dims[d.name] = &d;
    const auto replicates = whole_number(attribute(dataset, "replicates"));
    const auto first = whole_number(attribute(dataset, "first_replicate"));
    if (!replicates || !first)
        problems.push_back("global attributes 'replicates' and 'first_replicate' are missing or not numbers");
    if (!dims.count("replicate")) problems.push_back("dimension 'replicate' is missing");
    if (!dims.count("year")) problems.push_back("dimension 'year' is missing");
    if (dims.count("replicate") && replicates && first) {
        const Dimension& r = *dims["replicate"];
        if (static_cast<long long>(r.size) != *replicates)
            problems.push_back("dimension 'replicate' has " + std::to_string(r.size) + " entries but the file says " +
                               std::to_string(*replicates) + " replicates");
        check_consecutive(r, *first, "replicates must run from first_replicate", problems);
    }
    if (dims.count("year") && !dims["year"]->int_coordinates.empty()) {
        const Dimension& y = *dims["year"];
        check_consecutive(y, y.int_coordinates.front(), "years must be consecutive", problems);
        if (dims.count("period"))
            check_consecutive(*dims["period"], y.int_coordinates.front() + 1, "periods are the years after the first",
                              problems);
    }
    if (dims.count("age")) check_consecutive(*dims["age"], 0, "ages run from 0", problems);
    if (dims.count("sex")) check_names(*dims["sex"], {sex_names, sex_names + sex_count}, problems);
    if (dims.count("statistic"))
        check_names(*dims["statistic"], {statistic_names, statistic_names + statistic_count}, problems);
}

/// Sizes against dimensions, and each X_summary against the statistics of X.
void check_arrays(const Dataset& dataset, std::vector<std::string>& problems) {
    std::map<std::string, std::size_t> sizes;
    for (const Dimension& d : dataset.dimensions) sizes[d.name] = d.size;
    std::map<std::string, const Variable*> by_name;
    for (const Variable& v : dataset.variables) {
        by_name[v.name] = &v;
        std::size_t expected = 1;
        bool known = true;
        for (const auto& name : v.dimensions) {
            if (!sizes.count(name))
                known = false;
            else
                expected *= sizes[name];
        }
        if (!known || expected != data_size(v))
            problems.push_back("variable '" + v.name + "' does not match its dimensions");
    }
    if (!problems.empty()) return;
    for (const Variable& summary : dataset.variables) {
        if (!is_summary_name(summary.name) || summary.dimensions.empty() || summary.dimensions.front() != "statistic")
            continue;
        const auto source = by_name.find(summarised_name(summary.name));
        if (source == by_name.end()) {
            problems.push_back("variable '" + summary.name + "' has no replicate array beside it");
            continue;
        }
        const Variable& values = *source->second;
        if (values.dimensions.empty() || values.dimensions.front() != "replicate") continue;
        const auto* stored = std::get_if<std::vector<double>>(&summary.data);
        const std::size_t replicates = sizes["replicate"];
        const auto expected =
            std::visit([replicates](const auto& v) { return summarise_over_replicates(v, replicates); }, values.data);
        bool same = stored != nullptr && stored->size() == expected.size();
        for (std::size_t i = 0; same && i < expected.size(); ++i) {
            const double a = (*stored)[i], b = expected[i];
            same = (std::isnan(a) && std::isnan(b)) || a == b ||
                   std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
        }
        if (!same)
            problems.push_back("variable '" + summary.name + "' does not match the statistics of '" + values.name +
                               "' (altered after the run?)");
    }
}

}  // namespace

std::vector<std::string> verify_run_dataset(const Dataset& dataset) {
    std::vector<std::string> problems;
    const std::string* digest = attribute(dataset, "results_digest");
    if (digest == nullptr) {
        problems.push_back("it has no results_digest attribute (not a carecast run file?)");
    } else if (const auto actual = dataset_results_digest(dataset); *digest != actual) {
        problems.push_back("results_digest " + *digest + " does not match its arrays (recomputed " + actual +
                           "): values were altered, or arrays deleted or added, after the run");
    }
    check_coordinates(dataset, problems);
    check_arrays(dataset, problems);
    return problems;
}

}  // namespace carecast::output
