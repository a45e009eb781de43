#pragma once
// The crossing of a target by an increasing function, to the accuracy the function is computed with:
// the model build's equations (need's death hazards by level, the dementia fit's deaths by age, the
// care-home admission factor) are most of its time, and each is solved thousands of times.

#include <cmath>
#include <limits>

namespace carecast {

/// The crossing of `target` by an increasing f on [lo, hi], given f_lo = f(lo), to the accuracy f is
/// computed with: false-position steps (Anderson-Bjorck), the first at `guess` if it is inside, until f(x) is
/// within `error` of the target (closer, the computed f cannot tell x from the crossing; pass f's
/// rounding error) or the bracket is a few ulps wide. A step that leaves the bracket more than half as
/// wide as the last, three times running, is followed by a bisection step, so the search never costs
/// more than about four evaluations a halving. lo if f(lo) >= target and hi if f(hi) < target, as a bisection
/// would give. A NaN at the guess leaves the guess unused; elsewhere a NaN counts as not below the target,
/// as in a bisection. Near a smooth crossing it takes about 5 evaluations where a bisection to the last bit
/// takes 45 to 60 (tests/unit/core/test_solve_increasing.cpp).
template <typename F>
double solve_increasing(F&& f, double lo, double f_lo, double hi, double target, double error, double guess) {
    if (!(f_lo < target)) return lo;
    double a = lo, fa = f_lo - target, b = hi, fb = 0;
    if (guess > lo && guess < hi) {
        const double v = f(guess) - target;
        if (std::abs(v) <= error) return guess;
        if (v < 0) {
            a = guess, fa = v;
        } else if (v >= 0) {
            b = guess, fb = v;
        }  // a NaN: the guess is not used
    }
    if (b == hi) {  // the upper end's value not yet known
        fb = f(hi) - target;
        if (fb <= error) return hi;
    }
    double width = b - a;
    for (int step = 0, last = 0, slow = 0; step < 400; ++step) {
        if (b - a <= 4 * std::numeric_limits<double>::epsilon() * std::max(std::abs(a), std::abs(b)))
            return 0.5 * (a + b);
        double x = slow >= 3 ? 0.5 * (a + b) : b - fb * (b - a) / (fb - fa);
        if (!(x > a && x < b)) x = 0.5 * (a + b);
        const double v = f(x) - target;
        if (std::abs(v) <= error) return x;
        // Anderson-Bjorck: where the same end is replaced twice running, the end kept has its value
        // scaled by 1 - f(x) / f(end replaced), or halved where that is not positive, so that the steps
        // do not stall on one side; where the ends alternate, plain secant steps.
        if (v < 0) {
            const double m = 1 - v / fa;
            if (last < 0) fb *= m > 0 ? m : 0.5;
            a = x, fa = v, last = -1;
        } else {
            const double m = 1 - v / fb;
            if (last > 0) fa *= m > 0 ? m : 0.5;
            b = x, fb = v, last = 1;
        }
        slow = b - a > 0.5 * width ? slow + 1 : 0;
        width = b - a;
    }
    return 0.5 * (a + b);
}

}  // namespace carecast
