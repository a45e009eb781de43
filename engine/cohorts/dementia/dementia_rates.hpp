#pragma once
// Dementia onset and death rates derived from prevalence tables (docs/cohorts.md): onsets are a smooth
// curve in age fitted so that the prevalence they carry up the ages matches the table's bands, and the
// death rates of people with and without dementia keep the life table's deaths, care homes included.
#include <vector>

#include "cohorts/cohort_rates.hpp"

namespace carecast {

/// Fills r.dementia_prevalence, r.dementia_incidence and r.death_probability_by_dementia. Needs the
/// care-home admission table in `r` (admissions depend on dementia). `population` is [sex][age].
void build_dementia(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                    const std::vector<double>& population, CohortRates& r);

}  // namespace carecast
