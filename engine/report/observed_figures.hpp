#pragma once
// Published figures stored in a run (variables observed_population and observed_ehc_plans, see
// results/observed_dataset.hpp), summed into the groups the key indicators use, so the report can draw
// them beside the projection and the export can list them. A run without them has none: never an error.
#include <string>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::report {

/// One published series: a group's value by year for one area (or summed over every area).
struct ObservedFigure {
    std::string indicator_id;  // the key indicator it stands beside: "population_65_plus", "ehc_plans"
    std::string label;         // "People aged 65 and over"
    std::string legend;        // "published estimate (ONS mid-year)"
    std::string year_basis;    // "30 June" or "January"
    std::string area;          // area code, or "all" for the sum over areas
    std::string source;        // first line of the variable's source attribute
    std::vector<int> years;
    std::vector<double> values;  // NaN where any contributing cell is not published
};

/// Every observed series of `dataset`: population total, 0-17, 18-64, 65+, 85+ and EHC plans (total
/// and each SEN2 age band); with `by_area`, one per area as well as the sum over areas ("all").
std::vector<ObservedFigure> observed_figures(const output::Dataset& dataset, bool by_area);

/// Whether `dataset` holds any observed variable.
bool has_observed_figures(const output::Dataset& dataset);

/// The tidy CSV of the observed figures: area, year, year_basis, indicator_id, indicator, value, unit,
/// source; one line per published value (unpublished years are left out, never written as 0).
std::string observed_csv(const output::Dataset& dataset);

/// The column names of observed_csv.
const std::vector<std::string>& observed_columns();

}  // namespace carecast::report
