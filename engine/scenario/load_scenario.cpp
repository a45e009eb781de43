#include "scenario/load_scenario.hpp"

namespace carecast {

LoadedScenario load_scenario(const std::filesystem::path& path) {
    Diagnostics diagnostics;
    LoadedScenario loaded;
    loaded.file = parse_scenario_file(path, diagnostics);
    if (!loaded.file) throw InputError(std::move(diagnostics));
    loaded.config = resolve_model_config(*loaded.file, diagnostics);
    // Data files are read only when their paths and the ages they must cover are known.
    const auto& d = loaded.config.demography;
    if (!d.base_population_csv.empty() && !d.death_rates_csv.empty() && !d.fertility_rates_csv.empty() &&
        d.max_age >= d.open_age)
        loaded.demography = read_demographic_inputs(loaded.config, diagnostics);
    if (d.max_age >= d.open_age)
        loaded.cohort_inputs = read_cohort_inputs(loaded.config.cohorts, d.max_age, diagnostics);
    if (!diagnostics.empty()) throw InputError(std::move(diagnostics));
    return loaded;
}

}  // namespace carecast
