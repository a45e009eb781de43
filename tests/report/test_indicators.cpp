// The key-indicator table on a dataset with known values: sums over area, sex and age, age bands,
// ratios, expanded budget lines and services, summaries, and what a run without them lacks.
#include <catch2/catch.hpp>

#include <algorithm>

#include "report/indicators.hpp"
#include "report/run_information.hpp"
#include "report_test_support.hpp"

using namespace carecast::report;
using Catch::Matchers::Contains;

TEST_CASE("Indicators sum people over areas sexes and ages") {
    const auto set = compute_indicators(carecast::test::synthetic_dataset());
    const auto* total = set.find("population_total");
    REQUIRE(total);
    CHECK(total->time_dimension == "year");
    CHECK(total->times == std::vector<int>{2020, 2021});
    CHECK(total->replicates == std::vector<int>{0, 1, 2});
    for (std::size_t r = 0; r < 3; ++r) CHECK(total->value(r, 1) == (10.0 + r) * 2 * 91);
    const auto* dementia = set.find("dementia_65_plus");
    REQUIRE(dementia);
    for (std::size_t r = 0; r < 3; ++r) CHECK(dementia->value(r, 0) == (r + 1.0) * 2 * 26);
    CHECK(dementia->headline);
    const auto* admissions = set.find("care_home_admissions_65_plus");
    REQUIRE(admissions);
    CHECK(admissions->time_dimension == "period");
    CHECK(admissions->value(0, 0) == 2 * 2 * 26);
}

TEST_CASE("A rate per 100000 divides a period's flow by the mean of the stocks at its two mid-years") {
    const auto set = compute_indicators(carecast::test::synthetic_dataset());
    const auto* rate = set.find("care_home_admissions_65_plus_rate");
    REQUIRE(rate);
    CHECK(rate->times == std::vector<int>{2021});
    for (std::size_t r = 0; r < 3; ++r) CHECK(rate->value(r, 0) == Approx(1e5 * 104.0 / ((10.0 + r) * 2 * 26)));
}

TEST_CASE("Budget lines and services become one series each and financial years read 2020/21") {
    const auto set = compute_indicators(carecast::test::synthetic_dataset());
    const auto* pressure = set.find("mtfp_pressure.asc_total");
    REQUIRE(pressure);
    CHECK(pressure->headline);
    CHECK(pressure->kind == NumberKind::money);
    CHECK(pressure->time_label(0) == "2020/21");
    CHECK(pressure->value(2, 1) == Approx(2.0e6 * 1.1 + 2000 - 2.2e6 + 250000));
    const auto* line = set.find("mtfp_pressure.residential_care");
    REQUIRE(line);
    CHECK_FALSE(line->headline);
    CHECK(line->label == "MTFP pressure (cash): residential care");
    const auto* envelope = set.find("budget_envelope.asc_total");
    REQUIRE(envelope);
    CHECK(envelope->replicates.empty());
    CHECK(envelope->value(2, 1) == 2.2e6);
    const auto* cost = set.find("cost_cash.asc_total");
    REQUIRE(cost);
    CHECK(cost->value(1, 0) == Approx(2.0e6 + 1000));  // stored in pence, read in pounds
    const auto* capacity = set.find("market_capacity.residential_beds");
    REQUIRE(capacity);
    CHECK(capacity->row_count() == 1);
    const auto* surplus = set.find("market_surplus.residential_beds");
    REQUIRE(surplus);
    CHECK(surplus->value(1, 1) == 100 - 101);
    CHECK(surplus->time_label(1) == "2021/22");
    CHECK(surplus->unit == "beds");
}

TEST_CASE("Summaries are the mean and type 7 percentiles across replicates") {
    const auto set = compute_indicators(carecast::test::synthetic_dataset());
    const auto s = summarise_at(*set.find("dementia_65_plus"), 0);  // 52, 104, 156
    CHECK(s.mean == Approx(104));
    CHECK(s.p5 == Approx(52 + 0.1 * 52));
    CHECK(s.p50 == Approx(104));
    CHECK(s.p95 == Approx(104 + 0.9 * 52));
}

TEST_CASE("What a run lacks is listed and never an error") {
    const auto set = compute_indicators(carecast::test::synthetic_dataset(false));
    CHECK_FALSE(set.find("mtfp_pressure.asc_total"));
    CHECK_FALSE(set.find("carers_adult"));
    const auto has = [&](const std::string& text) {
        return std::any_of(set.missing.begin(), set.missing.end(),
                           [&](const std::string& m) { return m.find(text) != std::string::npos; });
    };
    CHECK(has("Adult unpaid carers: not in this run (no variable carers_1_19)"));
    CHECK(has("MTFP pressure (cash): not in this run (no dimension budget_line)"));
}

TEST_CASE("Breakdowns split by age band and sex for people counted by age") {
    const auto rows = compute_breakdowns(carecast::test::synthetic_dataset());
    const auto find = [&](const std::string& id, const std::string& band, const std::string& sex) -> const Series* {
        for (const auto& r : rows)
            if (r.series.id == id && r.age_band == band && r.sex == sex) return &r.series;
        return nullptr;
    };
    const auto* whole = find("dementia_65_plus", "65+", "all");
    REQUIRE(whole);
    const auto* oldest_women = find("dementia_65_plus", "85+", "female");
    REQUIRE(oldest_women);
    CHECK(oldest_women->value(1, 0) == 2.0 * 6);
    const auto* band = find("dementia_65_plus", "75-84", "all");
    REQUIRE(band);
    CHECK(band->value(0, 0) == 1.0 * 2 * 10);
    CHECK_FALSE(find("dementia_65_plus", "0-17", "all"));
    // Every row of a single-area run names its area.
    CHECK(std::all_of(rows.begin(), rows.end(), [](const BreakdownSeries& r) { return r.area == "E06000047"; }));
    // Population groups and ratios have one row (no breakdown).
    CHECK(find("population_65_plus", "all ages", "all"));
    CHECK_FALSE(find("population_65_plus", "all ages", "female"));
}

TEST_CASE("Assumptions are read from the resolved scenario text") {
    const auto a = parse_assumptions(
        "# comment\nname: \"x # not a comment\"\nrun {\n  base_year: 2016 # the base\n}\n"
        "demography { mortality { local_factor_male: 1.1389 } open_age: 90 }\n"
        "carers {\n  hours_shares_under_65: 0.66\n  hours_shares_under_65: 0.14\n}\n");
    REQUIRE(a.size() == 5);
    CHECK(a[0].section.empty());
    CHECK(a[0].value == "x # not a comment");
    CHECK(a[1].section == "run");
    CHECK(a[1].parameter == "base_year");
    CHECK(a[1].value == "2016");
    CHECK(a[2].section == "demography");
    CHECK(a[2].parameter == "mortality.local_factor_male");
    CHECK(a[3].parameter == "open_age");
    CHECK(a[4].value == "0.66, 0.14");
}
