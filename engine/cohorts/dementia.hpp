#pragma once
// Dementia: onset by age and sex (incidence that keeps the CFAS II prevalence shape), excess mortality
// after onset (through the demography step's death probabilities), and diagnosis.
//
// Reads: age, sex, dementia_years, flags. Writes: dementia_years, flags (dementia_diagnosed).
#include "cohorts/person_year.hpp"

namespace carecast {

/// Mortality state for CohortRates::death: 0 none, 1 first year after onset, 2 later.
inline int dementia_mortality_state(std::uint8_t dementia_years) {
    return dementia_years == 0 ? 0 : dementia_years == 1 ? 1 : 2;
}

/// Onset, progression and diagnosis for a person who is alive and resident at the end of the interval.
void dementia_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// Base-year prevalent cases: dementia by age and sex, years since onset, diagnosis.
void initialise_dementia(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                         Population& population);

}  // namespace carecast
