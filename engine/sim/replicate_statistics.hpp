#pragma once
// Across-replicate statistics reported for every output: mean and the 5th, 50th and 95th percentiles.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tbb/blocked_range.h>

#include "core/fresh_memory.hpp"
#include "core/parallel.hpp"
#include "output/dataset.hpp"

namespace carecast {

inline constexpr int statistic_count = 4;
inline constexpr const char* statistic_names[statistic_count] = {"mean", "p5", "p50", "p95"};

/// Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, the default
/// of R's quantile() and numpy.percentile), so analysts can reproduce the figures.
double percentile(const std::vector<double>& sorted, double fraction);

/// {mean, p5, p50, p95} of `values` (order irrelevant; `values` is sorted in place).
std::array<double, statistic_count> summarise(std::vector<double>& values);

/// Whether summarise(values) would give values[0] for every statistic, known without sorting: for
/// int32 counts equal in every replicate. Their sum is then exact (below 2^53 for fewer than 2^22
/// replicates), so the mean is the value exactly, and every percentile is the value plus 0 times a
/// difference of 0. (Not for doubles: the sum of n copies of 0.1, divided by n, need not be 0.1.)
template <typename T>
bool every_statistic_is_the_value(const std::vector<double>& values) {
    if constexpr (!std::is_same_v<T, std::int32_t>) {
        return false;
    } else {
        if (values.empty() || values.size() >= (std::size_t{1} << 22)) return false;
        return std::all_of(values.begin(), values.end(), [&](double v) { return v == values[0]; });
    }
}

/// Statistics of an array laid out [replicate][cell], giving [statistic][cell]. Cells are independent:
/// summarised in parallel (this is part of the serial time after a run's simulation).
template <typename T>
std::vector<double> summarise_over_replicates(const std::vector<T>& data, std::size_t replicates) {
    const std::size_t cells = replicates ? data.size() / replicates : 0;
    auto out = zeroed_array<double>(statistic_count * cells);
    run_in_parallel(tbb::blocked_range<std::size_t>(0, cells, 4096), [&](const tbb::blocked_range<std::size_t>& range) {
        std::vector<double> values(replicates);
        for (std::size_t c = range.begin(); c != range.end(); ++c) {
            for (std::size_t r = 0; r < replicates; ++r) values[r] = static_cast<double>(data[r * cells + c]);
            if (every_statistic_is_the_value<T>(values)) {  // often: counts that are 0 in every replicate
                for (int s = 0; s < statistic_count; ++s) out[static_cast<std::size_t>(s) * cells + c] = values[0];
                continue;
            }
            const auto stats = summarise(values);
            for (int s = 0; s < statistic_count; ++s)
                out[static_cast<std::size_t>(s) * cells + c] = stats[static_cast<std::size_t>(s)];
        }
    });
    return out;
}

// Every output array laid out [replicate][...] may stand beside its statistics across replicates,
// [statistic][...], named NAME_summary: what the run's and the money's datasets write, and merge and
// verify recognise.
inline constexpr std::string_view summary_suffix = "_summary";
inline std::string summary_name(const std::string& name) {
    return name + std::string(summary_suffix);
}
inline std::string summary_long_name(const std::string& long_name) {
    return long_name + " (statistics across replicates)";
}
inline bool is_summary_name(const std::string& name) {
    return name.ends_with(summary_suffix);
}
/// The name of the array whose statistics a variable named `name` (is_summary_name) holds.
inline std::string summarised_name(const std::string& name) {
    return name.substr(0, name.size() - summary_suffix.size());
}

/// Whether a summary carries its array's attributes: the money and market outputs' do (their pence
/// notes); the run's do not.
enum class SummaryAttributes { none, same };

/// Appends the variable `name` [replicate][...] and its statistics across replicates, in that order.
template <typename T>
void add_with_summary(output::Dataset& dataset, const std::string& name, std::vector<std::string> dims,
                      std::vector<T> data, std::size_t replicates, const std::string& long_name,
                      const std::string& units, std::vector<output::Attribute> attributes = {},
                      SummaryAttributes on_summary = SummaryAttributes::none) {
    auto summary = summarise_over_replicates(data, replicates);
    auto summary_attributes = on_summary == SummaryAttributes::same ? attributes : std::vector<output::Attribute>{};
    dataset.variables.push_back({name, dims, long_name, units, std::move(data), std::move(attributes)});
    dims.front() = "statistic";
    dataset.variables.push_back({summary_name(name), std::move(dims), summary_long_name(long_name), units,
                                 std::move(summary), std::move(summary_attributes)});
}

}  // namespace carecast
