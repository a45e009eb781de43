#include "report/html_parts.hpp"

#include <algorithm>
#include <cmath>

#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/svg_chart.hpp"

namespace carecast::report::html {

std::string e(const std::string& text) {
    return html_escape(text);
}

std::string x_label_for(const Series& s) {
    if (s.time_dimension == "year") return "year (stocks at mid-year, 30 June)";
    if (s.time_dimension == "period") return "year to mid-year (flows from 1 July to 30 June)";
    if (s.time_dimension == names::financial_year) return "financial year (April to March)";
    return s.time_dimension;
}

std::string y_label_for(const Series& s) {
    if (s.kind == NumberKind::money || s.kind == NumberKind::price) return "\u00a3 (cash)";
    if (s.kind == NumberKind::ratio) return "per cent";
    return s.unit;
}

std::vector<std::string> tick_labels(const Series& s) {
    std::vector<std::string> labels;
    for (std::size_t t = 0; t < s.times.size(); ++t) labels.push_back(s.time_label(t));
    return labels;
}

/// The base year, the years divisible by 5 in between, and the horizon.
std::vector<int> milestone_years(const output::Dataset& dataset) {
    std::vector<int> out;
    const auto* year = find_dimension(dataset, "year");
    if (!year || year->int_coordinates.empty()) return out;
    const int first = year->int_coordinates.front(), last = year->int_coordinates.back();
    out.push_back(first);
    for (int y = first + 1; y < last; ++y)
        if (y % 5 == 0) out.push_back(y);
    if (last != first) out.push_back(last);
    return out;
}

std::string with_interval(NumberKind kind, const Summary& s, bool single, bool stacked) {
    if (single) return format_value(kind, s.mean);
    if (stacked)
        return format_value(kind, s.mean) + "<br>" +
               with_interval(kind, s, false).substr(format_value(kind, s.mean).size() + 1);
    // "12 (10-14)" reads badly with negative numbers: "-0.5 (-1.8 to 1.1)".
    const std::string separator = s.p5 < 0 || s.p95 < 0 ? " to " : "\u2013";
    return format_value(kind, s.mean) + " <small>(" + format_value(kind, s.p5) + separator + format_value(kind, s.p95) +
           ")</small>";
}

/// The time index of `s` shown in the column for mid-year `year`: the same year, or for a financial-year
/// series the one starting in `year` (or, at the horizon, the last one, which starts the year before).
std::optional<std::size_t> column_time(const Series& s, int year) {
    if (const auto t = s.time_index(year)) return t;
    if (s.time_dimension == names::financial_year) return s.time_index(year - 1);
    return std::nullopt;
}

std::string fan_chart(const Series& s) {
    svg::XYChart chart;
    chart.title = s.label;
    chart.x_label = x_label_for(s);
    chart.y_label = y_label_for(s);
    chart.kind = s.kind;
    chart.x = s.times;
    chart.x_tick_labels = tick_labels(s);
    svg::Band band{"5th\u201395th percentile", {}, {}, blue, 0.25};
    svg::Line median{"Median (50th percentile)", {}, dark_blue, false};
    for (std::size_t t = 0; t < s.times.size(); ++t) {
        const auto stats = summarise_at(s, t);
        band.low.push_back(stats.p5);
        band.high.push_back(stats.p95);
        median.values.push_back(stats.p50);
    }
    chart.bands = {band};
    chart.lines = {median};
    chart.include_zero = s.kind == NumberKind::money;
    return svg::xy_chart(chart);
}

std::string figure(const std::string& svg_text) {
    return "<figure>\n" + svg_text + "</figure>\n";
}

std::string note(const std::string& text) {
    return "<p class=\"note\">" + e(text) + "</p>\n";
}

bool is_flat_zero(const Series& s) {
    return std::all_of(s.values.begin(), s.values.end(), [](double v) { return v == 0.0; });
}

std::string flat_line(const std::string& text) {
    return "<p class=\"flat\">" + e(text) + "</p>\n";
}

}  // namespace carecast::report::html
