#include "demography/expected_projection.hpp"

#include <algorithm>

#include "demography/flow.hpp"

namespace carecast {

ExpectedYear expected_step(const DemographicRates& rates, int interval, const std::vector<double>& population) {
    const auto& grid = rates.grid;
    ExpectedYear out;
    out.population_end.assign(grid.cell_count(), 0.0);
    for (auto& f : out.flows) f.assign(grid.cell_count(), 0.0);
    auto& births = out.flows[static_cast<int>(Flow::births)];
    auto& deaths = out.flows[static_cast<int>(Flow::deaths)];
    auto& emigrants = out.flows[static_cast<int>(Flow::emigrants)];
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= grid.max_age; ++age) {
                const double n = population[grid.cell(area, sex, age)];
                const int end_age = std::min(age + 1, grid.max_age);
                const std::size_t end = grid.cell(area, sex, end_age);
                const double dead = n * rates.death(interval, sex, age);
                const double left = (n - dead) * rates.emigration(sex, end_age);
                deaths[end] += dead;
                emigrants[end] += left;
                out.population_end[end] += n - dead - left;
                if (sex != static_cast<int>(Sex::female)) continue;
                const double born = n * rates.birth(interval, age);
                for (int child_sex = 0; child_sex < sex_count; ++child_sex) {
                    const double share = child_sex == static_cast<int>(Sex::male)
                                             ? rates.probability_male_at_birth
                                             : 1.0 - rates.probability_male_at_birth;
                    const std::size_t cell = grid.cell(area, child_sex, 0);
                    const double b = born * share;
                    const double d = b * rates.newborn_death(interval, child_sex);
                    const double e = (b - d) * rates.emigration(child_sex, 0);
                    births[cell] += b;
                    deaths[cell] += d;
                    emigrants[cell] += e;
                    out.population_end[cell] += b - d - e;
                }
            }
    auto& immigrants = out.flows[static_cast<int>(Flow::immigrants)];
    for (std::size_t cell = 0; cell < grid.cell_count(); ++cell) {
        immigrants[cell] = std::max(0.0, rates.expected_immigrants[cell]);
        out.population_end[cell] += immigrants[cell];
    }
    return out;
}

std::vector<double> expected_projection(const DemographicRates& rates) {
    std::vector<double> population(rates.base_counts.begin(), rates.base_counts.end());
    std::vector<double> all = population;
    for (int interval = 0; interval < rates.interval_count(); ++interval) {
        population = expected_step(rates, interval, population).population_end;
        all.insert(all.end(), population.begin(), population.end());
    }
    return all;
}

}  // namespace carecast
