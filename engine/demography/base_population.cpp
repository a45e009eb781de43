#include "demography/base_population.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/append_by_cell.hpp"
#include "core/person_key.hpp"
#include "demography/demographic_rates.hpp"
#include "demography/life_table.hpp"

namespace carecast {
namespace {

/// Splits `total` into integers proportional to `weights`, largest remainders first (ties by age).
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights) {
    const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<std::int64_t> counts(weights.size(), 0);
    if (sum <= 0) {
        counts.front() = total;
        return counts;
    }
    std::vector<std::pair<double, std::size_t>> remainders;
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double exact = static_cast<double>(total) * weights[i] / sum;
        counts[i] = static_cast<std::int64_t>(std::floor(exact));
        assigned += counts[i];
        remainders.emplace_back(exact - std::floor(exact), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; assigned < total; ++k, ++assigned) ++counts[remainders[k].second];
    return counts;
}

/// Adds one person per resident of `counts` to the empty `population`.
void add_residents(const PopulationGrid& grid, const std::vector<std::int64_t>& counts, Population& population) {
    // Headroom for the growth of a projection (births and arrivals), so the arrays rarely need to move:
    // growing them copies every column and touches new pages (page faults), while room reserved and
    // not yet used costs address space but no memory.
    const auto n = static_cast<std::size_t>(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}));
    population.reserve(n + n / 4);
    append_by_cell(grid, counts, base_person_key, population);
}

}  // namespace

std::vector<std::int64_t> split_open_age_group(const DemographicInputs& inputs, const DemographyConfig& config,
                                               int base_year) {
    const PopulationGrid& grid = inputs.grid;
    const int open_ages = inputs.open_age + 1;
    std::vector<std::int64_t> counts(grid.cell_count(), 0);
    for (int sex = 0; sex < sex_count; ++sex) {
        const auto table = life_table_from_rates(local_death_rates(inputs, config, base_year, sex));
        const std::vector<double> weights(table.person_years.begin() + inputs.open_age, table.person_years.end());
        for (std::size_t area = 0; area < grid.areas.size(); ++area) {
            const std::size_t row = (area * sex_count + static_cast<std::size_t>(sex)) * open_ages;
            for (int age = 0; age < inputs.open_age; ++age)
                counts[grid.cell(area, sex, age)] = inputs.base_counts[row + static_cast<std::size_t>(age)];
            const auto split = apportion(inputs.base_counts[row + static_cast<std::size_t>(inputs.open_age)], weights);
            for (std::size_t k = 0; k < split.size(); ++k)
                counts[grid.cell(area, sex, inputs.open_age + static_cast<int>(k))] = split[k];
        }
    }
    return counts;
}

Population make_population(const PopulationGrid& grid, const std::vector<std::int64_t>& counts) {
    Population population;
    add_residents(grid, counts, population);
    return population;
}

Population make_population(const PopulationGrid& grid, const std::vector<std::int64_t>& counts,
                           std::span<const std::size_t> columns) {
    Population population;
    population.hold_only(columns);
    add_residents(grid, counts, population);
    return population;
}

}  // namespace carecast
