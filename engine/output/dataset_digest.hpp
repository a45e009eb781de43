#pragma once
// The results digest of a dataset, computable from a file as well as from a run: `carecast merge`
// recomputes it for merged files, and equal digests mean bit-identical per-replicate results.
#include <string>

#include "output/dataset.hpp"

namespace carecast::output {

/// FNV-1a 64 ("fnv1a64:" + 16 hex digits) over every variable whose first dimension is `replicate`,
/// in dataset order: its name, then its values' raw bytes (little-endian, as stored). Summaries,
/// coordinates and attributes are not included, so the digest depends only on the replicates' results.
std::string dataset_results_digest(const Dataset& dataset);

}  // namespace carecast::output
