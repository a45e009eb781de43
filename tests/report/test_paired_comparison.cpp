// Paired comparison against hand-computed values, and the refusal to pair runs that differ.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "report/paired_comparison.hpp"
#include "report_test_support.hpp"

using carecast::analysis::paired_difference;
using Catch::Matchers::Contains;

TEST_CASE("Paired differences: mean and t interval match a hand calculation") {
    // d = {1, 2, 1, 3}: mean 1.75, sample variance 2.75 / 3, sd 0.957427, se 0.478714;
    // t(0.975, 3 df) = 3.1824463, half-width 1.5234802.
    const auto d = paired_difference({10, 12, 14, 16}, {11, 14, 15, 19});
    CHECK(d.replicates == 4);
    CHECK(d.base_mean == Approx(13));
    CHECK(d.whatif_mean == Approx(14.75));
    CHECK(d.mean == Approx(1.75));
    CHECK(d.standard_deviation == Approx(0.9574271));
    CHECK(d.ci_low == Approx(1.75 - 1.5234802).epsilon(1e-6));
    CHECK(d.ci_high == Approx(1.75 + 1.5234802).epsilon(1e-6));
    // Type 7 percentiles of {1, 1, 2, 3}: P5 at h = 0.15 -> 1; P95 at h = 2.85 -> 2 + 0.85 = 2.85.
    CHECK(d.p5 == Approx(1.0));
    CHECK(d.p95 == Approx(2.85));
    CHECK(d.distinguishable);
}

TEST_CASE("Paired differences: an interval that spans zero is not distinguishable") {
    // d = {-1, 1}: mean 0, sd sqrt(2), t(0.975, 1 df) = 12.706205, half-width 12.706205.
    const auto d = paired_difference({5, 5}, {4, 6});
    CHECK(d.mean == Approx(0).margin(1e-12));
    CHECK(d.ci_high == Approx(12.7062047));
    CHECK(d.ci_low == Approx(-12.7062047));
    CHECK_FALSE(d.distinguishable);
}

TEST_CASE("Paired differences: a constant shift is distinguishable and one replicate has no interval") {
    const auto shift = paired_difference({1, 2, 3}, {3, 4, 5});
    CHECK(shift.mean == Approx(2));
    CHECK(shift.ci_low == Approx(2));
    CHECK(shift.distinguishable);
    const auto same = paired_difference({1, 2, 3}, {1, 2, 3});
    CHECK_FALSE(same.distinguishable);
    const auto one = paired_difference({1}, {2});
    CHECK(std::isnan(one.ci_low));
    CHECK_FALSE(one.distinguishable);
    CHECK_THROWS_AS(paired_difference({1, 2}, {1}), std::invalid_argument);
    CHECK_THROWS_AS(paired_difference({}, {}), std::invalid_argument);
}

TEST_CASE("Sample variance uses n - 1") {
    CHECK(carecast::analysis::sample_variance({2, 4, 4, 4, 5, 5, 7, 9}) == Approx(32.0 / 7.0));
    CHECK(carecast::analysis::sample_variance({3}) == 0);
}

TEST_CASE("Runs with different seeds replicates years or areas are not paired") {
    const auto base = carecast::test::synthetic_dataset();
    CHECK(carecast::analysis::pairing_problems(base, base, "a.nc", "b.nc").empty());

    const auto other_seed = carecast::test::synthetic_dataset(true, "43");
    const auto problems = carecast::analysis::pairing_problems(base, other_seed, "a.nc", "b.nc");
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Contains("different seeds") && Contains("a.nc: 42") && Contains("b.nc: 43"));

    const auto other_years = carecast::test::synthetic_dataset(true, "42", 2021);
    const auto year_problems = carecast::analysis::pairing_problems(base, other_years, "a.nc", "b.nc");
    REQUIRE(year_problems.size() == 1);
    CHECK_THAT(year_problems[0], Contains("different years") && Contains("2020..2021") && Contains("2021..2022"));

    auto other_replicates = base;
    other_replicates.dimensions[0].int_coordinates = {3, 4, 5};
    CHECK_THAT(carecast::analysis::pairing_problems(base, other_replicates, "a.nc", "b.nc").at(0),
               Contains("different replicate numbers"));
    auto other_area = base;
    other_area.dimensions[3].string_coordinates = {"E06000005"};
    CHECK_THAT(carecast::analysis::pairing_problems(base, other_area, "a.nc", "b.nc").at(0),
               Contains("different areas"));
}

TEST_CASE("Comparing indicator sets pairs replicate by replicate") {
    const auto base = carecast::test::synthetic_dataset();
    auto whatif = base;
    // Dementia in the what-if: one more person in every 65+ cell of replicate 1 only.
    for (auto& v : whatif.variables)
        if (v.name == "dementia") {
            auto& data = std::get<std::vector<std::int32_t>>(v.data);
            const std::size_t per_replicate = data.size() / 3;
            for (std::size_t i = per_replicate; i < 2 * per_replicate; ++i)
                if (data[i] > 0) data[i] += 1;
        }
    const auto base_set = carecast::report::compute_indicators(base);
    const auto whatif_set = carecast::report::compute_indicators(whatif);
    const auto rows = carecast::analysis::compare_indicators(base_set, whatif_set);
    bool found = false;
    for (const auto& row : rows)
        if (row.base->id == "dementia_65_plus" && row.base->times[row.base_time] == 2020) {
            found = true;
            // Differences {0, 52, 0}: mean 52/3.
            CHECK(row.difference.mean == Approx(52.0 / 3.0));
            CHECK_FALSE(row.difference.distinguishable);
        } else if (row.base->id == "population_total") {
            CHECK(row.difference.mean == 0);
            CHECK_FALSE(row.difference.distinguishable);
        }
    CHECK(found);
}

namespace {
using carecast::report::NumberKind;

carecast::report::Series money_series(std::string id, carecast::report::Theme theme, std::vector<double> values,
                                      NumberKind kind = NumberKind::money) {
    carecast::report::Series s;
    s.id = std::move(id);
    s.label = s.id;
    s.theme = theme;
    s.kind = kind;
    s.time_dimension = "financial_year";
    s.times = {2022};
    s.replicates = {0, 1};
    s.values = std::move(values);
    return s;
}
}  // namespace

TEST_CASE("A budget line only one run has is compared with zero spending in the other") {
    using carecast::report::Theme;
    // The what-if's own intervention cost (a line the baseline has no envelope or cost for), a line the
    // what-if drops, and a unit price and a non-money indicator only one run has, which are left out.
    carecast::report::IndicatorSet base, whatif;
    base.series = {money_series("cost_cash.residential_care", Theme::money, {100, 110}),
                   money_series("cost_cash.old_scheme", Theme::money, {5, 7})};
    whatif.series = {money_series("cost_cash.residential_care", Theme::money, {90, 100}),
                     money_series("cost_cash.interventions", Theme::money, {3, 4}),
                     money_series("unit_price.extra_care", Theme::money, {50, 50}, NumberKind::price),
                     money_series("extra_care_tenants", Theme::care_homes, {20, 21})};
    const auto rows = carecast::analysis::compare_indicators(base, whatif);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].base->id == "cost_cash.residential_care");
    CHECK(rows[0].difference.mean == Approx(-10));
    CHECK(rows[1].base->id == "cost_cash.interventions");
    CHECK(rows[1].difference.base_mean == 0);
    CHECK(rows[1].difference.whatif_mean == Approx(3.5));
    CHECK(rows[1].difference.mean == Approx(3.5));
    CHECK(rows[2].base->id == "cost_cash.old_scheme");
    CHECK(rows[2].difference.whatif_mean == 0);
    CHECK(rows[2].difference.mean == Approx(-6));
    // The lines' differences add up to the total's: -10 + 3.5 - 6.
    double sum = 0;
    for (const auto& r : rows) sum += r.difference.mean;
    CHECK(sum == Approx(-12.5));
}
