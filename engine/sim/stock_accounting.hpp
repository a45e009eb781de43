#pragma once
// Stocks from flows. Every stock keeps an exact accounting identity, cell by cell: the stock at the next
// mid-year at age a equals the stock at this mid-year at age a - 1 (the open top age keeps its own
// survivors too; age 0 has none) plus the stock's inflows of the interval minus its outflows, all
// counted at the age reached at the end of the interval (tests/statistical/test_cohort_accounting.cpp
// checks it with its own arithmetic on stocks counted every year). So a run counts its stocks person
// by person only in the base year and at the horizon, and derives the years between: counting them in
// pass 1 each year was about a twentieth of the full model's time, for numbers the flows already give.
#include <stdexcept>

#include "core/measures.hpp"
#include "core/population.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// Raised when counted stocks disagree with their flows: the model lost or made somebody (an internal
/// error, never the user's input).
struct AccountingError : std::logic_error {
    using std::logic_error::logic_error;
};

/// For every stock of `registry` in `counts` (years 0..intervals, flows 0..intervals-1, cells of
/// `grid`), whose base year (0) and horizon (intervals) hold stocks counted person by person: years
/// 1..intervals - 1 are derived from the year before and the interval's flows, and the horizon is
/// checked against the same identity. AccountingError names the first stock, year (base_year + index)
/// and cell where the horizon differs, or a derived stock below zero.
void account_stocks(const MeasureRegistry& registry, const PopulationGrid& grid, int base_year, int intervals,
                    ReplicateCounts& counts);

}  // namespace carecast
