#pragma once
// The scenario resolved into plain values: defaults filled in, ranges checked. The simulation reads
// only this, never the protobuf message. Every default is a field option of the schema (schema_default).
#include <cstdint>
#include <filesystem>
#include <string>

#include "observed/observed_inputs.hpp"
#include "scenario/cohort_config.hpp"
#include "scenario/finance_config.hpp"
#include "scenario/intervention_config.hpp"
#include "scenario/parameter_schedules.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {

struct RunConfig {
    std::int32_t base_year = schema_default<RunSettings, std::int32_t>(RunSettings::kBaseYearFieldNumber);
    std::int32_t horizon_year = schema_default<RunSettings, std::int32_t>(RunSettings::kHorizonYearFieldNumber);
    std::uint64_t seed = schema_default<RunSettings, std::uint64_t>(RunSettings::kSeedFieldNumber);
    std::uint32_t replicates = schema_default<RunSettings, std::uint32_t>(RunSettings::kReplicatesFieldNumber);
};

struct DemographyConfig {
    std::filesystem::path base_population_csv;
    std::filesystem::path death_rates_csv;
    std::filesystem::path fertility_rates_csv;
    std::filesystem::path net_migration_csv;    // empty: closed population
    std::filesystem::path area_parameters_csv;  // empty: every area uses the values below
    std::int32_t open_age = schema_default<Demography, std::int32_t>(Demography::kOpenAgeFieldNumber);
    std::int32_t max_age = schema_default<Demography, std::int32_t>(Demography::kMaxAgeFieldNumber);
    std::string area_code = schema_default_text<Demography>(Demography::kAreaCodeFieldNumber);
    double mortality_factor_male = schema_default<Mortality>(Mortality::kLocalFactorMaleFieldNumber);
    double mortality_factor_female = schema_default<Mortality>(Mortality::kLocalFactorFemaleFieldNumber);
    double mortality_improvement = schema_default<Mortality>(Mortality::kAnnualImprovementFieldNumber);
    double fertility_factor = schema_default<Fertility>(Fertility::kLocalFactorFieldNumber);
    double fertility_future_multiplier = schema_default<Fertility>(Fertility::kFutureMultiplierFieldNumber);
    double probability_male_at_birth = schema_default<Fertility>(Fertility::kProbabilityMaleAtBirthFieldNumber);
    double migration_scale = schema_default<Migration>(Migration::kScaleFieldNumber);
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
