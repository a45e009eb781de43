#pragma once
// Bisection for the crossing of a target by an increasing function, with the plain bisection's answer
// bit for bit and a fifth of its evaluations.

#include <cmath>
#include <limits>

namespace carecast {

/// The plain bisection on [lo, hi] for an f with f(lo) < target: `steps` times mid = (lo + hi) / 2, and
/// lo = mid where f(mid) < target, else hi = mid; returns the last pair's mid-point. The reference that
/// bisect_increasing reproduces (tests/unit/core/test_bisection.cpp).
template <typename F>
double plain_bisection(F&& f, double lo, double hi, double target, int steps) {
    for (int step = 0; step < steps; ++step) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

/// plain_bisection's answer, bit for bit, for an f that increases (in exact arithmetic) and is computed
/// to within `error` of its exact value, given f(lo) < target. False-position steps (Illinois), started
/// at `guess`, first find the crossing; then the bisection runs as plain_bisection does, but decides a
/// mid-point without evaluating f where a point already evaluated settles it: at or below an x with
/// f(x) < target - 2 error, f(mid) < target as computed too; at or above one with f(x) >= target + 2
/// error, f(mid) >= target. Only the mid-points within about 4 error / f' of the crossing are evaluated.
/// The dementia fit of a model build (dementia_rates.cpp, age_deaths) solves about 140,000 of these of
/// 45 steps each: most of a model's build time.
template <typename F>
double bisect_increasing(F&& f, double lo, double f_lo, double hi, double target, int steps, double error,
                         double guess) {
    const double margin = 2 * error;
    double below = -std::numeric_limits<double>::infinity();  // the largest x known to give f(x) < target
    double above = std::numeric_limits<double>::infinity();   // the smallest x known to give f(x) >= target
    auto evaluate = [&](double x) {
        const double v = f(x) - target;  // v < 0 exactly when f(x) < target
        if (v < -margin && x > below) below = x;
        if (v >= margin && x < above) above = x;
        return v;
    };
    // False position (Illinois) on [a, b] with f(a) < target <= f(b) until a point within the margin of
    // the target; fa and fb are halved when an end is kept twice, ta and tb are their true values.
    double a = lo, fa = f_lo - target, b = hi, fb = 0;
    if (guess > lo && guess < hi) {
        const double v = evaluate(guess);
        (v < 0 ? a : b) = guess;
        (v < 0 ? fa : fb) = v;
    }
    if (b == hi) fb = evaluate(hi);
    double ta = fa, tb = fb, x = 0.5 * (a + b);
    const double resolution = std::ldexp(hi - lo, -steps);  // the bisection's last step
    for (int step = 0, kept = 0; step < 12 && fb >= 0 && b - a > resolution; ++step) {
        x = b - fb * (b - a) / (fb - fa);
        if (!(x > a && x < b)) x = 0.5 * (a + b);
        const double v = evaluate(x);
        if (v < 0) {
            a = x, fa = ta = v;
            if (kept < 0) fb *= 0.5;
            kept = -1;
        } else {
            b = x, fb = tb = v;
            if (kept > 0) fa *= 0.5;
            kept = 1;
        }
        if (std::abs(v) < margin) break;
    }
    // Points just outside the margin on either side of x, so that the bisection's mid-points beyond them
    // are settled without evaluating f; the slope of the bracket sets the distance (widened if short).
    const double slope = (tb - ta) / (b - a);
    if (slope > 0 && std::isfinite(slope))
        for (double d = std::max(3 * margin / slope, resolution), tries = 0; tries < 3; d *= 8, ++tries) {
            if (x - d > lo && x - d > below) evaluate(x - d);
            if (x + d < hi && x + d < above) evaluate(x + d);
            if (!(x - d > lo && x - d > below) && !(x + d < hi && x + d < above)) break;
        }
    for (int step = 0; step < steps; ++step) {
        const double mid = 0.5 * (lo + hi);
        const bool less = mid <= below ? true : mid >= above ? false : evaluate(mid) < 0;
        (less ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace carecast
