#include <catch2/catch.hpp>

#include <set>

#include "demography/base_population.hpp"
#include "demography/demographic_rates.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("the base year reproduces the mid-2016 estimate exactly", "[base_population]") {
    const auto loaded = test::load_baseline();
    const auto rates = build_demographic_rates(loaded.demography, loaded.config);
    CHECK(test::sum_of(rates.base_counts) == 521776);
    const auto& grid = rates.grid;
    for (int sex = 0; sex < sex_count; ++sex) {
        for (int age = 0; age < 90; ++age)
            CHECK(rates.base_counts[grid.cell(0, sex, age)] == loaded.demography.base_counts[sex * 91 + age]);
        std::int64_t open = 0;
        for (int age = 90; age <= grid.max_age; ++age) open += rates.base_counts[grid.cell(0, sex, age)];
        CHECK(open == loaded.demography.base_counts[sex * 91 + 90]);
    }
}

TEST_CASE("the 90+ split follows the life table: fewer people at each older age", "[base_population]") {
    const auto loaded = test::load_baseline();
    const auto counts = split_open_age_group(loaded.demography, loaded.config.demography, 2016);
    const PopulationGrid& grid = loaded.demography.grid;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = 91; age <= 100; ++age)
            CHECK(counts[grid.cell(0, sex, age)] <= counts[grid.cell(0, sex, age - 1)]);
}

TEST_CASE("one person per resident with distinct keys", "[base_population]") {
    PopulationGrid grid{{"A", "B"}, 3};
    std::vector<std::int64_t> counts(grid.cell_count(), 2);
    const auto population = make_population(grid, counts);
    CHECK(population.size() == 32);  // 2 areas x 2 sexes x 4 ages x 2
    CHECK(std::set<std::uint64_t>(population.key.begin(), population.key.end()).size() == 32);
}
