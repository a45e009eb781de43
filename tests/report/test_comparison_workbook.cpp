// The comparison workbook's pieces: paired cells (a line only one run has counts as zero there), part and
// total rows, the population by age band, and the workbook file itself.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>

#include "report/comparison_workbook.hpp"
#include "report/indicators.hpp"
#include "report_test_support.hpp"

using namespace carecast::report;
namespace fs = std::filesystem;

namespace {

Series series_of(std::vector<double> values, std::vector<int> replicates = {0, 1, 2}) {
    Series s;
    s.id = "cost_cash.test";
    s.time_dimension = "financial_year";
    s.times = {2020};
    s.replicates = std::move(replicates);
    s.values = std::move(values);
    return s;
}

}  // namespace

TEST_CASE("Paired cells are the mean of the paired differences with a t interval") {
    const auto base = series_of({10, 20, 30});
    const auto whatif = series_of({11, 23, 32});
    const auto c = paired_cells(&base, &whatif, 2020);
    CHECK(c.replicates == 3);
    CHECK(c.baseline == Approx(20));
    CHECK(c.whatif == Approx(22));
    CHECK(c.difference == Approx(2));  // differences 1, 3, 2
    // sd of (1, 3, 2) is 1; t(2, 0.975) = 4.30265273 (tables)
    CHECK(c.ci_low == Approx(2 - 4.30265273 / std::sqrt(3.0)));
    CHECK(c.ci_high == Approx(2 + 4.30265273 / std::sqrt(3.0)));
    CHECK_FALSE(c.distinguishable);
}

TEST_CASE("A line only one run has is zero in the other, and a constant series is the same in every replicate") {
    const auto whatif = series_of({5, 5, 5});
    const auto only_whatif = paired_cells(nullptr, &whatif, 2020);
    CHECK(only_whatif.baseline == 0);
    CHECK(only_whatif.difference == Approx(5));
    CHECK(only_whatif.replicates == 3);
    const auto only_base = paired_cells(&whatif, nullptr, 2020);
    CHECK(only_base.difference == Approx(-5));
    const auto envelope = series_of({7}, {});
    const auto c = paired_cells(&envelope, &whatif, 2020);
    CHECK(c.replicates == 3);
    CHECK(c.difference == Approx(-2));
    CHECK_FALSE(c.input);  // one of the two varies by replicate
    // Neither has a replicate dimension: an input, exact (the report shows no interval for it).
    const auto larger_envelope = series_of({9}, {});
    const auto inputs = paired_cells(&envelope, &larger_envelope, 2020);
    CHECK(inputs.input);
    CHECK(inputs.difference == Approx(2));
    CHECK(paired_cells(nullptr, &larger_envelope, 2020).input);
    CHECK_FALSE(only_whatif.input);
    CHECK(paired_cells(&whatif, &whatif, 2019).difference == 0);  // a year neither has
    CHECK_THROWS_AS(paired_cells(nullptr, nullptr, 2020), std::logic_error);
}

TEST_CASE("Budget lines are parts of one of two budgets and the two totals are totals") {
    CHECK(budget_row_type("asc_total") == "total");
    CHECK(budget_row_type("high_needs_total") == "total");
    CHECK(budget_row_type("residential_care") == "part");
    CHECK(budget_row_type("interventions") == "part");
    CHECK(budget_of_line("ehc_plans") == "high needs");
    CHECK(budget_of_line("high_needs_total") == "high needs");
    CHECK(budget_of_line("home_care") == "adult social care");
}

TEST_CASE("Population by age band adds up to the whole population for each sex") {
    const auto run = carecast::test::synthetic_dataset();
    const auto rows = compute_population_by_age(run);
    REQUIRE(rows.size() == 3 * 5);  // all, female, male x five bands
    CHECK(rows.front().age_band == "0-17");
    CHECK(rows[4].age_band == "85+");
    // 10 + r people in every cell: replicate 0 has 10 per cell, 91 ages and 2 sexes in all.
    double all_bands = 0;
    for (std::size_t b = 0; b < 5; ++b) all_bands += rows[b].series.value(0, 0);
    CHECK(all_bands == Approx(10.0 * carecast::test::synthetic_ages * 2));
    CHECK(rows[5].sex == "female");
    CHECK(rows[5].series.value(0, 0) == Approx(10.0 * 18));  // ages 0-17, one sex
}

TEST_CASE("The comparison workbook is a zip file written where it is asked") {
    const auto run = carecast::test::synthetic_dataset();
    const auto dir = fs::temp_directory_path() / ("carecast-compare-book-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto file = dir / "comparison.xlsx";
    write_comparison_workbook(run, "base.nc", run, "whatif.nc", file);
    std::ifstream in(file, std::ios::binary);
    char magic[2] = {};
    in.read(magic, 2);
    CHECK(magic[0] == 'P');
    CHECK(magic[1] == 'K');
    CHECK(fs::file_size(file) > 5000);
    fs::remove_all(dir);
}
