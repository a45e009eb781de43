#pragma once
// Need (dependency) rates derived from the need table (docs/cohorts.md, "Need"): base-year shares by
// level given dementia, yearly probabilities of moving up a level that keep each level's prevalence by
// age at the table's, and death probabilities by age, sex, dementia and need that keep the life table.
#include <vector>

#include "cohorts/cohort_rates.hpp"

namespace carecast {

/// Fills r.need_*: after build_dementia (it reads dementia prevalence and death rates). `population`
/// is the base population [sex][age].
void build_need(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                const std::vector<double>& population, CohortRates& r);

/// Probability per year of recovering one level from `level` (from 1 and 2 only).
inline double need_recovery(const NeedConfig& n, int level) {
    return level == 1 ? n.recovery_iadl : level == 2 ? n.recovery_adl : 0.0;
}

/// The share p0 of people without dementia at a level or above such that, with `dementia` the share of
/// people with dementia and the odds of the level `odds_ratio` times higher for them, the mixture's
/// share is `overall`: (1 - D) p0 + D OR p0 / (1 - p0 + OR p0) = overall.
double share_without_dementia(double overall, double dementia, double odds_ratio);

/// The share with dementia that goes with p0: OR p0 / (1 - p0 + OR p0).
double share_with_dementia(double p0, double odds_ratio);

}  // namespace carecast
