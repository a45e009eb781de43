// Fuzzes every CSV loader: the input replaces one data file (chosen by its first byte) of the small
// end-to-end scenario, which is then read as `validate` reads it; if it passes, the model is built,
// as `run` would, and must not fail.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "cohorts/cohort_inputs.hpp"
#include "demography/demographic_inputs.hpp"
#include "fuzz_support.hpp"
#include "sim/load_scenario.hpp"
#include "sim/model.hpp"

namespace {

carecast::LoadedScenario& base() {
    static carecast::LoadedScenario loaded =
        carecast::load_scenario(std::filesystem::path(CARECAST_SOURCE_DIR) / "tests/end_to_end/small_cohorts.txtpb");
    return loaded;
}

std::vector<std::filesystem::path*> data_fields(carecast::ModelConfig& c) {
    auto& d = c.demography;
    auto& k = c.cohorts;
    return {&d.base_population_csv,
            &d.death_rates_csv,
            &d.fertility_rates_csv,
            &d.net_migration_csv,
            &k.dementia.prevalence_csv,
            &k.dementia.early_onset_prevalence_csv,
            &k.couples.partnered_share_csv,
            &k.couples.formation_probability_csv,
            &k.couples.dissolution_probability_csv,
            &k.carers.prevalence_csv,
            &k.send.sen_support_prevalence_csv,
            &k.send.ehc_plan_prevalence_csv,
            &k.falls.admission_probability_csv,
            &k.care_homes.admission_probability_csv,
            &k.home_care.reablement_probability_csv,
            &k.home_care.home_care_start_probability_csv,
            &k.prevalence.rates_csv};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    auto& loaded = base();
    const carecast::ModelConfig original = loaded.config;
    auto fields = data_fields(loaded.config);
    auto* field = fields[data[0] % fields.size()];
    if (field->empty()) {
        loaded.config = original;
        return 0;
    }
    *field = carecast::fuzz::write_input("table.csv", data + 1, size - 1);
    carecast::Diagnostics diagnostics;
    const auto max_age = loaded.config.demography.max_age;
    auto demography = carecast::read_demographic_inputs(loaded.config, diagnostics);
    auto cohorts = carecast::read_cohort_inputs(*loaded.file, loaded.config.cohorts, max_age, diagnostics);
    if (loaded.config.uncertainty.dementia_prevalence && loaded.config.cohorts.dementia.enabled)
        carecast::read_dementia_prevalence_intervals(loaded.config.cohorts, max_age, cohorts, diagnostics);
    if (diagnostics.empty()) {
        std::swap(loaded.demography, demography);
        std::swap(loaded.cohort_inputs, cohorts);
        (void)carecast::build_model(loaded);
        std::swap(loaded.demography, demography);
        std::swap(loaded.cohort_inputs, cohorts);
    }
    loaded.config = original;
    return 0;
}
