// A closed population with constant rates converges to its life table: a cohort of newborns, with no
// births and no migration, dies off so that the survivors at each age equal N l(x) (the model's
// survival probabilities chained), and the person-years it lives equal N times its expectation of life.
#include <catch2/catch.hpp>

#include <cmath>

#include "demography/base_population.hpp"
#include "demography/demographic_rates.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("a closed cohort follows its life table", "[statistical]") {
    const auto loaded = test::load_baseline();
    auto rates = build_demographic_rates(loaded.demography, loaded.config);
    const int years = 105;
    const int max_age = rates.grid.max_age;
    const std::int64_t cohort = 1'000'000;
    // Constant rates: every interval uses the base-year death probabilities; nobody moves or gives birth.
    rates.horizon_year = rates.base_year + years;
    const std::size_t per_interval = sex_count * static_cast<std::size_t>(rates.grid.age_count());
    std::vector<double> constant;
    for (int k = 0; k < years; ++k)
        constant.insert(constant.end(), rates.death_probability.begin(),
                        rates.death_probability.begin() + per_interval);
    rates.death_probability = constant;
    std::fill(rates.birth_probability.begin(), rates.birth_probability.end(), 0.0);
    rates.birth_probability.resize(static_cast<std::size_t>(years) * rates.grid.age_count(), 0.0);
    std::fill(rates.emigration_probability.begin(), rates.emigration_probability.end(), 0.0);
    std::fill(rates.expected_immigrants.begin(), rates.expected_immigrants.end(), 0.0);
    std::fill(rates.base_counts.begin(), rates.base_counts.end(), 0);
    const int female = static_cast<int>(Sex::female);
    rates.base_counts[rates.grid.cell(0, female, 0)] = cohort;

    Population population = make_population(rates.grid, rates.base_counts);
    const auto counts = simulate_replicate(demography_only_model(rates), 2024, 0, population);

    double survival = 1.0, expected_person_years = 0, simulated_person_years = 0;
    for (int t = 0; t <= years; ++t) {
        const int age = std::min(t, max_age);
        const double observed =
            counts
                .population()[static_cast<std::size_t>(t) * rates.grid.cell_count() + rates.grid.cell(0, female, age)];
        const double expected = static_cast<double>(cohort) * survival;
        // Survivors of a cohort are binomial(N, l(x)).
        INFO("age " << age << ": survivors " << observed << ", life table " << expected);
        CHECK(std::abs(observed - expected) <= 4.5 * std::sqrt(expected * (1 - survival)) + 1e-9);
        expected_person_years += expected;
        simulated_person_years += observed;
        survival *= 1.0 - rates.death(0, female, age);
    }
    // Person-years (curtate) per newborn: the model's e(0) to within a tiny relative error.
    CHECK(simulated_person_years / cohort == Approx(expected_person_years / cohort).epsilon(0.002));
}
