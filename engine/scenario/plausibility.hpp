#pragma once
// Plausibility warnings: values that pass every range check but are almost certainly a mistake (a rate
// written as a percent, a what-if that changes nothing). Warnings never fail validation; `validate` and
// `run` print them and `run` stores them in the output (global attribute `warnings`). Basis-point checks
// sit with the money fields in finance_config.cpp; this file holds the checks across sections.
//
// It is also the one home of thresholds that are not ranges: a warning's bound, and the span within
// which `carecast init` trusts a figure it derives. A range (a value outside fails) is a field option of
// the schema, never a number here; tools/check_schema_truth.py reads every other engine file for bounds
// written out and skips this one.
#include <cstdint>

#include "core/diagnostics.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

/// Multipliers outside [low, high] are probably a percent or a typo (15 for 1.15, 0.05 for 0.95).
inline constexpr double plausible_multiplier_low = 0.2;
inline constexpr double plausible_multiplier_high = 3.0;

/// A rate in basis points of magnitude below this (and not 0) was probably meant as a percent (3 for 300).
inline constexpr std::int32_t plausible_min_bp = 10;

/// `carecast init`: an ASCOF admission rate over County Durham's outside [low, high] (a rate on a very small
/// population, City of London or the Isles of Scilly) is not used as a scale of the calibrated admission
/// probabilities; England's is used instead, flagged. Within DataColumns' range of the scale columns.
inline constexpr double plausible_admission_scale_low = 0.2;
inline constexpr double plausible_admission_scale_high = 5.0;

/// `carecast init`: a council's derived yearly growth of EHC plans is kept in [low, high]; SEN2 growth
/// over a few years of a small council can be far outside what can be projected for 20 years.
inline constexpr double plausible_ehc_growth_low = -0.2;
inline constexpr double plausible_ehc_growth_high = 0.5;

/// Adds warnings for `file` (resolved) and its `config` to `diagnostics`: intervention and uncertainty
/// multipliers outside [0.2, 3], and a what-if (`extends`) that resolves to the same scenario as its parent.
void check_plausibility(const ScenarioFile& file, const ModelConfig& config, Diagnostics& diagnostics);

}  // namespace carecast
