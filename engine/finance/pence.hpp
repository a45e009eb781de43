#pragma once
// Exact money arithmetic: amounts are int64 pence; products are formed in 128-bit integers and
// divided once, rounding half away from zero (for the non-negative amounts of the model: half up).
#include <cstdint>
#include <stdexcept>

namespace carecast::finance {

// A GCC and Clang extension (every compiler Debian builds carecast with); __extension__ keeps
// -Wpedantic quiet about it.
__extension__ typedef __int128 Wide;

/// numerator / denominator rounded to the nearest integer, halves away from zero. denominator > 0.
inline std::int64_t divide_rounded(Wide numerator, Wide denominator) {
    if (denominator <= 0) throw std::logic_error("divide_rounded: denominator must be positive");
    const bool negative = numerator < 0;
    const Wide magnitude = negative ? -numerator : numerator;
    const Wide quotient = (2 * magnitude + denominator) / (2 * denominator);
    // About £92 quadrillion: reachable only with absurd uplifts over decades; fail rather than wrap.
    if (quotient > static_cast<Wide>(INT64_MAX))
        throw std::overflow_error("money amount exceeds the int64 pence range (check the uplifts and growth rates)");
    return static_cast<std::int64_t>(negative ? -quotient : quotient);
}

/// amount x (10000 + bp) / 10000, rounded to the penny: one year's uplift or growth.
inline std::int64_t apply_growth(std::int64_t pence, std::int32_t bp) {
    return divide_rounded(static_cast<Wide>(pence) * (10000 + bp), 10000);
}

/// amount x 10000 / (10000 + bp), rounded to the penny: one year's uplift taken off.
inline std::int64_t remove_growth(std::int64_t pence, std::int32_t bp) {
    return divide_rounded(static_cast<Wide>(pence) * 10000, 10000 + bp);
}

}  // namespace carecast::finance
