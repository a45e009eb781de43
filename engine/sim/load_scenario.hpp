#pragma once
// Everything `carecast validate` checks, in one call: syntax, field ranges, data files.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cohorts/modules.hpp"
#include "demography/demographic_inputs.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

struct LoadedScenario {
    std::unique_ptr<ScenarioFile> file;
    ModelConfig config;
    DemographicInputs demography;
    CohortInputs cohort_inputs;
    ObservedInputs observed;  // published figures for the output only (empty without an `observed` section)
    /// The scenario after inheritance, printed in canonical text format (stored in outputs).
    std::string resolved_text;
    /// Digest of `resolved_text` and of the bytes of every data file read: two runs with equal digests
    /// simulated the same inputs (checked by `carecast merge`).
    std::string digest;
    /// Plausibility warnings (legal values that are almost certainly a mistake), `file:line:col: warning: ...`.
    std::vector<std::string> warnings;
    /// With `extends`: every field the scenario changes from its parent, "path: parent -> this".
    std::vector<std::string> changes;
};

/// Parses and validates a scenario and reads its data files. Throws InputError carrying every
/// problem found (syntax errors stop parsing; all other checks run to completion).
LoadedScenario load_scenario(const std::filesystem::path& path);

/// The same for a scenario's text, as if read from `path` (which places relative paths); for fuzzing.
LoadedScenario load_scenario_text(const std::string& text, const std::filesystem::path& path);

}  // namespace carecast
