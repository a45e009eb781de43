// Several areas in one scenario: each area is its own model, so an area's counts are those of the area
// run alone, at any thread count, and its realised rates follow its own parameters.
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include "demography/area_parameters.hpp"
#include "results/run_dataset.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

namespace carecast {
namespace {

LoadedScenario load_fixture(const std::string& name) {
    return load_scenario(test::source_path("tests/data/areas/" + name));
}

RunResults run(const LoadedScenario& scenario, unsigned threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const Model model = build_model(scenario);
    return simulate(model, {scenario.config.run.seed, 0, scenario.config.run.replicates, nullptr});
}

/// Area `area`'s part of `values` ([time][area][sex][age]): [time][sex][age].
std::vector<std::int32_t> area_slice(const RunResults& r, const std::vector<std::int32_t>& values, std::size_t area) {
    const std::size_t block = sex_count * static_cast<std::size_t>(r.grid.age_count());
    std::vector<std::int32_t> out;
    for (std::size_t t = 0; t < values.size() / r.grid.cell_count(); ++t) {
        const auto from = values.begin() + static_cast<std::ptrdiff_t>(t * r.grid.cell_count() + area * block);
        out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(block));
    }
    return out;
}

/// Every measure of `alone` (a one-area run) equals area `area` of `together`, replicate by replicate.
void require_same_area(const RunResults& together, std::size_t area, const RunResults& alone) {
    REQUIRE(alone.grid.areas.size() == 1);
    REQUIRE(together.grid.areas.at(area) == alone.grid.areas.front());
    REQUIRE(together.registry.size() == alone.registry.size());
    REQUIRE(together.replicates.size() == alone.replicates.size());
    for (std::size_t i = 0; i < alone.replicates.size(); ++i)
        for (std::size_t m = 0; m < alone.registry.size(); ++m) {
            INFO("measure " << alone.registry.info(static_cast<MeasureId>(m)).name << ", replicate " << i);
            REQUIRE(together.registry.info(static_cast<MeasureId>(m)).name ==
                    alone.registry.info(static_cast<MeasureId>(m)).name);
            CHECK(area_slice(together, together.replicates[i].values[m], area) == alone.replicates[i].values[m]);
        }
}

bool same_stays(std::vector<CompletedStay> a, std::vector<CompletedStay> b) {
    auto key = [](const CompletedStay& s) { return std::tuple(s.interval, s.type, s.days); };
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (key(a[k]) != key(b[k])) return false;
    return true;
}

}  // namespace

TEST_CASE("each area of a two-area run gives exactly what it gives alone", "[areas]") {
    const auto together = run(load_fixture("two_areas.txtpb"), 2);
    REQUIRE(together.grid.areas == std::vector<std::string>{"E06000005", "E06000001"});
    CHECK(together.area_names == std::vector<std::string>{"Darlington", "Hartlepool"});
    // Darlington through the single-area path (its parameters written as the scenario's values),
    // Hartlepool through one area with area parameters (its EHC and admission scales are not 1).
    const auto darlington = run(load_fixture("darlington_alone.txtpb"), 2);
    const auto hartlepool = run(load_fixture("hartlepool_alone.txtpb"), 2);
    require_same_area(together, 0, darlington);
    require_same_area(together, 1, hartlepool);
    for (std::size_t i = 0; i < together.replicates.size(); ++i) {
        auto stays = darlington.replicates[i].stays;
        stays.insert(stays.end(), hartlepool.replicates[i].stays.begin(), hartlepool.replicates[i].stays.end());
        std::sort(stays.begin(), stays.end(), [](const CompletedStay& x, const CompletedStay& y) {
            return std::tuple(x.interval, x.type, x.days) < std::tuple(y.interval, y.type, y.days);
        });
        CHECK(same_stays(together.replicates[i].stays, stays));
        CHECK(together.replicates[i].parameters == darlington.replicates[i].parameters);
    }
}

TEST_CASE("a two-area run is bit-identical at 1 and 2 threads", "[areas][reproducibility]") {
    const auto scenario = load_fixture("two_areas.txtpb");
    CHECK(output::counts_digest(run(scenario, 1)) == output::counts_digest(run(scenario, 2)));
}

TEST_CASE("area parts of a two-area run, added in either order, are the whole run bit for bit",
          "[areas][reproducibility]") {
    const auto scenario = load_fixture("two_areas.txtpb");
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    const Model model = build_model(scenario);
    const SimulationOptions whole_run{scenario.config.run.seed, 1, 2};
    const RunResults whole = simulate(model, whole_run);
    std::vector<AreaPart> parts;
    for (std::uint32_t area : {1u, 0u}) {  // the second area first: parts arrive in any order
        SimulationOptions options = whole_run;
        options.first_area = area;
        options.area_count = 1;
        const RunResults alone = simulate(model, options);
        // Only its own area counted: every cell of the other area is 0.
        const std::size_t other_start = (1 - area) * sex_count * static_cast<std::size_t>(alone.grid.age_count());
        CHECK(alone.replicates[0].population()[other_start] == 0);
        CHECK(alone.replicates[0].population()[other_start + 70] == 0);
        parts.push_back(cut_area_part(alone, area, 1));
    }
    RunResults added = results_frame(model, whole_run);
    for (const AreaPart& part : parts) add_area_part(added, part);
    CHECK(output::counts_digest(added) == output::counts_digest(whole));
    for (std::size_t i = 0; i < whole.replicates.size(); ++i) {
        CHECK(added.replicates[i].values == whole.replicates[i].values);
        CHECK(same_stays(added.replicates[i].stays, whole.replicates[i].stays));
        CHECK(added.replicates[i].parameters == whole.replicates[i].parameters);
        CHECK(added.replicates[i].money_draws == whole.replicates[i].money_draws);
    }
    CHECK(added.first_replicate == 1);
    CHECK(added.area_names == whole.area_names);

    SECTION("an area range beyond the model's areas, or for a model of one area, is refused") {
        SimulationOptions beyond = whole_run;
        beyond.first_area = 1;
        beyond.area_count = 2;
        CHECK_THROWS_AS(simulate(model, beyond), std::invalid_argument);
        CHECK_THROWS_AS(cut_area_part(whole, 2, 1), std::invalid_argument);
        SimulationOptions one = whole_run;
        one.first_area = 1;
        CHECK_THROWS_AS(simulate(*model.area_models[0], one), std::invalid_argument);
    }
    SECTION("a part of other replicates does not fit") {
        RunResults three = results_frame(model, {scenario.config.run.seed, 0, 3});
        CHECK_THROWS_AS(add_area_part(three, parts[0]), std::invalid_argument);
    }
}

TEST_CASE("area_part_bounds cuts the areas into runs of about equal people", "[areas]") {
    Model model;
    CHECK(area_part_bounds(model, 4) == std::vector<std::uint32_t>{0, 1});  // one area
    for (std::int64_t people : {10, 10, 10, 70, 10, 10}) {
        auto area = std::make_shared<Model>();
        area->demography.base_counts = {people / 2, 0, people - people / 2};
        model.area_models.push_back(area);
    }
    CHECK(area_part_bounds(model, 0) == std::vector<std::uint32_t>{0, 6});
    CHECK(area_part_bounds(model, 1) == std::vector<std::uint32_t>{0, 6});
    // 120 people: halves at 60 (30 | 90 is nearer than 100 | 20).
    CHECK(area_part_bounds(model, 2) == std::vector<std::uint32_t>{0, 3, 6});
    // Thirds at 40 and 80: 30 | 70 | 20 (the big area alone: a part is never empty).
    CHECK(area_part_bounds(model, 3) == std::vector<std::uint32_t>{0, 3, 4, 6});
    // At most one part per area.
    CHECK(area_part_bounds(model, 6) == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6});
    CHECK(area_part_bounds(model, 100) == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6});
}

TEST_CASE("each area's realised death and birth rates follow its own factors", "[areas]") {
    const auto scenario = load_fixture("two_areas_demography.txtpb");
    const auto results = run(scenario, 2);
    const auto& inputs = scenario.demography;
    const auto& grid = results.grid;
    const int base = scenario.config.run.base_year;
    REQUIRE(inputs.area_parameters.size() == 2);
    for (std::size_t area = 0; area < 2; ++area) {
        const auto& p = inputs.area_parameters[area];
        const double mortality_factor[sex_count] = {p.mortality_factor_female, p.mortality_factor_male};
        double deaths = 0, expected_deaths = 0, var_deaths = 0, births = 0, expected_births = 0, var_births = 0;
        for (const auto& rep : results.replicates) {
            const auto& population = rep.population();  // year 0 = base, open age group split
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = 0; age <= grid.max_age; ++age) {
                    const double n = population[grid.cell(area, sex, age)];
                    // Interval death probability from the national m(x) times the area's factor.
                    const double m0 = inputs.death_rates.at(base, sex, age);
                    const double m1 = inputs.death_rates.at(base, sex, std::min(age + 1, grid.max_age));
                    const double q = 1 - std::exp(-0.5 * mortality_factor[sex] * (m0 + m1));
                    expected_deaths += n * q;
                    var_deaths += n * q * (1 - q);
                    if (sex == static_cast<int>(Sex::female)) {
                        auto asfr = [&](int a) {
                            return a < inputs.fertility_rates.age_count ? inputs.fertility_rates.at(base, 0, a) : 0.0;
                        };
                        const double b = std::min(1.0, p.fertility_factor * 0.5 * (asfr(age) + asfr(age + 1)));
                        expected_births += n * b;
                        var_births += n * b * (1 - b);
                    }
                }
            // Deaths of people alive at the base mid-year: every cell but age 0 (newborns' deaths).
            const auto& d = rep.flow(Flow::deaths);
            const auto& born = rep.flow(Flow::births);
            for (int sex = 0; sex < sex_count; ++sex) {
                for (int age = 1; age <= grid.max_age; ++age) deaths += d[grid.cell(area, sex, age)];
                births += born[grid.cell(area, sex, 0)];
            }
        }
        INFO("area " << grid.areas[area] << ": deaths " << deaths << " expected " << expected_deaths << ", births "
                     << births << " expected " << expected_births);
        CHECK(std::abs(deaths - expected_deaths) < 4 * std::sqrt(var_deaths));
        CHECK(std::abs(births - expected_births) < 4 * std::sqrt(var_births));
    }
}

TEST_CASE("each area's base EHC plans follow its EHC scale", "[areas]") {
    const auto scenario = load_fixture("two_areas.txtpb");
    const auto results = run(scenario, 2);
    const auto& grid = results.grid;
    const auto& table = scenario.cohort_inputs.ehc_plan_prevalence;
    const auto ehc = static_cast<std::size_t>(results.registry.find("ehc_plans"));
    for (std::size_t area = 0; area < 2; ++area) {
        const double scale = scenario.demography.area_parameters[area].ehc_plan_scale;
        double plans = 0, expected = 0, variance = 0;
        for (const auto& rep : results.replicates)
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = 0; age <= 25; ++age) {
                    const double n = rep.population()[grid.cell(area, sex, age)];
                    const double p = std::min(1.0, table.at(sex, age) * scale);
                    expected += n * p;
                    variance += n * p * (1 - p);
                    plans += rep.values[ehc][grid.cell(area, sex, age)];
                }
        INFO("area " << grid.areas[area] << ": plans " << plans << " expected " << expected);
        CHECK(std::abs(plans - expected) < 4 * std::sqrt(variance));
    }
}

}  // namespace carecast
