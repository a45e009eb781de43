#pragma once
// Every Rate an intervention or an uncertainty range can change, one row each (rate_table.cpp): the
// scenario section that owns it, whether it is a table by age and sex or a single value (and which
// scenario field holds that value), and which of a year's rates it changes. A rate added to
// scenario.proto without its row does not compile, and the switch over sections has no `default:`, so
// the compiler names a section left out (-Werror=switch).
#include <optional>

#include "carecast/scenario.pb.h"
#include "scenario/cohort_config.hpp"

namespace carecast {

/// The scenario section a rate belongs to: the rate can change only if the section is simulated.
enum class RateSection { none, demography, dementia, carers, send, falls, care_homes, home_care, money };

/// How a rate is given, and so how an intervention may change it.
enum class RateShape {
    none,             // RATE_UNSPECIFIED
    table,            // by age and sex: a multiplier, or a target level against a baseline level
    scenario_field,   // one value of the scenario: a multiplier, or a target level for that value
    multiplier_only,  // one value that is not a field of the cohort sections: a multiplier only
};

/// A single-value rate's scenario field and its value. A target level keeps to the field's range in the
/// schema and, where another field limits it, to `hi` (infinity otherwise), for the reason `hi_reason`.
struct ScalarRate {
    double value;
    const char* field;
    double hi;
    const char* hi_reason;
};

/// One row of the rate table.
struct RateInfo {
    Rate rate;
    RateSection section;
    RateShape shape;
    bool changes_demographic_rates;  // when it acts, YearRates changes a copy of the DemographicRates
    bool changes_cohort_rates;       // ... and of the CohortRates (sim/year_rates.cpp)
    ScalarRate (*scalar)(const CohortConfig& cohorts);  // scenario_field rates only, else null
};

/// The row of `rate`; throws std::out_of_range for a value that is not a Rate.
const RateInfo& rate_info(Rate rate);

/// True for rates given as tables by age and sex; false for single parameters.
bool is_table_rate(Rate rate);

/// A scenario_field rate's field, value and allowed range; nullopt for other rates.
std::optional<ScalarRate> scalar_rate(Rate rate, const CohortConfig& cohorts);

/// The section's name in the scenario file (e.g. "care_homes").
const char* section_name(RateSection section);

/// True if the scenario simulates `section` (demography and money always; checks of the money
/// section are in scenario/finance_config).
bool section_simulated(RateSection section, const CohortConfig& cohorts);

}  // namespace carecast
