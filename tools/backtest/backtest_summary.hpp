#pragma once
// Tables of a cross-council back-test: per-council errors as CSV, and the distribution over councils
// (median and 90th percentile of the absolute percentage error) as Markdown for docs/validation.md.
#include <ostream>
#include <vector>

#include "council_backtest.hpp"

namespace carecast::backtest {

/// Signed percentage error of `projected` against `actual` (positive: projection too high).
double percent_error(double projected, double actual);

/// The `q`-quantile (0..1) of `values`, linearly interpolated between order statistics.
double quantile(std::vector<double> values, double q);

/// One row per council, measure and year: actual, the three projections and their errors.
void write_errors_csv(std::ostream& out, const std::vector<CouncilResult>& results);

/// One row per council: what its fit used and what happened after the base year.
void write_councils_csv(std::ostream& out, const std::vector<CouncilResult>& results);

/// The summary tables: per measure and year, median and P90 of the absolute percentage error of the
/// model and both naive projections; where the model does not beat both; the worst five councils; the
/// size of the mid-2016 revision.
void write_summary(std::ostream& out, const std::vector<CouncilResult>& results, const BacktestOptions& options);

}  // namespace carecast::backtest
