#pragma once
// The interventions acting in one year, applied to a copy of the year's rates (sim/year_rates.cpp): the
// helpers that multiply a table by age or a single value, for the rates built together and for each
// module's own (its `change_rates`).
#include <vector>

#include "core/population.hpp"
#include "scenario/intervention_config.hpp"

namespace carecast {

/// Multiplies a [sex][age] table (starting at `offset` in `values`) by each age's combined multiplier of
/// `rate` in `year`, capped at 1 if `cap_at_one`; an empty table stays empty.
void scale_sex_age(std::vector<double>& values, std::size_t offset, int ages, const std::vector<InterventionConfig>& iv,
                   Rate rate, int year, bool cap_at_one, int sexes = sex_count);

/// Multiplies `value` by the combined multiplier of `rate` in `year` (not by age), at most `cap`.
void scale_scalar(double& value, const std::vector<InterventionConfig>& iv, Rate rate, int year, double cap);

/// What a module's `change_rates` gets: the interventions of the year.
struct RateChanges {
    const std::vector<InterventionConfig>& interventions;
    int year;
    int ages;  // single years 0..max_age

    /// Multiplies a table [sex][age] of probabilities by the multiplier of `rate` at each age, capped at 1.
    void scale_table(std::vector<double>& values, Rate rate) const {
        scale_sex_age(values, 0, ages, interventions, rate, year, true);
    }
    /// Multiplies a single value by the multiplier of `rate`, at most `cap`.
    void scale_value(double& value, Rate rate, double cap = 1.0) const {
        scale_scalar(value, interventions, rate, year, cap);
    }
};

}  // namespace carecast
