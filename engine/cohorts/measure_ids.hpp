#pragma once
// The id of every measure the model registers (sim/model.cpp), by name, for the modules that count
// into them.
#include "core/measures.hpp"

namespace carecast {

/// Ids of every registered measure; -1 where the module is disabled.
struct MeasureIds {
    MeasureId population = -1, births = -1, deaths = -1, immigrants = -1, emigrants = -1;
    MeasureId dementia = -1, dementia_onsets = -1, dementia_deaths = -1, dementia_emigrants = -1;
    MeasureId dementia_diagnosed = -1, dementia_diagnoses = -1, dementia_diagnosed_exits = -1;
    MeasureId dementia_arrivals = -1, dementia_diagnosed_arrivals = -1;
    MeasureId partnered = -1, partnership_ends = -1, partnered_arrivals = -1;
    MeasureId partnerships_formed = -1, partnerships_dissolved = -1, partnership_unmatched = -1;
    MeasureId carers[3] = {-1, -1, -1}, caring_starts[3] = {-1, -1, -1}, caring_ends[3] = {-1, -1, -1};
    MeasureId caring_arrivals[3] = {-1, -1, -1};
    MeasureId partner_carers = -1, partner_caring_starts = -1, partner_caring_ends = -1, carer_losses = -1;
    MeasureId partner_carer_arrivals = -1;
    MeasureId sen_support = -1, sen_support_starts = -1, sen_support_ends = -1, sen_support_arrivals = -1;
    MeasureId ehc_plans = -1, ehc_plan_starts = -1, ehc_plan_ends = -1, ehc_to_adult_ld = -1, ehc_plan_arrivals = -1;
    MeasureId fall_admissions = -1;
    MeasureId residents[2] = {-1, -1}, admissions[2] = {-1, -1}, home_deaths[2] = {-1, -1}, discharges[2] = {-1, -1},
              residents_31_march[2] = {-1, -1}, bed_days[2] = {-1, -1};
    // Self-funded residents (care_homes.self_funders), residential and nursing; funds_run_out moves a
    // resident from self-funded to council-funded.
    MeasureId self_funded_residents[2] = {-1, -1}, self_funded_admissions[2] = {-1, -1},
              self_funded_deaths[2] = {-1, -1}, self_funded_discharges[2] = {-1, -1}, funds_run_out[2] = {-1, -1},
              self_funded_bed_days[2] = {-1, -1};
    MeasureId reablement_episodes = -1, reablement_no_ongoing = -1, reablement_reduced = -1, reablement_ongoing = -1,
              reablement_days = -1, reablement_at_home_91 = -1;
    MeasureId home_care = -1, home_care_starts = -1, home_care_ends = -1, home_care_arrivals = -1;
    // Need levels 1..3 at [level - 1]: people at the level, entries to it, leaves from it, arrivals at it.
    MeasureId need[3] = {-1, -1, -1}, need_entries[3] = {-1, -1, -1}, need_leaves[3] = {-1, -1, -1},
              need_arrivals[3] = {-1, -1, -1};
};

}  // namespace carecast
