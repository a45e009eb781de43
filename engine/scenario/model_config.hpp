#pragma once
// The scenario resolved into plain values: defaults filled in, ranges checked. The simulation reads
// only this, never the protobuf message, so every default lives in one place (model_config.cpp).
#include <cstdint>
#include <filesystem>
#include <string>

#include "observed/observed_inputs.hpp"
#include "scenario/cohort_config.hpp"
#include "scenario/finance_config.hpp"
#include "scenario/intervention_config.hpp"
#include "scenario/parameter_schedules.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

struct RunConfig {
    std::int32_t base_year = 2016;
    std::int32_t horizon_year = 2040;
    std::uint64_t seed = 20160630;
    std::uint32_t replicates = 20;
};

struct DemographyConfig {
    std::filesystem::path base_population_csv;
    std::filesystem::path death_rates_csv;
    std::filesystem::path fertility_rates_csv;
    std::filesystem::path net_migration_csv;    // empty: closed population
    std::filesystem::path area_parameters_csv;  // empty: every area uses the values below
    std::int32_t open_age = 90;
    std::int32_t max_age = 110;
    std::string area_code = "E06000047";
    double mortality_factor_male = 1.0;
    double mortality_factor_female = 1.0;
    double mortality_improvement = 0.012;
    double fertility_factor = 1.0;
    double fertility_future_multiplier = 1.0;
    double probability_male_at_birth = 0.5122;
    double migration_scale = 1.0;
};

struct ModelConfig {
    std::string name;
    std::string description;
    RunConfig run;
    DemographyConfig demography;
    CohortConfig cohorts;
    FinanceConfig finance;  // money and market sections (finance_config.hpp)
    std::vector<InterventionConfig> interventions;
    std::vector<ParameterSchedule> schedules;  // Scenario.schedules, sorted by from_year
    UncertaintyConfig uncertainty;
    ObservedConfig observed;  // published figures stored beside the projection; never read by the model
};

/// Fills defaults and checks every field's range; problems go to `diagnostics` with the field's
/// position in the scenario file. Data files are only resolved here, not read.
ModelConfig resolve_model_config(const ScenarioFile& file, Diagnostics& diagnostics);

}  // namespace carecast
