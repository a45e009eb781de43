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

/// Ages of a client group (inclusive): older people 65 and over, adults under 65.
std::pair<int, int> client_group_ages(ClientGroup group);

/// The volumes of the care services (care homes, home care, reablement) counted over people aged
/// [min_age, max_age] only; carers and EHC plans are left empty.
ServiceVolumes care_volumes(const RunResults& results, const ReplicateCounts& counts, int min_age, int max_age);

}  // namespace carecast::finance
