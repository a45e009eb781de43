#pragma once
// Need (dependency) rates derived from the need table (docs/cohorts.md, "Need"): base-year shares by
// level given dementia, yearly probabilities of moving up a level that keep each level's prevalence by
// age at the table's, and death probabilities by age, sex, dementia and need that keep the life table.
#include <array>
#include <vector>

#include "cohorts/cohort_rates.hpp"

namespace carecast {

/// Fills r.need_* from the need table's shares at home, smoothed (r.need_at_least_at_home, filled once
/// before the rounds by build_cohort_rates): after build_dementia (it reads dementia prevalence and death
/// rates). `resident_share` [sex][age] is the share of people at high need living in a care home (empty:
/// none), whose residents come on top of the need table's people at home (need_with_residents). With `base_year_only`,
/// death by need is filled for the first interval alone (the rest left 0): enough for the rounds that solve the
/// residents and admissions together, which read only the base year's.
void build_need(const CohortConfig& c, const DemographicRates& d, const std::vector<double>& resident_share,
                CohortRates& r, bool base_year_only = false);

/// Shares of everyone at need level 1+, 2+, 3 when the need table's shares `at_home` (level 1+, 2+, 3;
/// the Health Survey for England samples private households) are those of the people at home and a
/// share `resident_share` of the people at high need live in a care home (every resident is at high
/// need). With h everyone's share at high need, c = resident_share h of everyone live in homes and the
/// people at home at high need are (1 - c) T3 = h - c, so h = T3 / (1 - resident_share (1 - T3)), and
/// level k or above is (1 - c) T_k + c.
std::array<double, 3> need_with_residents(const std::array<double, 3>& at_home, double resident_share);

/// The share of everyone living in a care home that goes with need_with_residents: resident_share h.
double care_home_share_of_everyone(double high_at_home, double resident_share);

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
