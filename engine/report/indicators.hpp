#pragma once
// The key indicators: one table that turns a run's Dataset into per-replicate series by year, each
// with a name, a unit and a theme. Export, report and compare all read runs through this table, so an
// indicator added here appears everywhere. Variables a run lacks (cohorts switched off, money and
// market outputs before issue 4) are skipped and listed, never an error.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "output/dataset.hpp"
#include "report/format.hpp"

namespace carecast::report {

enum class Theme { population, need, dementia, carers, send, care_homes, care_at_home, money, market };

struct ThemeInfo {
    Theme theme;
    const char* id;     // file and sheet name: "care_homes"
    const char* title;  // for people: "Care homes"
};

/// Every theme in the order of the workbook and the report.
const std::vector<ThemeInfo>& all_themes();
const ThemeInfo& theme_info(Theme theme);

/// One line of the table. A series is the cell-by-cell sum of `variables` over every dimension other
/// than replicate and time, restricted to ages [min_age, max_age] and to the `select`ed coordinates;
/// with `expand`, every coordinate of that dimension is a series of its own. A ratio indicator is
/// instead `scale` * numerator / denominator (ids of earlier indicators).
struct IndicatorDefinition {
    std::string id;
    std::string label;
    Theme theme = Theme::population;
    NumberKind kind = NumberKind::count;
    std::string unit;  // for people: "people", "admissions", "GBP", "per 100,000 aged 65+"
    std::vector<std::string> variables;
    int min_age = 0;
    int max_age = 1000;
    std::vector<std::pair<std::string, std::string>> select;
    std::string expand;
    std::string headline_coordinate;  // with `expand`: the coordinate that is a headline ("total")
    std::string numerator;
    std::string denominator;
    double scale = 1.0;
    bool headline = false;  // a fan chart in the report and a line in the headline table
};

/// The table itself (names of the file's variables live here and nowhere else).
const std::vector<IndicatorDefinition>& indicator_definitions();

/// The names of the variables and dimensions issue 4 adds, looked up by the report's money and
/// market sections.
namespace names {
inline constexpr const char* financial_year = "financial_year";
inline constexpr const char* budget_line = "budget_line";
inline constexpr const char* service = "service";
inline constexpr const char* cost_cash = "cost_cash";
inline constexpr const char* cost_real = "cost_real";
inline constexpr const char* client_group_line = "client_group_line";
inline constexpr const char* budget_envelope = "budget_envelope";
inline constexpr const char* mtfp_pressure = "mtfp_pressure";
inline constexpr const char* market_capacity = "market_capacity";
inline constexpr const char* market_demand = "market_demand";
inline constexpr const char* market_occupancy = "market_occupancy";
inline constexpr const char* market_surplus = "market_surplus";
inline constexpr const char* total_budget_line = "asc_total";  // the adult social care MTFP total
inline constexpr const char* high_needs_total = "high_needs_total";
}  // namespace names

/// Values of one indicator: [replicate][time]. Variables without a replicate dimension (capacity,
/// budget envelope) have `replicates` empty and one row, the same for every replicate.
struct Series {
    std::string id;
    std::string label;
    std::string unit;
    Theme theme = Theme::population;
    NumberKind kind = NumberKind::count;
    bool headline = false;
    std::string time_dimension;  // "year" (mid-year stock), "period" (year to mid-year), "financial_year"
    std::vector<int> times;
    std::vector<int> replicates;
    std::vector<double> values;

    std::size_t row_count() const { return replicates.empty() ? 1 : replicates.size(); }
    /// The value for replicate row `r` (any r if there is no replicate dimension) at time index `t`.
    double value(std::size_t r, std::size_t t) const;
    /// Values across replicates at time index `t` (one value if there is no replicate dimension).
    std::vector<double> at_time(std::size_t t) const;
    /// "2019" or, for financial years, "2019/20".
    std::string time_label(std::size_t t) const;
    /// Index of `time`, if present.
    std::optional<std::size_t> time_index(int time) const;
};

/// What a time axis means, for people: "mid-year", "year to mid-year", "financial year".
std::string time_basis(const std::string& time_dimension);

/// Mean and the 5th, 50th and 95th percentiles (type 7, as in the file's `_summary` variables).
struct Summary {
    double mean = 0, p5 = 0, p50 = 0, p95 = 0;
};
Summary summarise_at(const Series& series, std::size_t t);

/// A subset of people: an age band, a sex, an area (index into the file's coordinates; -1 = all;
/// each_area = every area at once, their series one after another in `Series::values`).
struct Breakdown {
    static constexpr int each_area = -2;
    int min_age = 0;
    int max_age = 1000;
    int sex = -1;
    int area = -1;
};

/// A series for one breakdown, with its labels for the tidy CSV.
struct BreakdownSeries {
    std::string age_band;  // "65-74", "85+", "all ages", "65+"
    std::string sex;       // "all", "female", "male"
    std::string area;      // the area code, or "all" when the file has several areas
    Series series;
};

struct IndicatorSet {
    std::vector<Series> series;        // in table order, expanded
    std::vector<std::string> missing;  // "Total cost (cash): not in this run (no variable cost_cash)"
    const Series* find(const std::string& id) const;
};

/// Every indicator the dataset has, for all ages, sexes and areas.
IndicatorSet compute_indicators(const output::Dataset& dataset);

/// Adds the series of `definition` (a counted or expanded indicator, not necessarily in the table) for
/// the whole run to `set`, or its reason to `set.missing`: for outputs one view needs and the table,
/// whose every line reaches the export and the golden results, does not list.
void add_indicator(const output::Dataset& dataset, const IndicatorDefinition& definition, IndicatorSet& set);

/// Every indicator with the breakdowns the tidy CSV holds: the whole group, then age bands, sexes and
/// their combinations (and areas when there are several), for indicators counted by area, sex and age.
std::vector<BreakdownSeries> compute_breakdowns(const output::Dataset& dataset);

/// The resident population (variable `population`) by the age bands of compute_breakdowns (0-17, 18-64,
/// 65-74, 75-84, 85+), for both sexes together and each sex: the population groups of the table have no
/// age dimension to break down. Empty if the run has no population by sex and age.
std::vector<BreakdownSeries> compute_population_by_age(const output::Dataset& dataset);

/// "all ages", "65+", "18-64".
std::string age_band_label(int min_age, int max_age);

}  // namespace carecast::report
