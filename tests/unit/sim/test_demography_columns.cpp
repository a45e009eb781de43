// A run without cohort modules allocates none of their columns (issue 15: memory per person), and its
// results are those of the same run on a population holding every column.
#include <catch2/catch.hpp>

#include "cohorts/modules.hpp"
#include "demography/base_population.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// True if `population` holds column k with one entry per person, or does not hold it and it is empty.
bool column_as_held(const Population& population, std::size_t k) {
    bool ok = false;
    visit_population_column(population, k, [&](const auto& column) {
        ok = population.holds(k) ? column.size() == population.size() : column.capacity() == 0;
    });
    return ok;
}

}  // namespace

TEST_CASE("a run without cohort modules holds only the demography's columns, with the same results", "[population]") {
    const auto loaded = test::load_baseline();
    auto rates = build_demographic_rates(loaded.demography, loaded.config);
    rates.horizon_year = rates.base_year + 2;
    const Model model = demography_only_model(rates);
    const std::vector<std::size_t> columns = columns_in_use(model.config());
    REQUIRE(columns.size() == std::tuple_size_v<decltype(demography_columns)>);

    Population lean = make_population(rates.grid, rates.base_counts, columns);
    Population every = make_population(rates.grid, rates.base_counts);
    REQUIRE(lean.size() == every.size());
    for (std::size_t k = 0; k < population_column_count; ++k) {
        INFO("column " << k);
        CHECK(lean.holds(k) == (std::find(columns.begin(), columns.end(), k) != columns.end()));
        CHECK(column_as_held(lean, k));
    }
    CHECK_FALSE(lean.holds(population_column_index(&Population::partner)));

    const ReplicateCounts from_lean = simulate_replicate(model, 2024, 3, lean);
    const ReplicateCounts from_every = simulate_replicate(model, 2024, 3, every);
    CHECK(from_lean.values == from_every.values);
    REQUIRE(lean.size() == every.size());  // after two years: births, deaths and arrivals alike
    CHECK(lean.key == every.key);
    CHECK(lean.age == every.age);
    for (std::size_t k = 0; k < population_column_count; ++k) {
        INFO("column " << k << " after the run");
        CHECK(column_as_held(lean, k));
    }
}
