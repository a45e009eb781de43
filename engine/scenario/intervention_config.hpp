#pragma once
// Interventions (what-ifs that change a rate from a start year, ramping linearly to their full effect)
// and parameter uncertainty (rates and prevalences drawn once per replicate), resolved and checked.
// How they act on the model's rates is in sim/year_rates.hpp and sim/replicate_parameters.hpp.
#include <limits>
#include <string>
#include <vector>

#include "carecast/scenario.pb.h"
#include "scenario/cohort_config.hpp"
#include "scenario/rate_table.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

/// One resolved intervention: the rate is multiplied by multiplier_in(year).
struct InterventionConfig {
    std::string name;
    std::string description;
    Rate rate = RATE_UNSPECIFIED;
    int start_year = 0;
    int full_effect_year = 0;
    double full_multiplier = 1.0;  // multiplier, or target_level / baseline level
    int min_age = 0;               // table rates: the ages it applies to
    int max_age = std::numeric_limits<int>::max();

    /// Share of the full effect in the year starting at mid-year `year`: 0 before start_year,
    /// (year - start_year + 1) / (full_effect_year - start_year + 1) during the ramp, then 1.
    double ramp_fraction(int year) const;
    /// 1 + (full_multiplier - 1) * ramp_fraction(year).
    double multiplier_in(int year) const;
    bool applies_to_age(int age) const { return age >= min_age && age <= max_age; }
};

/// Product of the multipliers of every intervention on `rate` for `year` (and `age`, for table rates).
double combined_multiplier(const std::vector<InterventionConfig>& interventions, Rate rate, int year, int age = 0);

struct RateUncertaintyConfig {
    std::string name;
    Rate rate = RATE_UNSPECIFIED;
    double lower95 = 1.0;
    double upper95 = 1.0;
    std::string source;
};

struct UncertaintyConfig {
    bool dementia_prevalence = false;
    std::vector<RateUncertaintyConfig> rates;

    bool any() const { return dementia_prevalence || !rates.empty(); }
};

/// The rate's name in lower case, as written in outputs (e.g. "care_home_admission").
std::string rate_name(Rate rate);

/// Resolves and checks `interventions`; scalar target levels are turned into multipliers of the
/// values in `cohorts` (already resolved). Problems go to `diagnostics` at the field's position.
std::vector<InterventionConfig> resolve_interventions(const ScenarioFile& file, const CohortConfig& cohorts,
                                                      int base_year, int horizon_year, int max_age,
                                                      Diagnostics& diagnostics);

UncertaintyConfig resolve_uncertainty(const ScenarioFile& file, const CohortConfig& cohorts, Diagnostics& diagnostics);

}  // namespace carecast
