#pragma once
// Everything a run needs, built once from a loaded scenario: the demographic and cohort rates and
// the list of measures the run counts.
#include <memory>

#include "cohorts/cohort_rates.hpp"
#include "demography/demographic_rates.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/measures.hpp"

namespace carecast {

/// Ids of every registered measure; -1 where the module is disabled.
struct MeasureIds {
    MeasureId population = -1, births = -1, deaths = -1, immigrants = -1, emigrants = -1;
    MeasureId dementia = -1, dementia_onsets = -1, dementia_deaths = -1, dementia_emigrants = -1;
    MeasureId dementia_diagnosed = -1, dementia_diagnoses = -1, dementia_diagnosed_exits = -1;
    MeasureId partnered = -1, partnership_ends = -1;
    MeasureId carers[3] = {-1, -1, -1}, caring_starts[3] = {-1, -1, -1}, caring_ends[3] = {-1, -1, -1};
    MeasureId partner_carers = -1, partner_caring_starts = -1, partner_caring_ends = -1, carer_losses = -1;
    MeasureId sen_support = -1, sen_support_starts = -1, sen_support_ends = -1;
    MeasureId ehc_plans = -1, ehc_plan_starts = -1, ehc_plan_ends = -1, ehc_to_adult_ld = -1;
    MeasureId fall_admissions = -1;
    MeasureId residents[2] = {-1, -1}, admissions[2] = {-1, -1}, home_deaths[2] = {-1, -1},
              discharges[2] = {-1, -1}, residents_31_march[2] = {-1, -1}, bed_days[2] = {-1, -1};
    MeasureId reablement_episodes = -1, reablement_no_ongoing = -1, reablement_reduced = -1,
              reablement_ongoing = -1, reablement_days = -1, reablement_at_home_91 = -1;
    MeasureId home_care = -1, home_care_starts = -1, home_care_ends = -1;
};

struct Model {
    DemographicRates demography;
    CohortRates cohorts;
    MeasureRegistry registry;
    MeasureIds ids;
    /// Changes to rates by year: the scenario's interventions, then (in a replicate's own model) the
    /// multipliers drawn for parameter uncertainty (sim/year_rates.hpp).
    std::vector<InterventionConfig> interventions;
    /// Schedules of the model's scalar parameters by year (Scenario.schedules), applied before the
    /// interventions' multipliers (sim/year_rates.hpp).
    std::vector<ParameterSchedule> schedules;
    /// Parameter uncertainty, and the cohort tables it redraws from (sim/replicate_parameters.hpp).
    UncertaintyConfig uncertainty;
    std::shared_ptr<const CohortInputs> cohort_inputs;
    /// Money and market sections, carried to the results for the outputs (engine/finance).
    FinanceConfig finance;
    /// Several areas (or per-area parameters): one single-area model per area, in grid order. This
    /// model then holds only what the results need (full grid, base counts, registry, first area's
    /// cohort rates), and simulate() runs the area models and combines their counts. Empty otherwise.
    std::vector<std::shared_ptr<const Model>> area_models;
    std::vector<std::string> area_names;    // [area] from area_parameters_csv, or empty
    std::vector<std::string> area_sources;  // [area] its `sources` text, or empty

    const CohortConfig& config() const { return cohorts.config; }
};

/// Builds rates and registers the measures of every enabled module. A scenario with several areas,
/// or with area_parameters_csv, gets one model per area (built in parallel) in `area_models`.
Model build_model(const LoadedScenario& scenario);

/// The single-area model of `config` from these inputs (the whole model when there is one area).
Model build_area_model(const ModelConfig& config, const DemographicInputs& demography,
                       const CohortInputs& cohort_inputs);

/// Registers measures for `config`'s enabled modules (demography always).
MeasureIds register_measures(const CohortConfig& config, MeasureRegistry& registry);

}  // namespace carecast
