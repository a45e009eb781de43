// Published figures in the report and export: observed_* variables summed into the key indicators'
// groups (NaN when a contributing cell is unpublished), the tidy observed CSV without unpublished
// values, and the report's charts drawing them as markers beside the projection.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "report/html_report.hpp"
#include "report/observed_figures.hpp"
#include "report_test_support.hpp"
#include "results/observed_dataset.hpp"

using namespace carecast;
using namespace carecast::report;
using Catch::Matchers::Contains;

namespace {

/// synthetic_dataset (years 2020-2021) with published figures: population 2018 and 2020, every cell 1
/// (2018: age 0 male unpublished); EHC plans 2019 (total 40, 20_to_25 blank) and 2020 (total 44).
output::Dataset with_observed() {
    auto d = test::synthetic_dataset(false);
    ObservedInputs o;
    o.source = "ONS; DfE";
    o.areas = {"E06000047"};
    o.population.file = "pop.csv";
    o.population.header = {"# ONS mid-year estimates"};
    o.population.years = {2018, 2020};
    o.population.values.assign(2 * 2 * 91, 1.0);
    o.population.values[o.population_index(0, 0, 1, 0)] = std::nan("");
    o.ehc_plans.file = "ehc.csv";
    o.ehc_plans.years = {2019, 2020};
    o.ehc_plans.values = {1, 10, 20, 9, std::nan(""), 40, 2, 11, 21, 10, 0, 44};
    output::add_observed(d, o);
    return d;
}

const ObservedFigure& find(const std::vector<ObservedFigure>& figures, const std::string& id) {
    for (const auto& f : figures)
        if (f.indicator_id == id) return f;
    FAIL("no observed figure " << id);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("observed figures are summed into the key indicators' groups", "[observed]") {
    const auto d = with_observed();
    REQUIRE(has_observed_figures(d));
    CHECK_FALSE(has_observed_figures(test::synthetic_dataset(false)));
    const auto figures = observed_figures(d, false);
    const auto& total = find(figures, "population_total");
    CHECK(total.years == std::vector<int>{2018, 2020});
    CHECK(std::isnan(total.values[0]));  // one cell unpublished: no total, never a partial sum
    CHECK(total.values[1] == 182);
    CHECK(find(figures, "population_0_17").values[1] == 36);
    CHECK(find(figures, "population_65_plus").values[1] == 52);  // ages 65..90 (90: 90 and over)
    CHECK(find(figures, "population_85_plus").values[0] == 12);
    CHECK(total.legend == "published estimate (ONS mid-year)");
    CHECK(total.source == "ONS; DfE");
    const auto& ehc = find(figures, "ehc_plans");
    CHECK(ehc.values == std::vector<double>{40, 44});
    CHECK(ehc.legend == "published (DfE SEN2, January)");
    CHECK(std::isnan(find(figures, "ehc_plans_20_to_25").values[0]));
}

TEST_CASE("the observed CSV lists published values only with their source", "[observed]") {
    const auto csv = observed_csv(with_observed());
    CHECK_THAT(csv, Contains("area,year,year_basis,indicator_id,indicator,value,unit,source\r\n"));
    CHECK_THAT(csv, Contains("E06000047,2020,30 June,population_total,Resident population,182,people,ONS; DfE\r\n"));
    CHECK_THAT(csv, Contains("E06000047,2019,January,ehc_plans,"));
    CHECK_THAT(csv, Contains("E06000047,2020,January,ehc_plans_20_to_25,"));  // a published 0 is listed
    CHECK(csv.find("2018,30 June,population_total") == std::string::npos);
    CHECK(csv.find("2019,January,ehc_plans_20_to_25") == std::string::npos);
}

TEST_CASE("the report draws published figures as markers beside the projection", "[observed]") {
    const auto d = with_observed();
    ReportInputs in;
    in.run = &d;
    in.run_name = "observed.nc";
    const auto html = render_report(in);
    CHECK_THAT(html, Contains("id=\"observed\""));
    CHECK_THAT(html, Contains("Resident population: published and projected"));
    CHECK_THAT(html, Contains("published estimate (ONS mid-year)"));
    // 2018 has no total (one cell unpublished), so the total chart marks only 2020; 85+ has both years.
    CHECK_THAT(html, Contains("published estimate (ONS mid-year), 2020: 182"));
    CHECK_THAT(html, Contains("published estimate (ONS mid-year), 2018: 12"));

    const auto plain = test::synthetic_dataset(false);
    in.run = &plain;
    CHECK_THAT(render_report(in), Contains("This run carries no published figures"));
}
