#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/solve_increasing.hpp"

using namespace carecast;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

/// The dementia fit's equation (dementia_rates.cpp age_deaths, without care homes): deaths of an age with
/// prevalence p, a share s1 of cases in their first year, relative risks r1 and r2, at home hazard h.
struct DementiaDeaths {
    double p, s1, r1, r2;
    double operator()(double h) const {
        const double with = 1 - s1 * std::exp(-h * r1) - (1 - s1) * std::exp(-h * r2);
        return p * with + (1 - p) * (1 - std::exp(-h));
    }
};

/// Need's deaths by level (need_rates.cpp level_hazards): shares by level, relative risks, b the base.
struct NeedDeaths {
    double shares[4], rr[4], excess;
    double operator()(double b) const {
        double total = 0;
        for (int j = 0; j < 4; ++j) total += shares[j] * (1.0 - std::exp(-(b * rr[j] + (j == 3 ? excess : 0.0))));
        return total;
    }
};

/// Solves f = target on [lo, hi], counting evaluations, and checks the answer is as good as f allows:
/// within `error` of the target, or a crossing within a few ulps of it (where f jumps), or an end of the
/// bracket where the target is not crossed inside it. Returns the evaluations (the first, at lo, is the
/// caller's and not counted).
template <typename F>
int solved(const F& f, double lo, double hi, double target, double error, double guess) {
    int evaluations = 0;
    auto counted = [&](double x) {
        ++evaluations;
        return f(x);
    };
    const double f_lo = f(lo);
    const double x = solve_increasing(counted, lo, f_lo, hi, target, error, guess);
    INFO("target " << target << " guess " << guess << " answer " << x << " f " << f(x));
    REQUIRE(x >= lo);
    REQUIRE(x <= hi);
    if (f_lo >= target) {
        CHECK(x == lo);
        CHECK(evaluations == 0);
    } else if (f(hi) < target) {
        CHECK(x == hi);
    } else if (std::abs(f(x) - target) > error) {
        // Then a crossing of the computed f within a few ulps.
        const double d = 8 * eps * std::abs(x);
        CHECK(f(std::max(x - d, lo)) - target < error);
        CHECK(f(std::min(x + d, hi)) - target > -error);
    }
    return evaluations;
}

/// Evaluations over many solves: a few on average, never many (a bisection to the last bit takes 45 to 60).
struct Evaluations {
    int most = 0;
    long total = 0, count = 0;
    void add(int evaluations) {
        most = std::max(most, evaluations);
        total += evaluations;
        ++count;
    }
    void check_few() const {
        const double mean = static_cast<double>(total) / static_cast<double>(count);
        INFO("mean evaluations " << mean << ", most " << most);
        CHECK(mean < 6);
        CHECK(most <= 24);
    }
};

}  // namespace

TEST_CASE("solve_increasing solves the dementia fit's deaths to within their rounding in a few evaluations",
          "[solve_increasing]") {
    std::mt19937_64 random(20261205);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Evaluations evaluations;
    for (int k = 0; k < 20000; ++k) {
        const DementiaDeaths f{unit(random) * 0.9, unit(random), 1 + 4 * unit(random), 1 + 3 * unit(random)};
        // Death probabilities from a child's to the oldest's, and age_deaths' cap; its bracket and guess.
        const double target = k == 0 ? 1 - 1e-12 : std::min(std::pow(10.0, -5 + 5 * unit(random)), 1 - 1e-12);
        const double lo = 0.1 * -std::log(1 - target);
        evaluations.add(solved(f, lo, 50.0, target, 1e-15, -std::log(1 - target)));
    }
    evaluations.check_few();
}

TEST_CASE("solve_increasing solves need's deaths by level to within their rounding in a few evaluations",
          "[solve_increasing]") {
    std::mt19937_64 random(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Evaluations evaluations;
    for (int k = 0; k < 20000; ++k) {
        NeedDeaths f{};
        double left = 1, mean_rr = 0;
        for (int j = 0; j < 4; ++j) {
            f.shares[j] = j == 3 ? left : left * unit(random);
            left -= f.shares[j];
            f.rr[j] = j == 0 ? 1.0 : f.rr[j - 1] * (1 + 2 * unit(random));
            mean_rr += f.shares[j] * f.rr[j];
        }
        f.excess = unit(random) < 0.5 ? 0.0 : 0.3 * unit(random);
        const double q = std::pow(10.0, -4 + 4 * unit(random)) * 0.95;
        const double hazard = -std::log(1 - q);
        // level_hazards' bracket and guess.
        const double floor = 0.25 * hazard / mean_rr;
        double hi = std::max(1.0, 2 * floor);
        while (f(hi) < q && hi < 1e3) hi *= 2;
        evaluations.add(solved(f, floor, hi, q, 1e-15, hazard / mean_rr));
    }
    evaluations.check_few();
}

TEST_CASE("solve_increasing finds the crossing of flat, kinked, steep and stepped functions from any guess",
          "[solve_increasing]") {
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    int most = 0;
    for (int k = 0; k < 5000; ++k) {
        const double target = 0.01 + 0.98 * unit(random);
        const double steep = std::pow(10.0, -3 + 6 * unit(random));
        const double cap = unit(random) * 2;
        const double guess = -1 + 60 * unit(random);  // anywhere, outside the bracket too
        most =
            std::max(most, solved([&](double h) { return 1 - std::exp(-h * steep); }, 0.0, 50.0, target, 1e-15, guess));
        // Flat beyond a kink (may never reach the target: the answer is then hi).
        most = std::max(most, solved([&](double h) { return std::min(h, cap); }, 0.0, 50.0, target, 1e-15, guess));
        // A step: flat on both sides of the crossing, which is found to a few ulps.
        most = std::max(most, solved([&](double h) { return h < cap ? 0.0 : 1.0; }, 0.0, 50.0, target, 1e-15, guess));
        // Already at or above the target at lo.
        CHECK(solved([&](double h) { return h + target; }, 0.0, 50.0, target, 1e-15, guess) == 0);
    }
    INFO("most evaluations " << most);
    // About four evaluations a halving at worst, from a bracket of 50 to a few ulps.
    CHECK(most <= 4 * 60);
}

TEST_CASE("solve_increasing gives the same answer for the same inputs, whatever ran before", "[solve_increasing]") {
    const DementiaDeaths f{0.3, 0.2, 3.0, 2.0};
    const double first = solve_increasing(f, 0.001, f(0.001), 50.0, 0.1, 1e-15, 0.1);
    for (int k = 0; k < 3; ++k) CHECK(solve_increasing(f, 0.001, f(0.001), 50.0, 0.1, 1e-15, 0.1) == first);
    // And it is the crossing: within the rounding error of the target.
    CHECK(std::abs(f(first) - 0.1) <= 1e-15);
}

TEST_CASE("solve_increasing passes over a NaN at the guess or above the crossing", "[solve_increasing]") {
    // A NaN at the guess made it the bracket's upper end but kept f(hi)'s value for it: the answer was
    // then found between lo and the guess, below the crossing (a review's case). The guess is now unused.
    auto nan_at_one = [](double x) { return x == 1.0 ? std::numeric_limits<double>::quiet_NaN() : x; };
    const double x = solve_increasing(nan_at_one, 0.0, 0.0, 10.0, 7.0, 1e-15, 1.0);
    CHECK(std::abs(x - 7.0) <= 1e-14);
    // NaN above the crossing: the answer stays below it (the NaN end is never taken for the answer).
    auto nan_above_eight = [](double x) { return x > 8.0 ? std::numeric_limits<double>::quiet_NaN() : x; };
    CHECK(std::abs(solve_increasing(nan_above_eight, 0.0, 0.0, 10.0, 7.0, 1e-15, 9.0) - 7.0) <= 1e-14);
}
