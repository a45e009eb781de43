#include <catch2/catch.hpp>

#include "demography/life_table.hpp"

using namespace carecast;

TEST_CASE("a constant hazard gives life expectancy 1/m", "[life_table]") {
    // With constant m the exact expectation is 1/m; the a(x) = 0.5 approximation is within 0.01 years.
    const std::vector<double> mx(111, 0.02);
    CHECK(life_table_from_rates(mx).life_expectancy_at_birth == Approx(50.0).margin(0.05));
}

TEST_CASE("life table survivors decrease and person-years add up to e0", "[life_table]") {
    std::vector<double> mx(111);
    for (std::size_t x = 0; x < mx.size(); ++x) mx[x] = 0.0001 * std::exp(0.09 * static_cast<double>(x));
    const auto t = life_table_from_rates(mx);
    CHECK(t.survivors.front() == 1.0);
    for (std::size_t x = 1; x < t.survivors.size(); ++x) CHECK(t.survivors[x] <= t.survivors[x - 1]);
    double e0 = 0;
    for (double l : t.person_years) e0 += l;
    CHECK(e0 == Approx(t.life_expectancy_at_birth));
}
