#pragma once
// Reablement episodes and domiciliary (home) care, people 65+.
//
// Reads: age, sex, flags (fell). Writes: flags (home_care).
#include "cohorts/person_year.hpp"

namespace carecast {

/// Reablement and home care for people 65+ living at home at the start of the interval. Episodes of
/// people who die or enter a care home during the interval count, but not as "at home after 91 days",
/// and only people at home at the end start or keep home care.
void home_care_year(const YearContext& c, const PersonYear& p, bool at_home_at_end, Population& population,
                    Tally& tally);

/// Base-year home-care recipients: the steady state of starts against stops, deaths and admissions.
void initialise_home_care(const DemographicRates& demography, const CohortRates& rates, std::uint64_t seed,
                          std::uint32_t replicate, Population& population);

}  // namespace carecast
