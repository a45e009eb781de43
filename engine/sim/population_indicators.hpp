#pragma once
// The headline counts the Market Position Statement plans with, per replicate and year.
#include <cstdint>
#include <vector>

#include "sim/run_results.hpp"

namespace carecast {

struct AgeIndicator {
    const char* name;
    const char* long_name;
    int min_age;
    int max_age;  // inclusive; large for open-ended
};

inline constexpr AgeIndicator population_indicators[] = {
    {"total", "all ages", 0, 1000},
    {"age_0_17", "children aged 0-17", 0, 17},
    {"age_18_64", "adults aged 18-64", 18, 64},
    {"age_65_plus", "people aged 65 and over", 65, 1000},
    {"age_85_plus", "people aged 85 and over", 85, 1000},
};
inline constexpr int population_indicator_count = sizeof(population_indicators) / sizeof(population_indicators[0]);

/// [replicate][year][indicator] counts summed over areas and sexes.
std::vector<std::int32_t> compute_population_indicators(const RunResults& results);

}  // namespace carecast
