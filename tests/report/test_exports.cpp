// CSV text, the workbook file, SVG charts and the HTML report, on datasets with and without the money
// and market outputs, and on a simulated County Durham run.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "report/html_report.hpp"
#include "report/indicators.hpp"
#include "report/svg_chart.hpp"
#include "report/tabular_export.hpp"
#include "report_test_support.hpp"

using namespace carecast::report;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// A fresh directory removed at scope exit.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("carecast_report_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Every URL in the page other than the SVG namespace name (which is never fetched).
std::vector<std::string> urls_in(const std::string& html) {
    std::vector<std::string> found;
    const std::regex url("(https?|ftp)://[^\"' <>)]+");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator(); ++it)
        if (it->str() != "http://www.w3.org/2000/svg") found.push_back(it->str());
    return found;
}

}  // namespace

TEST_CASE("Theme CSV has the tidy columns and one line per breakdown and year") {
    const auto dataset = carecast::test::synthetic_dataset();
    const auto rows = compute_breakdowns(dataset);
    const auto money = theme_csv(rows, Theme::money);
    CHECK(money.rfind("\xEF\xBB\xBFindicator_id,indicator,year,year_basis,age_band,sex,area,mean,p5,p50,p95,unit\r\n",
                      0) == 0);
    CHECK_THAT(money, Contains("mtfp_pressure.asc_total,MTFP pressure (cash): adult social care total,2020/21,"
                               "financial year (April to March),all ages,all,E06000047,"));
    const auto dementia = theme_csv(rows, Theme::dementia);
    // 65+ 75-84 and 85+ and 65-74, times 3 sex groups, times 2 years.
    CHECK(count_of(dementia, "\r\ndementia_65_plus,") == 4 * 3 * 2);
    CHECK_THAT(dementia, Contains("dementia_65_plus,People aged 65+ with dementia,2020,mid-year (30 June),85+,female,"
                                  "E06000047,12,6.6,12,17.4,people"));
}

TEST_CASE("CSV set is written atomically and never overwrites without force") {
    TempDir dir;
    const auto out = dir.path / "csv";
    const auto files = write_csv_set(carecast::test::synthetic_dataset(), out, false);
    CHECK(files.size() == csv_file_names().size());
    for (const auto& name : csv_file_names()) CHECK(fs::exists(out / name));
    CHECK_THAT(read_file(out / "run.csv"), Contains("Seed,42"));
    CHECK_THROWS_WITH(write_csv_set(carecast::test::synthetic_dataset(), out, false), Contains("use --force"));
    CHECK_NOTHROW(write_csv_set(carecast::test::synthetic_dataset(), out, true));
    for (const auto& entry : fs::directory_iterator(out))
        CHECK(entry.path().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("Workbook is a zip file with a sheet per theme and the run sheet") {
    TempDir dir;
    const auto book = dir.path / "run.xlsx";
    write_workbook(carecast::test::synthetic_dataset(), book, false);
    const auto bytes = read_file(book);
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.substr(0, 2) == "PK");
    CHECK_THROWS_WITH(write_workbook(carecast::test::synthetic_dataset(), book, false), Contains("exists"));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("Nice ticks are round numbers covering the range") {
    CHECK(svg::nice_ticks(0, 97) == std::vector<double>{0, 20, 40, 60, 80, 100});
    const auto t = svg::nice_ticks(521000, 545000);
    CHECK(t.front() <= 521000);
    CHECK(t.back() >= 545000);
    CHECK(t.size() >= 3);
    CHECK(t.size() <= 8);
}

TEST_CASE("Charts have a title axis labels and a legend") {
    svg::XYChart chart;
    chart.title = "People aged 65+ with dementia";
    chart.x_label = "year";
    chart.y_label = "people";
    chart.x = {2016, 2017, 2018};
    chart.bands = {{"5th-95th percentile", {1, 2, 3}, {2, 3, 4}, "#3b6fb6", 0.25}};
    chart.lines = {{"Median", {1.5, 2.5, 3.5}, "#1f3f73", false}};
    const auto text = svg::xy_chart(chart);
    CHECK_THAT(text, Contains("<svg class=\"chart\"") && Contains("<title>People aged 65+ with dementia</title>") &&
                         Contains(">people</text>") && Contains(">year</text>") && Contains("class=\"legend\"") &&
                         Contains(">Median</text>") && Contains("class=\"band\"") && Contains("class=\"line\""));
}

TEST_CASE("A y axis that does not reach zero is marked as cut and one that does is not") {
    svg::XYChart chart;
    chart.title = "Resident population";
    chart.x_label = "year";
    chart.y_label = "people";
    chart.x = {2016, 2017, 2018};
    chart.lines = {{"Median", {521000, 530000, 545000}, "#1f3f73", false}};
    CHECK_THAT(svg::xy_chart(chart), Contains("class=\"axis-cut\"") && Contains("y axis not from 0"));
    chart.include_zero = true;
    CHECK_THAT(svg::xy_chart(chart), !Contains("class=\"axis-cut\""));
}

TEST_CASE("Titles too long for one line are split in two, never run off the chart") {
    svg::XYChart chart;
    chart.title = "Care-home admissions per 100,000 aged 65+: baseline and what-if, with a long explanation";
    chart.x_label = "year";
    chart.y_label = "what-if minus baseline, per 100,000 aged 65+ a year, and more words to make it long";
    chart.x = {2016, 2017};
    chart.lines = {{"Mean", {1, 2}, "#1f3f73", false}};
    const auto text = svg::xy_chart(chart);
    CHECK(count_of(text, "class=\"chart-title\"") == 2);
    CHECK(count_of(text, "class=\"axis-title\"") == 2);
}

TEST_CASE("Bar labels are spaced by their width so financial years never crowd") {
    svg::BarChart chart;
    chart.title = "Pressure";
    for (int y = 2016; y < 2040; ++y)
        chart.bars.push_back({std::to_string(y) + "/" + std::to_string((y + 1) % 100), 1, 0, 2});
    const auto text = svg::bar_chart(chart);
    CHECK(count_of(text, ">2016/17</text>") == 1);
    CHECK(count_of(text, ">2017/18</text>") == 0);  // 24 labels of 7 characters do not fit side by side
}

TEST_CASE("Report has every section with money and market outputs and no external resources") {
    const auto run = carecast::test::synthetic_dataset();
    const auto html = render_report({&run, "synthetic.nc", &run, "base.nc"});
    CHECK_THAT(html, Contains("<!DOCTYPE html>") && Contains("Content-Security-Policy") &&
                         Contains("Social-care demand projection: synthetic") && Contains("Seed") &&
                         Contains("MTFP pressure by financial year") && Contains("2020/21") &&
                         Contains("Market position: demand against capacity") && Contains("residential beds") &&
                         Contains("shortfall") && Contains("What-if minus baseline") &&
                         Contains("Population pyramid") && Contains("relative_risk_dementia"));
    CHECK(urls_in(html).empty());
    CHECK(count_of(html, "<script") == 3);  // chart check, save buttons, layout check: all inline
    CHECK(count_of(html, "<script src") == 0);
    CHECK_THAT(html, Contains("@page { size: A4") && Contains("media=\"print\"") && Contains("Save PNG") &&
                         Contains("new XMLSerializer()") && Contains("canvas.toBlob"));
    CHECK(count_of(html, "<link") == 0);
    CHECK(count_of(html, "<svg class=\"chart\"") >= 5);
}

TEST_CASE("A run compared with itself says no difference in one line and draws no chart of it") {
    const auto run = carecast::test::synthetic_dataset();
    const auto html = render_report({&run, "synthetic.nc", &run, "base.nc"});
    CHECK_THAT(html, Contains("No difference in any year or replicate, so not drawn: ") &&
                         Contains("Adult social care cost (asc_total): the same in both runs") &&
                         Contains("The intervals include only these sources of uncertainty"));
    CHECK_FALSE(html.find("Difference: ") != std::string::npos);
}

TEST_CASE("Report without money or market outputs says so") {
    const auto run = carecast::test::synthetic_dataset(false);
    const auto html = render_report({&run, "synthetic.nc", nullptr, ""});
    CHECK_THAT(html, Contains("This run has no money outputs") && Contains("This run has no market-position outputs") &&
                         Contains("This run has no care-home outputs") && Contains("Not in this run"));
    CHECK_FALSE(html.find("What-if minus baseline") != std::string::npos);
}

TEST_CASE("Report of a simulated County Durham run draws every section") {
    const auto run = carecast::test::simulated_dataset("tests/end_to_end/small_cohorts.txtpb", 20160630, 2);
    const auto set = compute_indicators(run);
    // The population total agrees with the run's own summary variable.
    const auto* total = set.find("population_total");
    REQUIRE(total);
    CHECK(total->value(0, 0) > 500000);
    const auto html = render_report({&run, "small.nc", nullptr, ""});
    CHECK_THAT(html, Contains("Care homes: stock and flow") && Contains("Length of completed care-home stays") &&
                         Contains("People aged 65+ with dementia") && Contains("e2e_small_cohorts"));
    CHECK(urls_in(html).empty());
    for (const auto& s : set.series) CHECK(s.values.size() == s.row_count() * s.times.size());
}

TEST_CASE("Report lists a what-if's interventions") {
    auto run = carecast::test::synthetic_dataset(false);
    for (auto& a : run.global_attributes)
        if (a.name == "resolved_scenario")
            a.value +=
                "interventions {\n  name: \"fewer\"\n  description: \"Admissions -20%\"\n  rate: CARE_HOME_ADMISSION\n"
                "  start_year: 2020\n  multiplier: 0.8\n}\ninterventions {\n  name: \"second\"\n"
                "  rate: DEMENTIA_INCIDENCE\n  multiplier: 0.9\n}\n";
    const auto html = render_report({&run, "whatif.nc", nullptr, ""});
    CHECK_THAT(html,
               Contains("<tr><td>Intervention</td><td>Admissions -20%; rate CARE_HOME_ADMISSION; start_year 2020; "
                        "multiplier 0.8</td></tr>") &&
                   Contains("<tr><td>Intervention</td><td>rate DEMENTIA_INCIDENCE; multiplier 0.9</td></tr>"));
}
