#include "demography/calibration.hpp"

#include <cmath>
#include <numeric>

#include "demography/demographic_rates.hpp"
#include "demography/expected_projection.hpp"
#include "demography/life_table.hpp"

namespace carecast {
namespace {

std::size_t open_index(int sex, int age, int open_age) {
    return static_cast<std::size_t>(sex) * static_cast<std::size_t>(open_age + 1) + static_cast<std::size_t>(age);
}

/// Spreads each cohort's gap (observed - expected, `years` after the start) evenly over the ages it
/// reached in those years; the open group's gap goes to ages open..max in proportion to `open_weights`.
std::vector<double> spread_gaps(const std::vector<double>& gap, int years, int open_age, int max_age,
                                const std::vector<double>& open_weights) {
    const int n_ages = max_age + 1;
    std::vector<double> net(sex_count * static_cast<std::size_t>(n_ages), 0.0);
    for (int sex = 0; sex < sex_count; ++sex) {
        std::vector<double> sum(static_cast<std::size_t>(n_ages), 0.0), count(static_cast<std::size_t>(n_ages), 0.0);
        for (int end_age = 0; end_age < open_age; ++end_age) {
            const int first = std::max(0, end_age - years + 1);
            const double per_year = gap[open_index(sex, end_age, open_age)] / (end_age - first + 1);
            for (int a = first; a <= end_age; ++a) {
                sum[static_cast<std::size_t>(a)] += per_year;
                count[static_cast<std::size_t>(a)] += 1;
            }
        }
        for (int a = 0; a < open_age; ++a)
            if (count[static_cast<std::size_t>(a)] > 0)
                net[static_cast<std::size_t>(sex * n_ages + a)] =
                    sum[static_cast<std::size_t>(a)] / count[static_cast<std::size_t>(a)];
        const double open_gap = gap[open_index(sex, open_age, open_age)] / years;
        const auto& w = open_weights;
        const double total = std::accumulate(w.begin() + sex * n_ages + open_age, w.begin() + (sex + 1) * n_ages, 0.0);
        for (int a = open_age; a <= max_age; ++a)
            net[static_cast<std::size_t>(sex * n_ages + a)] =
                total > 0 ? open_gap * w[static_cast<std::size_t>(sex * n_ages + a)] / total : 0.0;
    }
    return net;
}

}  // namespace

double model_life_expectancy(const DemographicInputs& inputs, const DemographyConfig& config, int sex, int first_year,
                             int last_year) {
    std::vector<double> mean(static_cast<std::size_t>(inputs.grid.age_count()), 0.0);
    for (int year = first_year; year <= last_year; ++year) {
        const auto mx = local_death_rates(inputs, config, year, sex);
        for (std::size_t a = 0; a < mean.size(); ++a) mean[a] += mx[a] / (last_year - first_year + 1);
    }
    return life_table_from_rates(mean).life_expectancy_at_birth;
}

double calibrate_mortality_factor(const DemographicInputs& inputs, DemographyConfig config, int sex, int first_year,
                                  int last_year, double target) {
    double lo = 0.2, hi = 5.0;
    double& factor = sex == static_cast<int>(Sex::male) ? config.mortality_factor_male : config.mortality_factor_female;
    while (hi - lo > 1e-9) {
        factor = 0.5 * (lo + hi);
        // Higher mortality, lower life expectancy.
        if (model_life_expectancy(inputs, config, sex, first_year, last_year) > target)
            lo = factor;
        else
            hi = factor;
    }
    return 0.5 * (lo + hi);
}

double calibrate_fertility_factor(const DemographicInputs& inputs, const DemographyConfig& config,
                                  const std::vector<ObservedPopulation>& observations, int open_age) {
    const auto& table = inputs.fertility_rates;
    double infants = 0, implied = 0;
    for (const auto& obs : observations) {
        const int rate_year = std::clamp(obs.year - 1, table.first_year, table.last_year);
        const int female = static_cast<int>(Sex::female);
        for (int age = 0; age + 1 < open_age && age + 1 < table.age_count; ++age) {
            const double asfr = 0.5 * (table.at(rate_year, 0, age) + table.at(rate_year, 0, age + 1));
            implied += static_cast<double>(obs.counts[open_index(female, age + 1, open_age)]) * asfr;
        }
        for (int sex = 0; sex < sex_count; ++sex)
            infants += static_cast<double>(obs.counts[open_index(sex, 0, open_age)]) /
                       (1.0 - 0.5 * local_death_rate(inputs, config, obs.year, sex, 0));
    }
    return infants / implied;
}

std::vector<double> expected_at_open_ages(const DemographicInputs& inputs, const ModelConfig& config, int year,
                                          int open_age) {
    const auto rates = build_demographic_rates(inputs, config);
    const auto all = expected_projection(rates);
    const std::size_t cells = rates.grid.cell_count();
    const auto offset = static_cast<std::size_t>(year - config.run.base_year) * cells;
    std::vector<double> out(sex_count * static_cast<std::size_t>(open_age + 1), 0.0);
    for (std::size_t area = 0; area < rates.grid.areas.size(); ++area)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= rates.grid.max_age; ++age)
                out[open_index(sex, std::min(age, open_age), open_age)] +=
                    all[offset + rates.grid.cell(area, sex, age)];
    return out;
}

std::vector<double> estimate_net_migration(const DemographicInputs& start_inputs, const ModelConfig& start_config,
                                           const std::vector<ObservedPopulation>& later, int iterations) {
    DemographicInputs inputs = start_inputs;
    ModelConfig config = start_config;
    config.demography.migration_scale = 1.0;
    const int open_age = inputs.open_age, max_age = inputs.grid.max_age;
    inputs.net_migration.assign(sex_count * static_cast<std::size_t>(max_age + 1), 0.0);
    const auto weights = build_demographic_rates(inputs, config).base_counts;  // open-group split shares
    std::vector<double> open_weights(weights.begin(), weights.begin() + sex_count * (max_age + 1));
    for (int round = 0; round <= iterations; ++round) {
        std::vector<double> correction(inputs.net_migration.size(), 0.0);
        for (const auto& obs : later) {
            config.run.horizon_year = std::max(obs.year, start_config.run.base_year + 1);
            const auto expected = expected_at_open_ages(inputs, config, obs.year, open_age);
            std::vector<double> gap(expected.size());
            for (std::size_t i = 0; i < gap.size(); ++i) gap[i] = static_cast<double>(obs.counts[i]) - expected[i];
            const auto spread = spread_gaps(gap, obs.year - config.run.base_year, open_age, max_age, open_weights);
            for (std::size_t i = 0; i < correction.size(); ++i)
                correction[i] += spread[i] / static_cast<double>(later.size());
        }
        for (std::size_t i = 0; i < correction.size(); ++i) inputs.net_migration[i] += correction[i];
    }
    return inputs.net_migration;
}

}  // namespace carecast
