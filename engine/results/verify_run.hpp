#pragma once
// Checking a finished run's file before anything uses it: `compare`, `export`, `report` and `merge`
// refuse a file that fails, and `carecast verify FILE` runs the same checks on its own.
#include <string>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::output {

/// Every way `dataset` (read from a run file) differs from what carecast wrote: a results_digest that
/// does not match the replicate arrays (values altered, arrays deleted or added), summaries that do not
/// match their replicates, coordinates (replicate, year, period, age, sex, statistic) that are out of
/// order or disagree with the global attributes, and arrays whose size does not match their dimensions.
/// Empty when the file is as written.
std::vector<std::string> verify_run_dataset(const Dataset& dataset);

}  // namespace carecast::output
