#pragma once
// Plausibility warnings: values that pass every range check but are almost certainly a mistake (a rate
// written as a percent, a what-if that changes nothing). Warnings never fail validation; `validate` and
// `run` print them and `run` stores them in the output (global attribute `warnings`). Basis-point checks
// sit with the money fields in finance_config.cpp; this file holds the checks across sections.
#include "core/diagnostics.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

/// Multipliers outside [low, high] are probably a percent or a typo (15 for 1.15, 0.05 for 0.95).
inline constexpr double plausible_multiplier_low = 0.2;
inline constexpr double plausible_multiplier_high = 3.0;

/// Adds warnings for `file` (resolved) and its `config` to `diagnostics`: intervention and uncertainty
/// multipliers outside [0.2, 3], and a what-if (`extends`) that resolves to the same scenario as its parent.
void check_plausibility(const ScenarioFile& file, const ModelConfig& config, Diagnostics& diagnostics);

}  // namespace carecast
