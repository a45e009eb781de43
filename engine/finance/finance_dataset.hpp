#pragma once
// The money and market outputs of a run: dimensions financial_year, budget_line and service, and the
// variables described in docs/money_and_market.md, each per replicate with a _summary.
#include "output/dataset.hpp"
#include "sim/run_results.hpp"

namespace carecast::output {

/// Adds the money (when the scenario has a money section) and market (when it has a market section)
/// dimensions and variables of `results` to `dataset`; adds nothing otherwise.
void add_money_and_market(Dataset& dataset, const RunResults& results);

/// Plausibility warnings on the results, one sentence each: a market service whose mean occupancy across
/// replicates in the run's first financial year is above 100% (its capacity is below the base year's
/// own demand, so the capacity is probably wrong).
std::vector<std::string> results_warnings(const RunResults& results);

}  // namespace carecast::output
