#pragma once
// Pieces the HTML report's sections share (internal to engine/report): escaping, axis labels, the
// "mean (P5–P95)" cell, fan charts, figures and notes, and one function per section of the page.
#include <optional>
#include <string>
#include <vector>

#include "output/dataset.hpp"
#include "report/html_report.hpp"
#include "report/indicators.hpp"

namespace carecast::report::html {

inline constexpr const char* blue = "#3b6fb6";
inline constexpr const char* dark_blue = "#1f3f73";
inline constexpr const char* red = "#c0504d";
inline constexpr const char* green = "#4f8f3a";
inline constexpr const char* orange = "#d98b2b";
inline constexpr const char* grey = "#707070";

/// `text` escaped for HTML.
std::string e(const std::string& text);
/// The x-axis title for a series' time dimension.
std::string x_label_for(const Series& s);
/// The y-axis title with the unit ("£ (cash)", "people").
std::string y_label_for(const Series& s);
/// One tick label per time of `s` ("2019", "2019/20").
std::vector<std::string> tick_labels(const Series& s);
/// The base year, the years divisible by 5 in between, and the horizon.
std::vector<int> milestone_years(const output::Dataset& dataset);
/// "mean (P5–P95)" for a cell; the mean alone if `single`; on two lines if `stacked`.
std::string with_interval(NumberKind kind, const Summary& s, bool single, bool stacked = false);
/// The time index of `s` shown in the column for mid-year `year` (financial years: the one starting in
/// `year`, or at the horizon the last one).
std::optional<std::size_t> column_time(const Series& s, int year);
/// True if every value of `s` in every replicate is zero: such a series is said in a line, not drawn.
bool is_flat_zero(const Series& s);
/// A fan chart (median and 5th–95th percentile) of `s`.
std::string fan_chart(const Series& s);
/// `svg_text` in a <figure> (the page's script adds the save buttons to it).
std::string figure(const std::string& svg_text);
/// A highlighted note.
std::string note(const std::string& text);
/// A one-line statement replacing a chart that would be flat at zero.
std::string flat_line(const std::string& text);

/// The page's CSS (screen and A4 print) and its inline scripts (chart check, layout check, save buttons).
const char* page_style();
const char* page_print_style();
const char* page_scripts();

// The sections, in the order of the page.
std::string header_section(const ReportInputs& in);
std::string headline_section(const output::Dataset& d, const IndicatorSet& set);
std::string compare_section(const ReportInputs& in, const IndicatorSet& whatif);
std::string fan_section(const IndicatorSet& set);
std::string observed_section(const output::Dataset& d, const IndicatorSet& set);
std::string pyramid_section(const output::Dataset& d);
std::string area_section(const output::Dataset& d);
std::string care_home_section(const output::Dataset& d, const IndicatorSet& set);
std::string money_section(const IndicatorSet& set);
std::string market_section(const output::Dataset& d, const IndicatorSet& set);
std::string assumptions_section(const output::Dataset& d, const IndicatorSet& set);

}  // namespace carecast::report::html
