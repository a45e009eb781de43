#pragma once
// Special educational needs and disabilities, 0-25: SEN support (school ages) and EHC plans, with
// starts that keep the base-year age profile (EHC starts growing by ehc_growth a year), plans ending
// at 16-25 or at 26, and the move of some plan holders to adult learning-disability services.
//
// Reads: age, sex, send. Writes: send.
#include "cohorts/person_year.hpp"

namespace carecast {

/// SEND transitions for a person alive and resident at the end of the interval.
void send_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// Base-year SEN support and EHC plans by age and sex.
void initialise_send(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                     Population& population);

}  // namespace carecast
