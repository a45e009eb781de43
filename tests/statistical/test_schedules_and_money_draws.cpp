// Schedules of the model's parameters acting on the yearly step (in force from their year, ramps in
// between, nothing changed before), and money assumptions drawn per replicate (spread, common draws
// for a baseline and its what-if, the same at any thread count).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <tbb/task_arena.h>

#include "cohort_test_support.hpp"
#include "finance/finance_dataset.hpp"
#include "sim/load_scenario.hpp"
#include "sim/replicate_parameters.hpp"
#include "sim/simulation.hpp"
#include "sim/year_rates.hpp"
#include "test_support.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {

std::int64_t flow_total(const RunResults& r, std::size_t replicate, const std::string& name, int interval) {
    const auto& v = r.replicates[replicate].values[static_cast<std::size_t>(measure_id(r, name))];
    const auto cells = r.grid.cell_count();
    const auto begin = v.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(interval) * cells);
    return std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(cells), std::int64_t{0});
}

/// One money variable's values [replicate] in the last financial year, for budget line `line`.
std::vector<double> money_by_replicate(const RunResults& r, const std::string& variable, const std::string& line) {
    output::Dataset d;
    output::add_money_and_market(d, r);
    const auto dim =
        std::find_if(d.dimensions.begin(), d.dimensions.end(), [](const auto& x) { return x.name == "budget_line"; });
    REQUIRE(dim != d.dimensions.end());
    const auto column =
        static_cast<std::size_t>(std::find(dim->string_coordinates.begin(), dim->string_coordinates.end(), line) -
                                 dim->string_coordinates.begin());
    REQUIRE(column < dim->string_coordinates.size());
    const auto var =
        std::find_if(d.variables.begin(), d.variables.end(), [&](const auto& x) { return x.name == variable; });
    REQUIRE(var != d.variables.end());
    const auto& data = std::get<std::vector<std::int64_t>>(var->data);
    const auto years = static_cast<std::size_t>(r.interval_count());
    std::vector<double> out;
    for (std::size_t rep = 0; rep < r.replicates.size(); ++rep)
        out.push_back(static_cast<double>(data[(rep * years + years - 1) * dim->string_coordinates.size() + column]));
    return out;
}

double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double at = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

constexpr int home_care_stop = 20;  // home_care.home_care_stop_probability in model_parameter_names()
constexpr int ehc_growth = 3;       // send.ehc_growth

}  // namespace

TEST_CASE("a schedule is in force from its year and not before and a ramp moves linearly", "[schedules]") {
    Model model = test::closed_model([](CohortConfig& c) { c.home_care.enabled = true; });
    REQUIRE(model_parameter_names()[home_care_stop] == "home_care.home_care_stop_probability");
    const int base = model.demography.base_year;
    const double unscheduled = model.config().home_care.home_care_stop_probability;
    REQUIRE(unscheduled == 0.1);
    model.schedules = {{home_care_stop, base + 4, base + 6, 0.4}};  // 0.1 -> 0.4 over three years
    const auto stop = [&](int interval) {
        return YearRates(model, interval).cohorts().config.home_care.home_care_stop_probability;
    };
    CHECK(&YearRates(model, 3).cohorts() == &model.cohorts);  // before the schedule: the model's own rates
    CHECK(stop(3) == unscheduled);
    CHECK(stop(4) == Approx(0.2));
    CHECK(stop(5) == Approx(0.3));
    CHECK(stop(6) == 0.4);
    CHECK(stop(20) == 0.4);
    // The realised share of home-care clients who stop: the scenario's before, the scheduled value after.
    for (const int interval : {3, 5, 6}) {
        test::People people;
        test::Expected ends;
        const int n = 20000;
        for (int sex : {static_cast<int>(Sex::female), static_cast<int>(Sex::male)}) {
            for (int k = 0; k < n; ++k) people.population.flags[people.add(sex, 75)] = home_care;
            ends.add(stop(interval), n);
        }
        const auto year = test::run_year(model, people.population, interval);
        INFO("interval " << interval);
        CHECK_REALISED(year.total(model.ids.home_care_ends), ends);
    }
}

TEST_CASE("a schedule of EHC growth compounds from its year and leaves earlier factors unchanged", "[schedules]") {
    Model model = test::closed_model([](CohortConfig& c) { c.send.enabled = true; });
    const double g = model.config().send.ehc_growth;
    const int base = model.demography.base_year;
    const auto unscheduled = [&](int interval) { return YearRates(model, interval).ehc_growth_factor(); };
    const double f2 = unscheduled(2), f3 = unscheduled(3);
    CHECK(f2 == std::pow(1 + g, 2));
    model.schedules = {{ehc_growth, base + 2, base + 2, 0.1}};
    CHECK(YearRates(model, 2).ehc_growth_factor() == f2);  // bit-identical before the schedule acts
    CHECK(YearRates(model, 3).ehc_growth_factor() == Approx(f2 * 1.1));
    CHECK(YearRates(model, 4).ehc_growth_factor() == Approx(f2 * 1.1 * 1.1));
    CHECK(f3 != YearRates(model, 3).ehc_growth_factor());
}

TEST_CASE("results before a schedule's first year are bit-identical to the unscheduled run", "[schedules]") {
    const auto base = run_replicates(small_cohorts_with(""));
    const auto scheduled = run_replicates(small_cohorts_with(R"(
schedules { parameter: "home_care.home_care_stop_probability" from_year: 2018 value: 0.5 }
schedules { parameter: "care_homes.discharge_share" from_year: 2018 full_year: 2019 value: 0.3 }
)"));
    const std::size_t cells = base.grid.cell_count();
    for (std::size_t m = 0; m < base.registry.size(); ++m) {
        const auto& info = base.registry.info(static_cast<MeasureId>(m));
        // Stocks at mid-2016..2018 and flows of the periods from mid-2016 and mid-2017 come before 2018.
        const std::size_t unchanged = (info.kind == MeasureKind::stock ? 3 : 2) * cells;
        const auto& a = base.replicates[0].values[m];
        const auto& b = scheduled.replicates[0].values[m];
        INFO(info.name);
        CHECK(std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(unchanged), b.begin()));
    }
    // From 2018 home care stops at 0.5 a year instead of 0.1: far more ends.
    CHECK(flow_total(base, 0, "home_care_ends", 1) == flow_total(scheduled, 0, "home_care_ends", 1));
    CHECK(flow_total(scheduled, 0, "home_care_ends", 2) > 2 * flow_total(base, 0, "home_care_ends", 2));
    REQUIRE(scheduled.schedules.size() == 2);
    CHECK_THAT(scheduled.schedules[0], Catch::Contains("care_homes.discharge_share: 0.05; 2018 0.175 ("));
    CHECK_THAT(scheduled.schedules[1], Catch::Contains("home_care.home_care_stop_probability: 0.1; 2018 0.5"));
}

TEST_CASE("money draws widen the spread of cost across replicates and leave its median near", "[money_draws]") {
    auto results = run_replicates(small_cohorts_with(""), 20);
    const auto point = money_by_replicate(results, "cost_cash", "home_care");
    auto& money = results.finance.money;
    MoneyDrawConfig fees{"fees", "home_care.uplift_bp", static_cast<int>(BudgetLine::home_care), false, -1, -300,
                         300,    "test interval"};
    money.draws = {fees};
    for (std::uint32_t i = 0; i < results.replicates.size(); ++i)
        results.replicates[i].money_draws = draw_money_shifts(money, 20160630, i);
    const auto drawn = money_by_replicate(results, "cost_cash", "home_care");
    const double point_range = quantile(point, 0.95) - quantile(point, 0.05);
    const double drawn_range = quantile(drawn, 0.95) - quantile(drawn, 0.05);
    INFO("P5-P95 without draws " << point_range << ", with draws " << drawn_range);
    CHECK(drawn_range > 1.5 * point_range);
    // A symmetric shift of the uplift: the median moves by less than 2% (the draws' median has a standard
    // error of about 1.25 x 3% / sqrt(20), under 1%).
    CHECK(std::abs(quantile(drawn, 0.5) - quantile(point, 0.5)) < 0.02 * quantile(point, 0.5));
}

TEST_CASE("a baseline and its what-if draw the same money values and a money-only change is exact", "[money_draws]") {
    const std::string draws = R"(
uncertainty { money { name: "fees" parameter: "home_care.uplift_bp" lower95: -300 upper95: 300 source: "test" }
              money { name: "share" parameter: "residential_funded_share_bp" lower95: -500 upper95: 500 source: "test" } }
)";
    const auto base = run_replicates(small_cohorts_with(draws), 3);
    const auto whatif = run_replicates(small_cohorts_with(draws + R"(
interventions { name: "half" rate: CARE_HOME_ADMISSION start_year: 2017 multiplier: 0.5 }
)"),
                                       3);
    for (std::size_t i = 0; i < 3; ++i) {
        REQUIRE(base.replicates[i].money_draws.size() == 2);
        CHECK(base.replicates[i].money_draws == whatif.replicates[i].money_draws);
    }
    CHECK(base.replicates[0].money_draws != base.replicates[1].money_draws);
    // Counts are untouched by money draws: the baseline with draws simulates exactly as without.
    const auto plain = run_replicates(small_cohorts_with(""), 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(plain.replicates[i].values == base.replicates[i].values);
    // A what-if that changes only money (a saving of £1m on home care from 2017/18, which the envelope
    // must absorb): the paired difference of the pressure is exactly the saving in every replicate,
    // whatever was drawn.
    auto saving_only = base;
    saving_only.finance.money.savings.push_back({2017, static_cast<int>(BudgetLine::home_care), 100000000, "extra"});
    const auto before = money_by_replicate(base, "mtfp_pressure", "home_care");
    const auto after = money_by_replicate(saving_only, "mtfp_pressure", "home_care");
    for (std::size_t i = 0; i < 3; ++i) CHECK(after[i] - before[i] == 100000000.0);
}

TEST_CASE("money draws and money outputs are the same at 1 and 2 threads", "[money_draws]") {
    const auto loaded = small_cohorts_with(R"(
uncertainty { money { name: "fees" parameter: "home_care.uplift_bp" lower95: -300 upper95: 300 source: "test" } }
)");
    const Model model = build_model(loaded);
    const auto at = [&](int threads) {
        tbb::task_arena arena(threads);
        return arena.execute([&] { return simulate(model, {loaded.config.run.seed, 0, 3, nullptr}); });
    };
    const auto one = at(1), two = at(2);
    for (std::size_t i = 0; i < 3; ++i) CHECK(one.replicates[i].money_draws == two.replicates[i].money_draws);
    CHECK(money_by_replicate(one, "cost_real", "asc_total") == money_by_replicate(two, "cost_real", "asc_total"));
}
