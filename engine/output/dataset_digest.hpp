#pragma once
// The results digest of a dataset, computable from a file as well as from a run: `carecast merge`
// recomputes it for merged files, and equal digests mean bit-identical per-replicate results.
#include <string>

#include "core/digest.hpp"
#include "output/dataset.hpp"

namespace carecast::output {

/// FNV-1a 64 ("fnv1a64:" + 16 hex digits) over every variable whose first dimension is `replicate`,
/// in dataset order: its name, then its values' raw bytes (little-endian, as stored). Summaries,
/// coordinates and attributes are not included, so the digest depends only on the replicates' results.
std::string dataset_results_digest(const Dataset& dataset);

/// Adds `variable` of `dataset` to a results digest as dataset_results_digest does (nothing unless its
/// first dimension is `replicate`): for a digest computed in parts, variable by variable in order.
void add_to_results_digest(Digest& digest, const Dataset& dataset, const Variable& variable);

}  // namespace carecast::output
