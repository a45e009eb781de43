#pragma once
// Reads the yearly totals the money and the market need from one replicate's measure arrays, found by
// name in the run's measure registry (engine/sim/model.cpp registers them).
#include "finance/costs.hpp"
#include "sim/run_results.hpp"

namespace carecast::finance {

/// Ages of the EHC plans that may need a special-school place (school age, 5 to 18 inclusive).
inline constexpr int special_school_min_age = 5;
inline constexpr int special_school_max_age = 18;

/// Totals over areas, sexes and ages of `counts` (one replicate of `results`); a module not in the run
/// leaves its vectors empty.
ServiceVolumes service_volumes(const RunResults& results, const ReplicateCounts& counts);

}  // namespace carecast::finance
