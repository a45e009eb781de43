// The money and market outputs of a hand-made run: dimensions, coordinates, units and long names.
#include <algorithm>

#include <catch2/catch.hpp>

#include "finance/finance_dataset.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// One area, ages 0..20, 2016..2018, two replicates, with EHC plans only (the SEND line and places).
RunResults run_with_plans() {
    RunResults r;
    r.grid.areas = {"E06000047"};
    r.grid.max_age = 20;
    r.base_year = 2016;
    r.horizon_year = 2018;
    r.registry.add({"ehc_plans", MeasureKind::stock, "plans", "1", {}, {}});
    const std::size_t cells = r.grid.cell_count();
    for (int rep = 0; rep < 2; ++rep) {
        ReplicateCounts counts;
        counts.values.emplace_back(3 * cells, 0);
        for (std::size_t y = 0; y < 3; ++y) counts.values[0][y * cells + r.grid.cell(0, 0, 10)] = 100 + rep;
        r.replicates.push_back(counts);
    }
    auto& money = r.finance.money;
    money.enabled = true;
    money.first_year = money.price_base_year = 2016;
    money.costed[static_cast<std::size_t>(BudgetLine::ehc_plans)] = true;
    money.prices[static_cast<std::size_t>(BudgetLine::ehc_plans)] = {1700000, 2016, 0, {}, {}};
    money.envelopes[static_cast<std::size_t>(BudgetLine::ehc_plans)] = {170000000, 0, {}};
    auto& market = r.finance.market;
    market.enabled = true;
    market.first_year = 2016;
    market.capacity[static_cast<std::size_t>(MarketService::special_school_places)] = {true, 50, {}};
    market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)] = {true, 0, {{2017, 60}}};
    return r;
}

const output::Variable& variable(const output::Dataset& d, const std::string& name) {
    const auto it = std::find_if(d.variables.begin(), d.variables.end(), [&](const auto& v) { return v.name == name; });
    REQUIRE(it != d.variables.end());
    return *it;
}

const output::Dimension& dimension(const output::Dataset& d, const std::string& name) {
    const auto it =
        std::find_if(d.dimensions.begin(), d.dimensions.end(), [&](const auto& v) { return v.name == name; });
    REQUIRE(it != d.dimensions.end());
    return *it;
}

}  // namespace

TEST_CASE("money and market outputs have their dimensions units and long names", "[finance]") {
    output::Dataset d;
    output::add_money_and_market(d, run_with_plans());
    CHECK(dimension(d, "financial_year").int_coordinates == std::vector<std::int32_t>{2016, 2017});
    CHECK(dimension(d, "budget_line").string_coordinates ==
          std::vector<std::string>{"ehc_plans", "asc_total", "high_needs_total"});
    CHECK(dimension(d, "service").string_coordinates == std::vector<std::string>{"special_school_places"});
    for (const auto* name : {"cost_cash", "cost_real", "mtfp_pressure", "mtfp_pressure_real"}) {
        const auto& v = variable(d, name);
        CHECK(v.dimensions == std::vector<std::string>{"replicate", "financial_year", "budget_line"});
        CHECK(v.units == "pence");
        CHECK_FALSE(v.long_name.empty());
        CHECK(variable(d, std::string(name) + "_summary").dimensions.front() == "statistic");
    }
    // Replicate 0: 100 plans all year x £17,000 = 170000000 pence, exactly the envelope; replicate 1: 101 plans.
    // EHC plans are the high-needs total, never in the adult social care total (0 here).
    const auto& cost = std::get<std::vector<std::int64_t>>(variable(d, "cost_cash").data);
    CHECK(cost == std::vector<std::int64_t>{170000000, 0, 170000000, 170000000, 0, 170000000,  // replicate 0
                                            171700000, 0, 171700000, 171700000, 0, 171700000});
    const auto& pressure = std::get<std::vector<std::int64_t>>(variable(d, "mtfp_pressure").data);
    CHECK(pressure == std::vector<std::int64_t>{0, 0, 0, 0, 0, 0, 1700000, 0, 1700000, 1700000, 0, 1700000});
    // Real terms at 2016/17 prices with the default deflator (2% a year): 2017/18 is cash / 1.02.
    const auto& real = std::get<std::vector<std::int64_t>>(variable(d, "cost_real").data);
    CHECK(real[3] == 166666667);  // 170000000 / 1.02 = 166666666.67
    CHECK(variable(d, "cost_real").attributes.size() == 4);
    const auto& prices = std::get<std::vector<std::int64_t>>(variable(d, "unit_price").data);
    CHECK(prices == std::vector<std::int64_t>{1700000, 1700000});
    CHECK(dimension(d, "priced_line").string_coordinates == std::vector<std::string>{"ehc_plans"});
    for (const auto* name : {"market_demand", "market_occupancy", "market_surplus"})
        CHECK(variable(d, name).dimensions == std::vector<std::string>{"replicate", "financial_year", "service"});
    CHECK(variable(d, "market_capacity").dimensions == std::vector<std::string>{"financial_year", "service"});
    // No plans at ages 5-18 other than age 10: demand 100 x 40% = 40 places of 50.
    const auto& occupancy = std::get<std::vector<double>>(variable(d, "market_occupancy").data);
    CHECK(occupancy[0] == Approx(0.8));
    const auto& extra = std::get<std::vector<std::int64_t>>(variable(d, "extra_care_capacity").data);
    CHECK(extra == std::vector<std::int64_t>{0, 60});
}

TEST_CASE("no money or market section adds nothing", "[finance]") {
    auto r = run_with_plans();
    r.finance = FinanceConfig{};
    output::Dataset d;
    output::add_money_and_market(d, r);
    CHECK(d.dimensions.empty());
    CHECK(d.variables.empty());
}

TEST_CASE("the County Durham baseline has money and market sections", "[finance]") {
    const auto loaded = test::load_baseline();
    const auto& money = loaded.config.finance.money;
    CHECK(money.enabled);
    CHECK(money.price_base_year == 2016);
    CHECK(money.costed == std::array<bool, budget_line_count>{true, true, true, true, true, true, false, true});
    // £16.12 in 2018 taken back to 2016/17 at 3% a year, so uplifts in a what-if act only forwards
    CHECK(money.prices[static_cast<std::size_t>(BudgetLine::home_care)].pence == 1519);
    CHECK(money.prices[static_cast<std::size_t>(BudgetLine::home_care)].price_year == 2016);
    CHECK(money.savings.size() == 4);
    const auto& market = loaded.config.finance.market;
    CHECK(market.enabled);
    CHECK(market.capacity[static_cast<std::size_t>(MarketService::residential_beds)].base == 770);
    CHECK_FALSE(market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)].given);
}

TEST_CASE("a market over capacity in its base year is warned about and one within capacity is not",
          "[finance][warnings]") {
    auto r = run_with_plans();
    // Demand for places in 2016/17: the mean EHC plans aged 5-18 (100 and 101 in the two replicates) times
    // the special-school share (40%): 40.2 places against 50.
    CHECK(output::results_warnings(r).empty());
    r.finance.market.capacity[static_cast<std::size_t>(MarketService::special_school_places)].base = 30;
    const auto warnings = output::results_warnings(r);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] ==
          "market.special_school_places: occupancy in the base year 2016/17 is 134% (demand 40, "
          "capacity 30): a capacity below the base year's own demand is probably a wrong capacity");
}
