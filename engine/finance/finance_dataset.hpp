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

/// The warning of results_warnings for one service: its capacity in the base financial year against the
/// mean demand of the replicates ("" when the capacity holds the demand).
std::string base_year_capacity_warning(const std::string& service, std::int32_t base_year, double mean_demand,
                                       std::int64_t capacity);

/// True for a line that ends as base_year_capacity_warning's: it depends on the replicates of the run, so
/// merge writes it again from all of them.
bool is_capacity_warning(const std::string& line);

}  // namespace carecast::output
