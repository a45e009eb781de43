// stay_length_days(u, h1, h2) inverts the survival function of a piecewise-exponential stay (hazard h1
// per year in the first year, h2 after): S(t) = e^{-h1 t} for t <= 1, e^{-h1 - h2 (t - 1)} after, so the
// stay whose survival is u lasts t(u) years, rounded to whole days (at least one). Checked against
// quantiles worked by hand and against the analytic mean (1 - e^{-h1}) / h1 + e^{-h1} / h2 years.
#include <catch2/catch.hpp>

#include <cmath>

#include "cohorts/care_homes/care_homes.hpp"
#include "sim/model.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// Mean stay in days over u, by the midpoint rule on `steps` equal slices of (0, 1].
double mean_days(double h1, double h2, int steps) {
    double sum = 0;
    for (int k = 0; k < steps; ++k) sum += stay_length_days((k + 0.5) / steps, h1, h2);
    return sum / steps;
}

double analytic_mean_days(double h1, double h2) {
    return 365 * ((1 - std::exp(-h1)) / h1 + std::exp(-h1) / h2);
}

}  // namespace

TEST_CASE("stay lengths are the quantiles of the piecewise-exponential survival function", "[care_homes]") {
    const double h1 = 0.6, h2 = 0.8;
    CHECK(stay_length_days(std::exp(-0.3), h1, h2) == 183);         // 0.3 / 0.6 = half a year = 182.5 days
    CHECK(stay_length_days(std::exp(-0.06), h1, h2) == 37);         // 0.1 year = 36.5 days
    CHECK(stay_length_days(std::exp(-0.6), h1, h2) == 365);         // S(1 year) = e^{-h1}: exactly a year
    CHECK(stay_length_days(std::exp(-0.6 - 0.8), h1, h2) == 730);   // one more year at h2
    CHECK(stay_length_days(std::exp(-0.6 - 0.4), h1, h2) == 548);   // 1.5 years = 547.5 days
    CHECK(stay_length_days(std::exp(-0.6 - 8.0), h1, h2) == 4015);  // 11 years
}

TEST_CASE("stays last at least a day and shorten as the survival draw grows", "[care_homes]") {
    CHECK(stay_length_days(1.0, 0.6, 0.8) == 1);
    CHECK(stay_length_days(1.0 - 1e-9, 0.6, 0.8) == 1);
    int previous = stay_length_days(1e-12, 0.6, 0.8);
    for (int k = 1; k <= 1000; ++k) {
        const int days = stay_length_days(k / 1000.0, 0.6, 0.8);
        REQUIRE(days <= previous);
        REQUIRE(days >= 1);
        previous = days;
    }
}

TEST_CASE("the mean stay is the analytic mean of the piecewise-exponential distribution", "[care_homes]") {
    for (const auto& [h1, h2] :
         {std::pair{0.598, 0.733}, std::pair{1.05, 1.47}, std::pair{0.3, 2.0}, std::pair{2.0, 0.3}}) {
        INFO("h1 " << h1 << ", h2 " << h2);
        // Rounding to days averages out; the midpoint rule's error near u = 0 is far below 0.05 days.
        CHECK(std::abs(mean_days(h1, h2, 2'000'000) - analytic_mean_days(h1, h2)) < 0.05);
    }
}

TEST_CASE("the baseline's stay hazards give the documented mean stays and one-year survival", "[care_homes]") {
    // proto/carecast/scenario.proto: mean completed stays of 549 (residential) and 313 (nursing) days
    // (Durham Insight JSNA 2015/16), 55% and 35% surviving a year.
    const auto loaded = test::load_baseline();
    const auto& h = loaded.config.cohorts.care_homes;
    REQUIRE(h.enabled);
    CHECK(std::lround(analytic_mean_days(h.residential_hazard_first_year, h.residential_hazard_later)) == 549);
    CHECK(std::lround(analytic_mean_days(h.nursing_hazard_first_year, h.nursing_hazard_later)) == 313);
    CHECK(std::lround(100 * std::exp(-h.residential_hazard_first_year)) == 55);
    CHECK(std::lround(100 * std::exp(-h.nursing_hazard_first_year)) == 35);
    CHECK(std::abs(mean_days(h.residential_hazard_first_year, h.residential_hazard_later, 1'000'000) - 549) < 1);
}

TEST_CASE("stays with a tiny later hazard are long, never wrapped round to short ones", "[care_homes]") {
    // The scenario accepts hazards from 0 to 20 a year. A later hazard of 1e-9 means stays that survive
    // the first year practically never end; their length must not overflow the int of days into a
    // short or negative stay.
    for (double u : {0.5, 1e-3, 1e-6, 1e-12}) {
        INFO("u = " << u);
        CHECK(stay_length_days(u, 0.6, 1e-9) >= 365);
    }
    // Both hazards 0 (allowed by validation): stays never end; any length must still be at least a year.
    CHECK(stay_length_days(0.5, 0.0, 0.0) >= 365);
}
