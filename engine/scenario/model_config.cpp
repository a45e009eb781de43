#include "scenario/model_config.hpp"

#include "core/text.hpp"
#include "scenario/field_checks.hpp"

namespace carecast {
namespace {

void resolve_run(const ScenarioFile& file, Diagnostics& diagnostics, RunConfig& run) {
    const auto& in = file.scenario.run();
    if (in.has_base_year()) run.base_year = in.base_year();
    if (in.has_horizon_year()) run.horizon_year = in.horizon_year();
    if (in.has_seed()) run.seed = in.seed();
    if (in.has_replicates()) run.replicates = in.replicates();
    if (run.horizon_year <= run.base_year) {
        file.error_at(diagnostics, "run.horizon_year",
                      "years are reversed: horizon_year (" + std::to_string(run.horizon_year) +
                          ") must be after base_year (" + std::to_string(run.base_year) + ")");
    } else {
        // At most a century: the schema's range of the field is [base_year + 1, base_year + 100].
        check_relation(file, diagnostics, "run.horizon_year",
                       schema_field(*RunSettings::descriptor(), RunSettings::kHorizonYearFieldNumber), run.horizon_year,
                       run.base_year + 1, run.base_year + 100, "horizon_year");
    }
}

void resolve_rates(const ScenarioFile& file, DemographyConfig& d) {
    const auto& mortality = file.scenario.demography().mortality();
    if (mortality.has_local_factor_male()) d.mortality_factor_male = mortality.local_factor_male();
    if (mortality.has_local_factor_female()) d.mortality_factor_female = mortality.local_factor_female();
    if (mortality.has_annual_improvement()) d.mortality_improvement = mortality.annual_improvement();
    const auto& fertility = file.scenario.demography().fertility();
    if (fertility.has_local_factor()) d.fertility_factor = fertility.local_factor();
    if (fertility.has_future_multiplier()) d.fertility_future_multiplier = fertility.future_multiplier();
    if (fertility.has_probability_male_at_birth()) d.probability_male_at_birth = fertility.probability_male_at_birth();
    const auto& migration = file.scenario.demography().migration();
    if (migration.has_scale()) d.migration_scale = migration.scale();
}

void resolve_demography(const ScenarioFile& file, Diagnostics& diagnostics, DemographyConfig& d) {
    const auto& in = file.scenario.demography();
    d.base_population_csv =
        data_file(file, diagnostics, "demography.base_population_csv", in.base_population_csv(), true);
    d.death_rates_csv =
        data_file(file, diagnostics, "demography.mortality.death_rates_csv", in.mortality().death_rates_csv(), true);
    d.fertility_rates_csv = data_file(file, diagnostics, "demography.fertility.fertility_rates_csv",
                                      in.fertility().fertility_rates_csv(), true);
    d.net_migration_csv = data_file(file, diagnostics, "demography.migration.net_migration_csv",
                                    in.migration().net_migration_csv(), false);
    d.area_parameters_csv =
        data_file(file, diagnostics, "demography.area_parameters_csv", in.area_parameters_csv(), false);
    if (in.has_open_age()) d.open_age = in.open_age();
    if (in.has_max_age()) d.max_age = in.max_age();
    if (!in.area_code().empty()) d.area_code = in.area_code();
    const auto& max_age = schema_field(*Demography::descriptor(), Demography::kMaxAgeFieldNumber);
    check_relation(file, diagnostics, "demography.max_age", max_age, d.max_age, d.open_age,
                   static_cast<std::int32_t>(schema_max(max_age)), "max_age (at least open_age)");
    resolve_rates(file, d);
}

/// The optional `observed` section: data files resolved like every other, the source text as written.
ObservedConfig resolve_observed(const ScenarioFile& file, Diagnostics& diagnostics) {
    const auto& in = file.scenario.observed();
    ObservedConfig observed;
    observed.population_csv = data_file(file, diagnostics, "observed.population_csv", in.population_csv(), false);
    observed.ehc_plans_csv = data_file(file, diagnostics, "observed.ehc_plans_csv", in.ehc_plans_csv(), false);
    observed.source = in.source();
    return observed;
}

/// "More carers supported" changes a money parameter: the interventions go to the money section.
void link_carer_support(const ScenarioFile& file, ModelConfig& config, Diagnostics& diagnostics) {
    for (std::size_t k = 0; k < config.interventions.size(); ++k) {
        const auto& i = config.interventions[k];
        if (i.rate != CARERS_SUPPORTED) continue;
        if (!config.finance.money.enabled || !config.cohorts.carers.enabled)
            file.error_at(diagnostics, "interventions[" + std::to_string(k) + "].rate",
                          "carers_supported changes money.carers_supported_share_bp: it needs the `money` and "
                          "`carers` sections");
        config.finance.money.carer_support_changes.push_back(i);
    }
    for (std::size_t k = 0; k < config.uncertainty.rates.size(); ++k)
        if (config.uncertainty.rates[k].rate == CARERS_SUPPORTED)
            file.error_at(diagnostics, "uncertainty.rates[" + std::to_string(k) + "].rate",
                          "carers_supported is a money parameter; money parameters are not drawn per replicate");
}

}  // namespace

ModelConfig resolve_model_config(const ScenarioFile& file, Diagnostics& diagnostics) {
    ModelConfig config;
    const Scenario& s = file.scenario;
    if (s.schema_version() != 1) {
        const std::string found = s.schema_version() == 0 ? "is missing" : "is " + std::to_string(s.schema_version());
        const auto [where, line, column] = file.locate("schema_version");
        diagnostics.error(where.string(), line > 0 ? line : 1, column > 0 ? column : 1,
                          "schema_version: " + found +
                              "; this engine reads schema_version 1 (set `schema_version: 1` at the top of the file)");
    }
    config.name = s.name();
    config.description = s.description();
    if (config.name.empty()) file.error_at(diagnostics, "name", "is required: a short name for the scenario");
    if (!config.name.empty() && !is_plain_name(config.name))
        file.error_at(diagnostics, "name", "may contain only letters, digits, '_' and '-'");
    check_schema_ranges(file, diagnostics);
    resolve_run(file, diagnostics, config.run);
    resolve_demography(file, diagnostics, config.demography);
    config.cohorts = resolve_cohort_config(file, diagnostics);
    config.finance =
        resolve_finance_config(file, config.run.base_year, config.run.horizon_year, config.cohorts, diagnostics);
    config.interventions = resolve_interventions(file, config.cohorts, config.run.base_year, config.run.horizon_year,
                                                 config.demography.max_age, diagnostics);
    config.schedules =
        resolve_parameter_schedules(file, config.cohorts, config.run.base_year, config.run.horizon_year, diagnostics);
    config.uncertainty = resolve_uncertainty(file, config.cohorts, diagnostics);
    link_carer_support(file, config, diagnostics);
    config.observed = resolve_observed(file, diagnostics);
    return config;
}

}  // namespace carecast
