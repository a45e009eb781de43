#include "sim/load_scenario.hpp"

#include "scenario/plausibility.hpp"
#include "scenario/scenario_inheritance.hpp"

#include <fstream>
#include <iterator>

#include "core/digest.hpp"

namespace carecast {
namespace {

/// The data files of the configuration listed before modules declared their own, in a fixed order.
std::vector<std::filesystem::path> listed_data_files(const ModelConfig& c) {
    const auto& d = c.demography;
    const auto& k = c.cohorts;
    return {d.base_population_csv,
            d.death_rates_csv,
            d.fertility_rates_csv,
            d.net_migration_csv,
            d.area_parameters_csv,
            k.dementia.prevalence_csv,
            k.dementia.early_onset_prevalence_csv,
            k.couples.partnered_share_csv,
            k.couples.formation_probability_csv,
            k.couples.dissolution_probability_csv,
            k.carers.prevalence_csv,
            k.send.sen_support_prevalence_csv,
            k.send.ehc_plan_prevalence_csv,
            k.falls.admission_probability_csv,
            k.care_homes.admission_probability_csv,
            k.home_care.reablement_probability_csv,
            k.home_care.home_care_start_probability_csv,
            k.prevalence.rates_csv,
            k.need.prevalence_csv,
            c.observed.population_csv,
            c.observed.ehc_plans_csv};
}

/// Every data file the configuration names, in a fixed order (empty paths are skipped): the listed
/// ones, then those of modules that declare their own (`data_files`, from the cohort configuration or,
/// for a module that resolves its own, from its inputs), so that the digests of scenarios without such
/// a module stay as they were.
std::vector<std::filesystem::path> data_files(const ModelConfig& c, const CohortInputs& inputs) {
    std::vector<std::filesystem::path> files = listed_data_files(c);
    CohortModules::for_each([&]<typename M>() {
        if constexpr (requires { M::data_files(c.cohorts); })
            for (const auto& path : M::data_files(c.cohorts)) files.push_back(path);
        else if constexpr (requires { M::data_files(inputs); })
            for (const auto& path : M::data_files(inputs)) files.push_back(path);
    });
    return files;
}

std::string scenario_digest(const std::string& resolved_text, const ModelConfig& config, const CohortInputs& inputs) {
    Digest digest;
    digest.add(resolved_text.data(), resolved_text.size());
    for (const auto& path : data_files(config, inputs)) {
        if (path.empty()) continue;
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        digest.add(bytes.data(), bytes.size());
    }
    return digest.hex();
}

LoadedScenario finish_loading(LoadedScenario loaded, Diagnostics& diagnostics);

}  // namespace

LoadedScenario load_scenario(const std::filesystem::path& path) {
    Diagnostics diagnostics;
    LoadedScenario loaded;
    loaded.file = parse_scenario_file(path, diagnostics);
    return finish_loading(std::move(loaded), diagnostics);
}

LoadedScenario load_scenario_text(const std::string& text, const std::filesystem::path& path) {
    Diagnostics diagnostics;
    LoadedScenario loaded;
    loaded.file = parse_scenario_text(text, path, diagnostics);
    return finish_loading(std::move(loaded), diagnostics);
}

namespace {

LoadedScenario finish_loading(LoadedScenario loaded, Diagnostics& diagnostics) {
    if (!loaded.file) throw InputError(std::move(diagnostics));
    loaded.config = resolve_model_config(*loaded.file, diagnostics);
    check_plausibility(*loaded.file, loaded.config, diagnostics);
    // Data files are read only when their paths and the ages they must cover are known.
    const auto& d = loaded.config.demography;
    if (!d.base_population_csv.empty() && !d.death_rates_csv.empty() && !d.fertility_rates_csv.empty() &&
        d.max_age >= d.open_age)
        loaded.demography = read_demographic_inputs(loaded.config, diagnostics);
    if (d.max_age >= d.open_age)
        loaded.cohort_inputs = read_cohort_inputs(*loaded.file, loaded.config.cohorts, d.max_age, diagnostics);
    if (d.max_age >= d.open_age && loaded.config.uncertainty.dementia_prevalence &&
        loaded.config.cohorts.dementia.enabled)
        read_dementia_prevalence_intervals(loaded.config.cohorts, d.max_age, loaded.cohort_inputs, diagnostics);
    // Observed figures are checked against the run's areas, known once the base population is read.
    if (loaded.config.observed.enabled() && !loaded.demography.grid.areas.empty())
        loaded.observed = read_observed_inputs(loaded.config.observed, loaded.demography.grid.areas, diagnostics);
    if (!diagnostics.empty()) throw InputError(std::move(diagnostics));
    google::protobuf::TextFormat::PrintToString(loaded.file->scenario, &loaded.resolved_text);
    loaded.digest = scenario_digest(loaded.resolved_text, loaded.config, loaded.cohort_inputs);
    for (const auto& w : diagnostics.warnings()) loaded.warnings.push_back(format_diagnostic(w, "warning"));
    if (const auto& parent = loaded.file->parent)
        loaded.changes = describe_changes(parent->scenario, parent->path, loaded.file->scenario, loaded.file->path);
    return loaded;
}

}  // namespace

}  // namespace carecast
