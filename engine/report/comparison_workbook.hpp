#pragma once
// The workbook of `carecast compare --xlsx`: a what-if against its baseline for a budget meeting, from
// differences paired by replicate (common random numbers), in long ("tidy") tables that pivot without
// editing: years are numbers, budget line, service, client group, age band and sex are columns of their
// own, and a `Row type` column says whether a row is a part or a total, so that summing the parts never
// counts a total twice.
//
// Sheets: about (the two runs, the uncertainty the intervals include), budget (cost and MTFP pressure by
// budget line and financial year, cash and real terms, to the last year of the run), client_groups
// (cost by client group and service), by_age (the population and the prevalence cohorts by age band and
// sex, and by area in a multi-area run), indicators (every other key indicator).
#include <filesystem>
#include <string>
#include <vector>

#include "output/dataset.hpp"
#include "report/indicators.hpp"

namespace carecast::report {

/// The paired statistics of one row of the comparison workbook.
struct ComparisonCells {
    double baseline = 0, whatif = 0, difference = 0, ci_low = 0, ci_high = 0, p5 = 0, p95 = 0;
    std::size_t replicates = 0;
    bool distinguishable = false;
    bool input = false;  // no replicate dimension in either run (an envelope, a capacity): exact, no interval
};

/// Paired statistics of `whatif` against `base` at `time` (a year, or a financial year's start year).
/// A series without a replicate dimension is the same in every replicate; a null series, or one without
/// `time` (a budget line only one run has, such as the what-if's own intervention cost), is zero in
/// every replicate. At least one of the two must be non-null.
ComparisonCells paired_cells(const Series* base, const Series* whatif, int time);

/// "part" or "total" for a budget line or client-group line id ("asc_total" and "high_needs_total" are
/// totals; everything else is a part of one of them).
std::string budget_row_type(const std::string& line);

/// "adult social care" or "high needs" for a budget line id.
std::string budget_of_line(const std::string& line);

/// Writes the comparison workbook to `file` (a temporary: publish it with output/atomic_file); throws
/// std::runtime_error. `base_name` and `whatif_name` name the runs on the about sheet. The runs must
/// pair (analysis::pairing_problems).
void write_comparison_workbook(const output::Dataset& base, const std::string& base_name, const output::Dataset& whatif,
                               const std::string& whatif_name, const std::filesystem::path& file);

}  // namespace carecast::report
