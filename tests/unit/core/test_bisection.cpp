#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

#include "core/bisection.hpp"

using namespace carecast;

namespace {

/// The dementia fit's equation (dementia_rates.cpp age_deaths, without care homes): deaths of an age with
/// prevalence p, a share s1 of cases in their first year, relative risks r1 and r2, at home hazard h.
struct DementiaDeaths {
    double p, s1, r1, r2;
    double operator()(double h) const {
        const double with = 1 - s1 * std::exp(-h * r1) - (1 - s1) * std::exp(-h * r2);
        return p * with + (1 - p) * (1 - std::exp(-h));
    }
};

/// Runs both bisections of f on [lo, hi] (age_deaths' bracket and steps) and counts the fast one's
/// evaluations; returns them, having checked that both give the same double.
template <typename F>
int same_answer(const F& f, double target, double guess, double lo = -1, double hi = 50.0) {
    if (lo < 0) lo = 0.1 * -std::log(1 - target);
    const double f_lo = f(lo);
    if (f_lo >= target) return 0;  // age_deaths returns at lo: no bisection
    int evaluations = 0;
    auto counted = [&](double x) {
        ++evaluations;
        return f(x);
    };
    const double plain = plain_bisection(f, lo, hi, target, 45);
    const double fast = bisect_increasing(counted, lo, f_lo, hi, target, 45, 1e-13, guess);
    INFO("target " << target << " guess " << guess << " plain " << plain << " fast " << fast);
    REQUIRE(std::bit_cast<std::uint64_t>(fast) == std::bit_cast<std::uint64_t>(plain));
    return evaluations;
}

}  // namespace

TEST_CASE("the fast bisection gives the plain bisection's answer bit for bit, with far fewer evaluations",
          "[bisection]") {
    std::mt19937_64 random(20261205);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int most = 0;
    long total = 0, solved = 0;
    for (int k = 0; k < 20000; ++k) {
        const DementiaDeaths f{unit(random) * 0.9, unit(random), 1 + 4 * unit(random), 1 + 3 * unit(random)};
        // Death probabilities from a child's to the oldest's, and the age_deaths cap.
        const double target = k == 0 ? 1 - 1e-12 : std::min(std::pow(10.0, -5 + 5 * unit(random)), 1 - 1e-12);
        const double guess = -std::log(1 - target);
        const int evaluations = same_answer(f, target, guess);
        if (evaluations == 0) continue;
        most = std::max(most, evaluations);
        total += evaluations;
        ++solved;
    }
    REQUIRE(solved > 10000);
    INFO("mean evaluations " << static_cast<double>(total) / static_cast<double>(solved) << ", most " << most);
    // The plain bisection evaluates 45 times. Near a probability of 1 (the oldest ages, the cap) f is flat
    // and most mid-points are unsettled: the search first then costs at most about 15 more.
    CHECK(static_cast<double>(total) / static_cast<double>(solved) < 12);
    CHECK(most <= 60);
}

TEST_CASE("the fast bisection is exact for flat, kinked and steep functions and any guess", "[bisection]") {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int k = 0; k < 5000; ++k) {
        const double target = 0.01 + 0.98 * unit(random);
        const double steep = std::pow(10.0, -3 + 6 * unit(random));
        const double cap = unit(random) * 2;
        // A guess anywhere, outside the bracket too.
        const double guess = -1 + 60 * unit(random);
        same_answer([&](double h) { return 1 - std::exp(-h * steep); }, target, guess, 0.0);
        // Flat beyond a kink (may never reach the target: the bisection then ends at hi).
        same_answer([&](double h) { return std::min(h, cap); }, target, guess, 0.0);
        // A step: flat on both sides of the crossing.
        same_answer([&](double h) { return h < cap ? 0.0 : 1.0; }, target, guess, 0.0);
    }
}
