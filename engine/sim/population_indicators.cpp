#include "sim/population_indicators.hpp"

namespace carecast {

std::vector<std::int32_t> compute_population_indicators(const RunResults& results) {
    const auto& grid = results.grid;
    const std::size_t years = static_cast<std::size_t>(results.year_count());
    std::vector<std::int32_t> out;
    out.reserve(results.replicates.size() * years * population_indicator_count);
    for (const auto& replicate : results.replicates)
        for (std::size_t y = 0; y < years; ++y)
            for (const auto& indicator : population_indicators) {
                std::int32_t sum = 0;
                for (std::size_t area = 0; area < grid.areas.size(); ++area)
                    for (int sex = 0; sex < sex_count; ++sex)
                        for (int age = indicator.min_age; age <= std::min(indicator.max_age, grid.max_age); ++age)
                            sum += replicate.population()[y * grid.cell_count() + grid.cell(area, sex, age)];
                out.push_back(sum);
            }
    return out;
}

}  // namespace carecast
