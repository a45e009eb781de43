// read_observed_inputs: published population and EHC plan figures read into [area][year][...] arrays,
// NaN where not published (never 0), and every bad row reported as file:line:column.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "observed/observed_inputs.hpp"
#include "test_support.hpp"

using namespace carecast;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(format_diagnostic(item));
    return out;
}

const std::vector<std::string> run_areas = {"E06000047", "E06000005"};

}  // namespace

TEST_CASE("observed population: years sorted and unpublished cells NaN", "[observed]") {
    const auto path = test::write_temp("pop.csv",
                                       "# ONS mid-year estimates\n# second header line\n"
                                       "area_code,year,sex,age,population,extra\n"
                                       "E06000047,2016,M,0,3000,x\n"
                                       "E06000047,2011,female,90,4100,x\n"
                                       "E06000047,2016,F,5,2900,x\n"
                                       "E06000047,2014,male,0,0,x\n");
    Diagnostics d;
    const auto observed = read_observed_inputs({path, {}, "ONS"}, run_areas, d);
    REQUIRE(d.empty());
    CHECK(observed.source == "ONS");
    CHECK(observed.ehc_plans.empty());
    const auto& p = observed.population;
    CHECK(p.years == std::vector<int>{2011, 2014, 2016});
    CHECK(p.header == std::vector<std::string>{"# ONS mid-year estimates", "# second header line"});
    CHECK(p.areas_without_rows == std::vector<std::string>{"E06000005"});
    REQUIRE(p.values.size() == 2 * 3 * 2 * 91);
    CHECK(p.values[observed.population_index(0, 2, 1, 0)] == 3000);   // 2016, male, 0
    CHECK(p.values[observed.population_index(0, 0, 0, 90)] == 4100);  // 2011, female, 90+
    CHECK(p.values[observed.population_index(0, 2, 0, 5)] == 2900);
    CHECK(p.values[observed.population_index(0, 1, 1, 0)] == 0);         // a published zero stays 0
    CHECK(std::isnan(p.values[observed.population_index(0, 1, 0, 0)]));  // not in the file
    CHECK(std::isnan(p.values[observed.population_index(1, 2, 1, 0)]));  // area without rows
}

TEST_CASE("observed EHC plans: blank values and absent bands are missing and never 0", "[observed]") {
    const auto path = test::write_temp("ehc.csv",
                                       "# DfE SEN2\narea_code,year,age_band,ehc_plans\n"
                                       "E06000005,2015,total,812\n"
                                       "E06000005,2015,20_to_25,\n"
                                       "E06000005,2014,under_5,40\n"
                                       "E06000047,2014,total,2519\n");
    Diagnostics d;
    const auto observed = read_observed_inputs({{}, path, ""}, run_areas, d);
    REQUIRE(d.empty());
    CHECK(observed.population.empty());
    const auto& e = observed.ehc_plans;
    CHECK(e.years == std::vector<int>{2014, 2015});
    CHECK(e.areas_without_rows.empty());
    CHECK(e.values[observed.ehc_index(1, 1, 5)] == 812);
    CHECK(std::isnan(e.values[observed.ehc_index(1, 1, 4)]));  // blank: not published
    CHECK(e.values[observed.ehc_index(1, 0, 0)] == 40);
    CHECK(std::isnan(e.values[observed.ehc_index(1, 0, 5)]));  // band absent that year
    CHECK(e.values[observed.ehc_index(0, 0, 5)] == 2519);
}

TEST_CASE("observed population: every bad row is reported with file line and column", "[observed]") {
    const auto path = test::write_temp("bad_pop.csv",
                                       "area_code,year,sex,age,population\n"
                                       "E09000001,2016,M,0,10\n"   // 2: not an area of the run
                                       "E06000047,2016,X,0,10\n"   // 3: sex
                                       "E06000047,2016,M,91,10\n"  // 4: age
                                       "E06000047,2016,M,1,-5\n"   // 5: negative
                                       "E06000047,2016,M,2,1.5\n"  // 6: not whole
                                       "E06000047,2016,M,3,\n"     // 7: blank population is an error
                                       "E06000047,1850,M,4,1\n"    // 8: year
                                       "E06000047,2016,M,5,1\n"
                                       "E06000047,2016,M,5,2\n");  // 10: repeats line 9
    Diagnostics d;
    const auto observed = read_observed_inputs({path, {}, ""}, run_areas, d);
    const auto m = messages(d);
    const std::string f = path.string();
    REQUIRE(m.size() == 8);
    CHECK_THAT(m[0], Contains(f + ":2:1: error: column 'area_code': area 'E09000001' is not an area of the run"));
    CHECK_THAT(m[0], Contains("E06000047, E06000005"));
    CHECK_THAT(m[1], Contains(f + ":3:16: error: column 'sex': sex 'X' must be M, F, male or female"));
    CHECK_THAT(m[2], Contains(f + ":4:18: error: column 'age': age 91 is out of range [0, 90]"));
    CHECK_THAT(m[3], Contains(f + ":5:20: error: column 'population': value -5 is negative"));
    CHECK_THAT(m[4], Contains(f + ":6:20: error: column 'population': '1.5' is not a whole number"));
    CHECK_THAT(m[5], Contains(f + ":7:20: error: column 'population': '' is not a whole number"));
    CHECK_THAT(m[6], Contains(f + ":8:11: error: column 'year': year 1850 is out of range [1900, 2100]"));
    CHECK_THAT(m[7], Contains(f + ":10:1: error: this row repeats line 9"));
    CHECK(observed.population.values[observed.population_index(0, 0, 1, 5)] == 1);  // the first one is kept
}

TEST_CASE("observed EHC plans: bad bands and values and headers are reported", "[observed]") {
    const auto bad = test::write_temp("bad_ehc.csv",
                                      "area_code,year,age_band,ehc_plans\n"
                                      "E06000047,2016,0_to_4,10\n"
                                      "E06000047,2016,total,x\n"
                                      "E06000047,2016,under_5,-1\n");
    Diagnostics d;
    read_observed_inputs({{}, bad, ""}, run_areas, d);
    const auto m = messages(d);
    REQUIRE(m.size() == 3);
    CHECK_THAT(m[0], Contains(":2:16: error: column 'age_band': age band '0_to_4' must be one of under_5"));
    CHECK_THAT(m[1], Contains(":3:22: error: column 'ehc_plans': 'x' is not a whole number"));
    CHECK_THAT(m[2], Contains(":4:24: error: column 'ehc_plans': value -1 is negative"));

    const auto wrong = test::write_temp("wrong_header.csv", "area,year,age_band,plans\nE06000047,2016,total,1\n");
    Diagnostics h;
    const auto observed = read_observed_inputs({{}, wrong, ""}, run_areas, h);
    CHECK(observed.ehc_plans.empty());
    const auto hm = messages(h);
    REQUIRE(hm.size() == 2);
    CHECK_THAT(hm[0], Contains(":1:1: error: missing column 'area_code'"));
    CHECK_THAT(hm[1], Contains(":1:1: error: missing column 'ehc_plans'"));
}
