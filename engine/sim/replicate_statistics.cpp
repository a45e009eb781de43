#include "sim/replicate_statistics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace carecast {

double percentile(const std::vector<double>& sorted, double fraction) {
    assert(!sorted.empty() && fraction >= 0.0 && fraction <= 1.0);
    const double position = fraction * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

std::array<double, statistic_count> summarise(std::vector<double>& values) {
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (double v : values) sum += v;
    return {sum / static_cast<double>(values.size()), percentile(values, 0.05), percentile(values, 0.50),
            percentile(values, 0.95)};
}

}  // namespace carecast
