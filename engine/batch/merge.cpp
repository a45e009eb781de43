#include "batch/merge.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/text.hpp"
#include "finance/finance_dataset.hpp"
#include "output/dataset_digest.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::batch {
namespace {

using output::Dataset;
using output::Dimension;
using output::Variable;

constexpr const char* kReplicate = "replicate";

bool has_replicate_axis(const Variable& variable) {
    return !variable.dimensions.empty() && variable.dimensions.front() == kReplicate;
}

/// The part's replicate coordinates, or empty with a problem reported.
const Dimension* replicate_dimension(const MergePart& part, std::vector<std::string>& problems) {
    for (const Dimension& dimension : part.dataset.dimensions) {
        if (dimension.name != kReplicate) continue;
        const auto& numbers = dimension.int_coordinates;
        if (numbers.empty()) {
            problems.push_back(part.name + ": dimension 'replicate' has no replicate numbers");
            return nullptr;
        }
        for (std::size_t i = 1; i < numbers.size(); ++i) {
            if (numbers[i] != numbers[i - 1] + 1) {
                problems.push_back(part.name + ": replicate numbers are not consecutive (" +
                                   std::to_string(numbers[i - 1]) + " then " + std::to_string(numbers[i]) + ")");
                return nullptr;
            }
        }
        return &dimension;
    }
    problems.push_back(part.name + ": has no 'replicate' dimension (not a carecast run file)");
    return nullptr;
}

void check_part_integrity(const MergePart& part, std::vector<std::string>& problems) {
    for (const char* name : {"scenario_digest", "seed", "carecast_version", "results_digest"}) {
        if (global_attribute(part.dataset, name).empty())
            problems.push_back(part.name + ": has no global attribute '" + name + "' (not a carecast run file)");
    }
    const std::string recorded = global_attribute(part.dataset, "results_digest");
    const std::string actual = output::dataset_results_digest(part.dataset);
    if (!recorded.empty() && recorded != actual)
        problems.push_back(part.name + ": results_digest " + recorded + " does not match its arrays (" + actual +
                           "): the file was altered, or written by an older carecast");
}

bool same_dimension(const Dimension& a, const Dimension& b) {
    return a.name == b.name && a.size == b.size && a.long_name == b.long_name && a.units == b.units &&
           a.int_coordinates == b.int_coordinates && a.string_coordinates == b.string_coordinates;
}

/// Bit-for-bit equality of two arrays of the same type: a NaN (an unpublished observed figure) equals
/// the same NaN, where `==` would call every array holding one different from itself.
bool same_values(const output::Variable& a, const output::Variable& b) {
    return std::visit(
        [&](const auto& x) {
            const auto& y = std::get<std::decay_t<decltype(x)>>(b.data);
            return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof x[0]) == 0);
        },
        a.data);
}

bool same_attributes(const std::vector<output::Attribute>& a, const std::vector<output::Attribute>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
               return x.name == y.name && x.value == y.value;
           });
}

/// Checks that `part` has the same provenance, dimensions and variables as `reference`.
void check_compatible(const MergePart& reference, const MergePart& part, std::vector<std::string>& problems) {
    const std::string pair = reference.name + " and " + part.name;
    for (const char* name : {"scenario_digest", "seed", "carecast_version"}) {
        const std::string a = global_attribute(reference.dataset, name);
        const std::string b = global_attribute(part.dataset, name);
        if (a != b)
            problems.push_back(pair + " differ in " + name + " (" + a + " vs " + b +
                               "): they are not parts of one run");
    }
    const auto& dims_a = reference.dataset.dimensions;
    const auto& dims_b = part.dataset.dimensions;
    if (dims_a.size() != dims_b.size()) {
        problems.push_back(pair + " have different dimensions");
    } else {
        for (std::size_t i = 0; i < dims_a.size(); ++i) {
            if (dims_a[i].name == kReplicate && dims_b[i].name == kReplicate) continue;
            if (!same_dimension(dims_a[i], dims_b[i]))
                problems.push_back(pair + " differ in dimension " + in_quotes(dims_a[i].name));
        }
    }
    const auto& vars_a = reference.dataset.variables;
    const auto& vars_b = part.dataset.variables;
    if (vars_a.size() != vars_b.size()) {
        problems.push_back(pair + " have different variables (" + std::to_string(vars_a.size()) + " vs " +
                           std::to_string(vars_b.size()) + ")");
        return;
    }
    for (std::size_t i = 0; i < vars_a.size(); ++i) {
        const Variable& a = vars_a[i];
        const Variable& b = vars_b[i];
        const std::string what = pair + " differ in variable " + in_quotes(a.name);
        if (a.name != b.name || a.dimensions != b.dimensions || a.data.index() != b.data.index()) {
            problems.push_back(what + " (name, dimensions or type)");
        } else if (a.long_name != b.long_name || a.units != b.units || !same_attributes(a.attributes, b.attributes)) {
            problems.push_back(what + " (long_name, units or attributes)");
        } else if (!has_replicate_axis(a) && !is_summary_name(a.name) && !same_values(a, b)) {
            problems.push_back(what + " (its values, which do not depend on the replicate, must be equal)");
        }
    }
}

struct Block {
    std::size_t part = 0;
    std::int64_t first = 0;
    std::int64_t end = 0;  // one past the last
};

std::string range_text(std::int64_t first, std::int64_t end) {
    return end - first == 1 ? "replicate " + std::to_string(first)
                            : "replicates " + std::to_string(first) + ".." + std::to_string(end - 1);
}

void check_coverage(const std::vector<MergePart>& parts, const std::vector<Block>& blocks,
                    std::vector<std::string>& problems) {
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const Block& previous = blocks[i - 1];
        const Block& next = blocks[i];
        const std::string& a = parts[previous.part].name;
        const std::string& b = parts[next.part].name;
        if (next.first < previous.end) {
            const std::int64_t end = std::min(previous.end, next.end);
            problems.push_back(range_text(next.first, end) + (end - next.first == 1 ? " is" : " are") + " in both " +
                               a + " and " + b + " (doubled)");
        } else if (next.first > previous.end) {
            problems.push_back(range_text(previous.end, next.first) +
                               (next.first - previous.end == 1 ? " is" : " are") + " missing: " + a + " ends at " +
                               std::to_string(previous.end - 1) + ", " + b + " starts at " +
                               std::to_string(next.first));
        }
    }
}

void append_values(Variable& merged, const Variable& part) {
    std::visit(
        [&part](auto& values) {
            using Vector = std::decay_t<decltype(values)>;
            const auto& more = std::get<Vector>(part.data);
            values.insert(values.end(), more.begin(), more.end());
        },
        merged.data);
}

/// Recomputes every `X_summary` (first dimension `statistic`) from the merged `X`, deferred
/// (Dataset::deferred) so that it is computed as the file is written, one variable at a time, like a
/// run's: held at once, an all-England replicate's statistics are 2.1 GB.
void recompute_summaries(Dataset& merged, std::size_t replicates) {
    std::map<std::string, const Variable*> by_name;
    for (const Variable& variable : merged.variables) by_name[variable.name] = &variable;
    for (Variable& summary : merged.variables) {
        if (!is_summary_name(summary.name)) continue;
        const auto source = by_name.find(summarised_name(summary.name));
        if (source == by_name.end() || !has_replicate_axis(*source->second)) continue;
        if (summary.dimensions.empty() || summary.dimensions.front() != "statistic" ||
            !std::holds_alternative<std::vector<double>>(summary.data))
            throw MergeError("variable " + in_quotes(summary.name) +
                             " is not a double array over 'statistic': cannot recompute it");
        summary.data = std::vector<double>{};
        merged.deferred.insert_or_assign(summary.name, [name = source->first, replicates](const Dataset& d) {
            return std::visit(
                [replicates](const auto& values) {
                    return output::Values{summarise_over_replicates(values, replicates)};
                },
                output::find_variable(d, name)->data);
        });
    }
}

/// The lines of `text` (split at '\n'), without empty ones.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (end > start) lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

/// The base-year capacity warnings (finance_dataset.hpp) depend on the replicates' mean demand: written
/// again from every merged replicate, in replicate order as one run sums them, so that a merged file
/// warns as one run of all its replicates does.
void recompute_capacity_warnings(Dataset& merged, std::size_t replicates) {
    auto lines = lines_of(global_attribute(merged, "warnings"));
    std::erase_if(lines, [](const std::string& line) { return output::is_capacity_warning(line); });
    const Variable* demand = output::find_variable(merged, "market_demand");
    const Variable* capacity = output::find_variable(merged, "market_capacity");
    const Dimension* service = output::find_dimension(merged, "service");
    const Dimension* year = output::find_dimension(merged, "financial_year");
    if (demand && capacity && service && year && !year->int_coordinates.empty() && replicates > 0 &&
        std::holds_alternative<std::vector<double>>(demand->data) &&
        std::holds_alternative<std::vector<std::int64_t>>(capacity->data)) {
        const auto& d = std::get<std::vector<double>>(demand->data);
        const auto& c = std::get<std::vector<std::int64_t>>(capacity->data);
        const std::size_t services = service->size, per_replicate = year->size * services;
        const std::string prefix = global_attribute(merged, "scenario_path") + ": warning: ";
        for (std::size_t s = 0; s < services; ++s) {
            double sum = 0;
            for (std::size_t r = 0; r < replicates; ++r) sum += d.at(r * per_replicate + s);
            const auto warning =
                output::base_year_capacity_warning(service->string_coordinates.at(s), year->int_coordinates.front(),
                                                   sum / static_cast<double>(replicates), c.at(s));
            if (!warning.empty()) lines.push_back(prefix + warning);
        }
    }
    merged.set_attribute("warnings", joined(lines, "\n"));
}

Dataset concatenate(const std::vector<MergePart>& parts, const std::vector<Block>& blocks) {
    const Dataset& first = parts[blocks.front().part].dataset;
    Dataset merged;
    merged.global_attributes = first.global_attributes;
    const auto total = static_cast<std::size_t>(blocks.back().end - blocks.front().first);
    for (const Dimension& dimension : first.dimensions) {
        merged.dimensions.push_back(dimension);
        if (dimension.name != kReplicate) continue;
        Dimension& replicate = merged.dimensions.back();
        replicate.size = total;
        replicate.int_coordinates.resize(total);
        for (std::size_t i = 0; i < total; ++i)
            replicate.int_coordinates[i] =
                static_cast<std::int32_t>(blocks.front().first + static_cast<std::int64_t>(i));
    }
    for (std::size_t v = 0; v < first.variables.size(); ++v) {
        Variable variable = first.variables[v];
        if (has_replicate_axis(variable)) {
            for (std::size_t b = 1; b < blocks.size(); ++b)
                append_values(variable, parts[blocks[b].part].dataset.variables[v]);
        }
        merged.variables.push_back(std::move(variable));
    }
    recompute_summaries(merged, total);
    recompute_capacity_warnings(merged, total);
    merged.set_attribute("replicates", std::to_string(total));
    merged.set_attribute("first_replicate", std::to_string(blocks.front().first));
    merged.set_attribute("results_digest", output::dataset_results_digest(merged));
    return merged;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
    if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

/// Records where every part came from, in replicate order: `merged_from` gets one line per part
/// (replicates, file, host, threads, command line; a part that is itself a merge contributes its own
/// `merged_from` lines), `history` every part's history lines once each, and `host` every distinct host
/// that simulated replicates (comma separated).
void record_parts(Dataset& merged, const std::vector<MergePart>& parts, const std::vector<Block>& blocks) {
    std::vector<std::string> from;
    std::vector<std::string> history;
    std::vector<std::string> hosts;
    for (const Block& block : blocks) {
        const Dataset& part = parts[block.part].dataset;
        const std::string host = global_attribute(part, "host");
        const std::string nested = global_attribute(part, "merged_from");
        if (!nested.empty()) {
            for (const std::string& line : lines_of(nested)) from.push_back(line);
        } else {
            const std::string threads = global_attribute(part, "threads");
            from.push_back(range_text(block.first, block.end) + " from " + parts[block.part].name + " on host " +
                           (host.empty() ? "unknown" : host) + (threads.empty() ? "" : ", " + threads + " thread(s)") +
                           ": " + global_attribute(part, "command_line"));
        }
        for (const std::string& line : lines_of(global_attribute(part, "history"))) add_unique(history, line);
        for (std::size_t start = 0; start < host.size();) {  // a merged part's host is a list "a, b"
            const std::size_t comma = std::min(host.find(", ", start), host.size());
            add_unique(hosts, host.substr(start, comma - start));
            start = comma + 2;
        }
    }
    merged.set_attribute("merged_from", joined(from, "\n"));
    merged.set_attribute("history", joined(history, "\n"));
    if (!hosts.empty()) merged.set_attribute("host", joined(hosts, ", "));
}

[[noreturn]] void throw_problems(const std::vector<std::string>& problems) {
    std::string message = "cannot merge:";
    for (const std::string& problem : problems) message += "\n  " + problem;
    throw MergeError(message);
}

}  // namespace

std::string global_attribute(const Dataset& dataset, const std::string& name) {
    for (const auto& attribute : dataset.global_attributes)
        if (attribute.name == name) return attribute.value;
    return {};
}

Dataset merge_parts(std::vector<MergePart> parts, const std::string& command_line) {
    if (parts.empty()) throw MergeError("cannot merge: no input files");
    std::vector<std::string> problems;
    std::vector<Block> blocks;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        check_part_integrity(parts[p], problems);
        if (const Dimension* replicate = replicate_dimension(parts[p], problems)) {
            blocks.push_back({p, replicate->int_coordinates.front(),
                              static_cast<std::int64_t>(replicate->int_coordinates.back()) + 1});
        }
    }
    if (!problems.empty()) throw_problems(problems);
    std::stable_sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.first < b.first; });
    for (std::size_t b = 1; b < blocks.size(); ++b)
        check_compatible(parts[blocks.front().part], parts[blocks[b].part], problems);
    check_coverage(parts, blocks, problems);
    if (!problems.empty()) throw_problems(problems);
    Dataset merged = concatenate(parts, blocks);
    record_parts(merged, parts, blocks);
    if (!command_line.empty()) {
        const std::string history = global_attribute(merged, "history");
        merged.set_attribute("history", history.empty() ? command_line : history + "\n" + command_line);
        merged.set_attribute("command_line", command_line);
    }
    return merged;
}

}  // namespace carecast::batch
