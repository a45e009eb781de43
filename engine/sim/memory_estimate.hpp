#pragma once
// An up-front estimate of the memory a run needs, so that a run that cannot fit is refused in
// seconds rather than dying hours later.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/model.hpp"

namespace carecast {

/// Bytes a run of `replicates` replicates on `threads` threads needs at its peak, from above: the
/// counts of every replicate three times over (results, dataset, and a margin for the writer) plus, per thread, a
/// population that grows by its immigrants every year (its columns and
/// yearly workspace: 48 bytes a person, memory_estimate.cpp).
std::uint64_t estimated_run_bytes(const Model& model, std::uint64_t replicates, unsigned threads);

/// The memory this process may use: the least of physical memory, the cgroup limit (v2 or v1) and
/// RLIMIT_AS; nullopt if none can be read.
std::optional<std::uint64_t> usable_memory_bytes();

/// An error message if `needed` bytes exceed `usable` (with 10% held back), or empty.
std::string memory_problem(std::uint64_t needed, std::optional<std::uint64_t> usable);

}  // namespace carecast
