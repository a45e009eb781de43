#pragma once
// Everything a run needs, built once from a loaded scenario: the demographic and cohort rates and
// the list of measures the run counts.
#include <memory>

#include "cohorts/cohort_rates.hpp"
#include "cohorts/modules.hpp"
#include "core/measures.hpp"
#include "demography/demographic_rates.hpp"
#include "sim/load_scenario.hpp"

namespace carecast {

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
