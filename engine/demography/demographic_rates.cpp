#include "demography/demographic_rates.hpp"

#include <algorithm>
#include <cmath>

#include "demography/base_population.hpp"

namespace carecast {
namespace {

double clamp_probability(double p) {
    return std::clamp(p, 0.0, 1.0);
}

/// Probability of dying between mid-year y and y+1 for a person aged `age` at the start: the hazard
/// averages the rates at the two ages the person passes through.
double interval_death_probability(const std::vector<double>& mx, int age, int max_age) {
    const double hazard =
        0.5 * (mx[static_cast<std::size_t>(age)] + mx[static_cast<std::size_t>(std::min(age + 1, max_age))]);
    return clamp_probability(1.0 - std::exp(-hazard));
}

/// National ASFR for `year` (the last data year's rates beyond the data, times the future multiplier).
double national_fertility(const DemographicInputs& inputs, const DemographyConfig& config, int year, int age) {
    const auto& table = inputs.fertility_rates;
    if (age >= table.age_count) return 0.0;
    const int data_year = std::min(year, table.last_year);
    const double multiplier = year > table.last_year ? config.fertility_future_multiplier : 1.0;
    return multiplier * table.at(data_year, 0, age);
}

void build_interval_rates(const DemographicInputs& inputs, const ModelConfig& config, DemographicRates& rates) {
    const auto& d = config.demography;
    const int max_age = rates.grid.max_age;
    for (int k = 0; k < rates.interval_count(); ++k) {
        const int year = rates.base_year + k;
        for (int sex = 0; sex < sex_count; ++sex) {
            const auto mx = local_death_rates(inputs, d, year, sex);
            for (int age = 0; age <= max_age; ++age)
                rates.death_probability.push_back(interval_death_probability(mx, age, max_age));
            // Newborns are exposed for half a year on average before the next mid-year.
            rates.newborn_death_probability.push_back(clamp_probability(1.0 - std::exp(-0.5 * mx[0])));
        }
        for (int age = 0; age <= max_age; ++age) {
            const double asfr =
                0.5 * (national_fertility(inputs, d, year, age) + national_fertility(inputs, d, year, age + 1));
            rates.birth_probability.push_back(clamp_probability(d.fertility_factor * asfr));
        }
    }
}

/// Net migration: positive net arrives as immigrants (shared between areas like the base population),
/// negative net leaves as a probability on the base population of that age and sex.
void build_migration(const DemographicInputs& inputs, const ModelConfig& config, DemographicRates& rates) {
    const auto& grid = rates.grid;
    const double scale = config.demography.migration_scale;
    rates.emigration_probability.assign(sex_count * static_cast<std::size_t>(grid.age_count()), 0.0);
    rates.expected_immigrants.assign(grid.cell_count(), 0.0);
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = 0; age <= grid.max_age; ++age) {
            const double net = scale * inputs.net_migration[rates.sex_age(sex, age)];
            std::int64_t total = 0;
            for (std::size_t area = 0; area < grid.areas.size(); ++area)
                total += rates.base_counts[grid.cell(area, sex, age)];
            if (net < 0) {
                rates.emigration_probability[rates.sex_age(sex, age)] =
                    total > 0 ? clamp_probability(-net / static_cast<double>(total)) : 0.0;
                continue;
            }
            for (std::size_t area = 0; area < grid.areas.size(); ++area) {
                const double share = total > 0 ? static_cast<double>(rates.base_counts[grid.cell(area, sex, age)]) /
                                                     static_cast<double>(total)
                                               : 1.0 / static_cast<double>(grid.areas.size());
                rates.expected_immigrants[grid.cell(area, sex, age)] = net * share;
            }
        }
}

}  // namespace

double local_death_rate(const DemographicInputs& inputs, const DemographyConfig& config, int year, int sex, int age) {
    const auto& table = inputs.death_rates;
    const int data_year = std::clamp(year, table.first_year, table.last_year);
    const double factor =
        sex == static_cast<int>(Sex::male) ? config.mortality_factor_male : config.mortality_factor_female;
    const double improvement = std::pow(1.0 - config.mortality_improvement, std::max(0, year - table.last_year));
    return factor * table.at(data_year, sex, age) * improvement;
}

std::vector<double> local_death_rates(const DemographicInputs& inputs, const DemographyConfig& config, int year,
                                      int sex) {
    std::vector<double> mx(static_cast<std::size_t>(inputs.grid.age_count()));
    for (int age = 0; age <= inputs.grid.max_age; ++age)
        mx[static_cast<std::size_t>(age)] = local_death_rate(inputs, config, year, sex, age);
    return mx;
}

DemographicRates build_demographic_rates(const DemographicInputs& inputs, const ModelConfig& config) {
    DemographicRates rates;
    rates.base_year = config.run.base_year;
    rates.horizon_year = config.run.horizon_year;
    rates.grid = inputs.grid;
    rates.probability_male_at_birth = config.demography.probability_male_at_birth;
    rates.base_counts = split_open_age_group(inputs, config.demography, config.run.base_year);
    build_interval_rates(inputs, config, rates);
    build_migration(inputs, config, rates);
    return rates;
}

}  // namespace carecast
