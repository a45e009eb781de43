// The model against arithmetic: realised event counts equal the input probabilities, within a
// tolerance of a few standard errors of the binomial count (seeds are fixed, so results are exact
// and repeatable; the tolerance says how surprising a failure would be).
#include <catch2/catch.hpp>

#include <cmath>

#include "demography/base_population.hpp"
#include "demography/demographic_rates.hpp"
#include "demography/expected_projection.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// |observed - expected| in units of the binomial standard error (expected variance n p (1 - p)).
double z_score(double observed, double expected, double variance) {
    return variance > 0 ? std::abs(observed - expected) / std::sqrt(variance) : std::abs(observed - expected);
}

}  // namespace

TEST_CASE("realised deaths and emigrants and births equal the input probabilities", "[statistical]") {
    const auto loaded = test::load_baseline();
    auto rates = build_demographic_rates(loaded.demography, loaded.config);
    rates.horizon_year = rates.base_year + 1;
    Population population = make_population(rates.grid, rates.base_counts);
    const auto counts = simulate_replicate(demography_only_model(rates), 12345, 0, population);
    // Expected counts and variances per cell, from the same probabilities (first interval).
    const auto expected =
        expected_step(rates, 0, std::vector<double>(rates.base_counts.begin(), rates.base_counts.end()));
    const auto& grid = rates.grid;
    for (const Flow flow : {Flow::deaths, Flow::emigrants, Flow::births}) {
        double observed_total = 0, expected_total = 0, variance_total = 0, worst = 0;
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= grid.max_age; ++age) {
                const auto cell = grid.cell(0, sex, age);
                const double e = expected.flows[static_cast<int>(flow)][cell];
                const double start = age > 0 ? static_cast<double>(rates.base_counts[grid.cell(0, sex, age - 1)]) : 1e6;
                const double p = std::min(1.0, e / std::max(start, 1.0));
                const double variance = e * (1 - p);
                worst = std::max(worst, z_score(counts.flow(flow)[cell], e, variance));
                observed_total += counts.flow(flow)[cell];
                expected_total += e;
                variance_total += variance;
            }
        INFO(flow_names[static_cast<int>(flow)] << ": observed " << observed_total << " expected " << expected_total);
        CHECK(z_score(observed_total, expected_total, variance_total) < 4.0);
        CHECK(worst < 4.8);  // 222 cells: P(any |z| > 4.8) < 0.0004 if the model is right
    }
}

TEST_CASE("immigrant arrivals average their expected counts exactly", "[statistical]") {
    const auto loaded = test::load_baseline();
    auto rates = build_demographic_rates(loaded.demography, loaded.config);
    rates.horizon_year = rates.base_year + 1;
    const Model model = demography_only_model(rates);
    double total = 0, expected = 0;
    const int replicates = 200;
    for (int r = 0; r < replicates; ++r) {
        Population population;  // arrivals do not depend on who is already there
        total += test::sum_of(
            simulate_replicate(model, 777, static_cast<std::uint32_t>(r), population).flow(Flow::immigrants));
    }
    for (double e : rates.expected_immigrants) expected += std::max(0.0, e);
    // Random rounding: each cell contributes at most Bernoulli variance 1/4; 222 cells, 50 replicates.
    CHECK(std::abs(total / replicates - expected) < 4 * std::sqrt(222 * 0.25 / replicates));
}

TEST_CASE("the mean of replicates converges to the expected projection", "[statistical]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = 2026;
    const auto rates = build_demographic_rates(loaded.demography, loaded.config);
    const auto expected = expected_projection(rates);
    SimulationOptions options;
    options.seed = 99;
    options.replicate_count = 12;
    const auto results = simulate(demography_only_model(rates), options);
    const std::size_t cells = rates.grid.cell_count();
    for (int year = 0; year < results.year_count(); ++year) {
        std::vector<double> totals;
        for (const auto& rep : results.replicates)
            totals.push_back(std::accumulate(rep.population().begin() + year * cells,
                                             rep.population().begin() + (year + 1) * cells, 0.0));
        const double mean = std::accumulate(totals.begin(), totals.end(), 0.0) / totals.size();
        double ss = 0;
        for (double t : totals) ss += (t - mean) * (t - mean);
        const double standard_error = std::sqrt(ss / (totals.size() - 1) / totals.size());
        const double e = std::accumulate(expected.begin() + year * cells, expected.begin() + (year + 1) * cells, 0.0);
        INFO("year " << rates.base_year + year << ": mean " << mean << " expected " << e << " se " << standard_error);
        CHECK(std::abs(mean - e) <= std::max(4 * standard_error, 1e-9));
    }
}
