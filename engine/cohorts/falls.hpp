#pragma once
// Emergency hospital admissions for falls, people 65+ living at home. A fall raises the person's
// care-home admission hazard in the same year and their chance of a reablement episode.
//
// Reads: age, sex. Writes: flags (fell).
#include "cohorts/person_year.hpp"

namespace carecast {

/// Emergency admission for a fall, for people 65+ living at home; sets `fell` for this year (and
/// clears last year's).
void falls_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

}  // namespace carecast
