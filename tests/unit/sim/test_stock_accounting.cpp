#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/stock_accounting.hpp"

using namespace carecast;

namespace {

/// One area, ages 0..2 (2 open), two intervals; a stock "s" with inflow "in" and outflow "out".
struct Small {
    MeasureRegistry registry;
    PopulationGrid grid{{"E06000047"}, 2};
    ReplicateCounts counts;
    MeasureId s, in, out;
    Small() {
        s = add_stock(registry, "s", "a stock", {"in"}, {"out"});
        in = add_flow(registry, "in", "into s");
        out = add_flow(registry, "out", "out of s");
        counts.values.resize(registry.size());
        counts.values[static_cast<std::size_t>(s)].assign(3 * grid.cell_count(), 0);  // years 0..2
        counts.values[static_cast<std::size_t>(in)].assign(2 * grid.cell_count(), 0);
        counts.values[static_cast<std::size_t>(out)].assign(2 * grid.cell_count(), 0);
    }
    std::int32_t& at(MeasureId id, int year, int sex, int age) {
        return counts.values[static_cast<std::size_t>(id)]
                            [static_cast<std::size_t>(year) * grid.cell_count() + grid.cell(0, sex, age)];
    }
};

}  // namespace

TEST_CASE("account_stocks derives each year's stocks from the year before and the flows, cell by cell",
          "[accounting]") {
    Small m;
    for (int sex = 0; sex < sex_count; ++sex) {
        m.at(m.s, 0, sex, 0) = 10;
        m.at(m.s, 0, sex, 1) = 20;
        m.at(m.s, 0, sex, 2) = 30;
        m.at(m.in, 0, sex, 0) = 5;   // born into age 0
        m.at(m.out, 0, sex, 2) = 7;  // leaving the open age
        m.at(m.in, 1, sex, 1) = 1;
    }
    // Year 1: age 0 = 5 (inflows only), age 1 = 10, age 2 = 20 + 30 - 7 (the open age keeps its own).
    // Year 2, the horizon, counted: age 0 = 0, age 1 = 5 + 1, age 2 = 10 + 43.
    for (int sex = 0; sex < sex_count; ++sex) {
        m.at(m.s, 2, sex, 1) = 6;
        m.at(m.s, 2, sex, 2) = 53;
    }
    const ReplicateCounts before = m.counts;
    account_stocks(m.registry, m.grid, 2020, 2, m.counts);
    for (int sex = 0; sex < sex_count; ++sex) {
        CHECK(m.at(m.s, 1, sex, 0) == 5);
        CHECK(m.at(m.s, 1, sex, 1) == 10);
        CHECK(m.at(m.s, 1, sex, 2) == 43);
    }
    // Only the years between changed: the base year, the horizon and the flows as they were.
    const std::size_t cells = m.grid.cell_count();
    const auto& stock = m.counts.values[static_cast<std::size_t>(m.s)];
    const auto& stock_before = before.values[static_cast<std::size_t>(m.s)];
    CHECK(std::equal(stock.begin(), stock.begin() + cells, stock_before.begin()));
    CHECK(std::equal(stock.begin() + 2 * cells, stock.end(), stock_before.begin() + 2 * cells));
    CHECK(m.counts.values[static_cast<std::size_t>(m.in)] == before.values[static_cast<std::size_t>(m.in)]);
    CHECK(m.counts.values[static_cast<std::size_t>(m.out)] == before.values[static_cast<std::size_t>(m.out)]);
}

TEST_CASE("account_stocks fails, naming the stock, year and cell, where the horizon's stocks and the flows disagree",
          "[accounting]") {
    Small m;
    m.at(m.s, 0, 1, 1) = 4;
    m.at(m.s, 2, 1, 2) = 4;  // year 1 derived: 4 at age 2; the horizon keeps them
    SECTION("consistent") {
        account_stocks(m.registry, m.grid, 2020, 2, m.counts);
        CHECK(m.at(m.s, 1, 1, 2) == 4);
    }
    SECTION("the horizon, counted") {
        m.at(m.out, 1, 1, 2) = 1;  // somebody leaves in the second interval but is still counted
        REQUIRE_THROWS_WITH(account_stocks(m.registry, m.grid, 2020, 2, m.counts),
                            Catch::Contains("stock s in 2022 (area E06000047, sex 1, age 2) is counted as 4 but its "
                                            "flows give 3"));
    }
    SECTION("a derived year carries the difference to the horizon") {
        m.at(m.in, 0, 0, 1) = 2;  // an inflow nobody was counted for
        REQUIRE_THROWS_AS(account_stocks(m.registry, m.grid, 2020, 2, m.counts), AccountingError);
    }
    SECTION("a derived stock below zero") {
        m.at(m.out, 0, 0, 0) = 1;
        REQUIRE_THROWS_WITH(account_stocks(m.registry, m.grid, 2020, 2, m.counts),
                            Catch::Contains("stock s in 2021 (area E06000047, sex 0, age 0) is derived as -1"));
    }
}
