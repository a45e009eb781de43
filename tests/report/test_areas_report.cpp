// A run with several areas: export rows per area that add up to the `all` row, and the report's table
// by area, whose rows add up to its total and to the file's counts.
#include <map>
#include <tuple>

#include <catch2/catch.hpp>

#include "report/area_table.hpp"
#include "report/html_report.hpp"
#include "report/indicators.hpp"
#include "report_test_support.hpp"
#include "results/run_dataset.hpp"
#include "sim/simulation.hpp"

namespace carecast::report {
namespace {

output::Dataset two_area_run() {
    const auto scenario = load_scenario(test::report_source_path("tests/data/areas/two_areas_demography.txtpb"));
    const Model model = build_model(scenario);
    const auto results = simulate(model, {scenario.config.run.seed, 0, 2, nullptr});
    // In memory, as a file read back holds it: the statistics computed (Dataset::deferred).
    auto dataset = output::make_run_dataset(results, {});
    output::compute_deferred(dataset);
    return dataset;
}

}  // namespace

TEST_CASE("Export gives each indicator per area and for all areas, the areas adding up to all") {
    const auto dataset = two_area_run();
    const auto rows = compute_breakdowns(dataset);
    // (indicator, area) -> series for all ages and both sexes
    std::map<std::pair<std::string, std::string>, const Series*> whole;
    for (const auto& row : rows)
        if (row.sex == "all" && (row.age_band == "all ages" || row.area == "all"))
            whole.emplace(std::pair(row.series.id, row.area), &row.series);
    for (const std::string id : {"population_total", "population_65_plus", "births", "deaths"}) {
        INFO(id);
        REQUIRE(whole.count({id, "all"}));
        REQUIRE(whole.count({id, "E06000005"}));
        REQUIRE(whole.count({id, "E06000001"}));
        const auto& all = whole.at({id, "all"})->values;
        const auto& a = whole.at({id, "E06000005"})->values;
        const auto& b = whole.at({id, "E06000001"})->values;
        REQUIRE(a.size() == all.size());
        REQUIRE(b.size() == all.size());
        for (std::size_t k = 0; k < all.size(); ++k) CHECK(a[k] + b[k] == all[k]);
        CHECK(a.front() > 0);
        CHECK(b.front() > 0);
    }
}

TEST_CASE("The report has a table by area whose rows add up to the total") {
    const auto dataset = two_area_run();
    const auto table = area_table(dataset);
    REQUIRE(table.codes == std::vector<std::string>{"E06000005", "E06000001"});
    CHECK(table.names == std::vector<std::string>{"Darlington", "Hartlepool"});
    REQUIRE(!table.columns.empty());
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        CHECK(table.rows[0][c] + table.rows[1][c] == Approx(table.total[c]));
    // The first column is the base-year population, the same in every replicate: the fixture's totals.
    CHECK(table.rows[0][0] == 105646);
    CHECK(table.rows[1][0] == 92817);
    const auto html = render_report({&dataset, "two.nc", nullptr, ""});
    CHECK(html.find("id=\"areas\"") != std::string::npos);
    CHECK(html.find("Hartlepool") != std::string::npos);
}

TEST_CASE("A one-area run has no table by area") {
    CHECK(area_table(test::synthetic_dataset()).rows.empty());
}

}  // namespace carecast::report
