#pragma once
#include <ostream>

#include "sim/run_results.hpp"

namespace carecast::cli {

/// Prints total, 0-17, 65+ and 85+ at the base year, 2020, 2025, ... and the horizon: mean with P5-P95.
void print_summary_table(std::ostream& out, const RunResults& results);

}  // namespace carecast::cli
