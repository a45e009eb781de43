#include "report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

#include "output/atomic_file.hpp"
#include "report/area_table.hpp"
#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/indicators.hpp"
#include "report/observed_figures.hpp"
#include "report/paired_comparison.hpp"
#include "report/run_information.hpp"
#include "report/svg_chart.hpp"

namespace carecast::report {
namespace {

const char* const blue = "#3b6fb6";
const char* const dark_blue = "#1f3f73";
const char* const red = "#c0504d";
const char* const green = "#4f8f3a";
const char* const orange = "#d98b2b";

constexpr const char* style = R"(
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto; max-width: 1340px; padding: 0 24px 40px;
       color: #1a1a1a; line-height: 1.4; }
header { border-bottom: 3px solid #1f3f73; margin-bottom: 12px; }
h1 { font-size: 26px; margin: 18px 0 4px; color: #1f3f73; }
h2 { font-size: 20px; margin: 28px 0 8px; color: #1f3f73; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.lead { font-size: 16px; margin: 4px 0 12px; }
nav a { margin-right: 14px; color: #1f3f73; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; vertical-align: top; }
th { background: #eef2f8; text-align: left; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.info td:first-child { font-weight: bold; white-space: nowrap; }
table.headlines td:first-child { min-width: 220px; }
table.info td { max-width: 900px; overflow-wrap: anywhere; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts figure { margin: 0; border: 1px solid #e0e0e0; padding: 4px; background: #fff; }
.note { background: #fff8e1; border-left: 4px solid #d98b2b; padding: 6px 10px; margin: 8px 0; }
.shortfall { color: #a00000; font-weight: bold; }
.star { color: #a00000; font-weight: bold; }
pre { background: #f6f6f6; padding: 8px; font-size: 12px; overflow-x: auto; }
footer { margin-top: 30px; font-size: 12px; color: #555; }
)";

/// Checks, in the browser, that every chart drew something; the browser test reads the result from the
/// attributes it sets on <html>. The report needs no script to display.
constexpr const char* chart_check_script = R"(<script>
(function () {
  var root = document.documentElement;
  window.addEventListener('error', function (e) { root.setAttribute('data-script-error', String(e.message)); });
  var charts = document.querySelectorAll('svg.chart');
  var drawn = 0, problems = [];
  for (var i = 0; i < charts.length; i++) {
    var svg = charts[i], box = svg.getBoundingClientRect(), marks = 0;
    var elements = svg.querySelectorAll('.data path, .data rect, .data line, .data circle');
    for (var j = 0; j < elements.length; j++) {
      var b = elements[j].getBBox();
      if (b.width > 0 || b.height > 0) marks++;
    }
    var ok = box.width > 0 && box.height > 0 && marks > 0;
    svg.setAttribute('data-drawn', ok ? 'yes' : 'no');
    if (ok) drawn++; else problems.push(svg.querySelector('title').textContent);
  }
  // Published figures (markers): each must lie inside its chart's drawing area.
  var points = document.querySelectorAll('svg.chart .data circle.point'), inside = 0;
  for (var k = 0; k < points.length; k++) {
    var p = points[k].getBBox(), view = points[k].ownerSVGElement.viewBox.baseVal;
    if (p.width > 0 && p.x >= 0 && p.y >= 0 && p.x + p.width <= view.width && p.y + p.height <= view.height) inside++;
  }
  root.setAttribute('data-points', String(points.length));
  root.setAttribute('data-points-drawn', String(inside));
  root.setAttribute('data-charts', String(charts.length));
  root.setAttribute('data-charts-drawn', String(drawn));
  root.setAttribute('data-chart-check', problems.length ? 'failed: ' + problems.join('; ') : 'ok');
})();
</script>
)";

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
    if (s.kind == NumberKind::money) return "\u00a3 (cash)";
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

std::string with_interval(NumberKind kind, const Summary& s, bool single, bool stacked = false) {
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

// ---------------------------------------------------------------------------------------------------

std::string header_section(const ReportInputs& in) {
    const auto& d = *in.run;
    std::string out = "<header>\n<h1>Social-care demand projection: " +
                      e(global_attribute(d, "scenario_name", "(unnamed scenario)")) + "</h1>\n<p class=\"lead\">" +
                      e(global_attribute(d, "scenario_description")) + "</p>\n</header>\n";
    out += "<nav><a href=\"#run\">The run</a><a href=\"#headlines\">Headlines</a>";
    if (in.base) out += "<a href=\"#compare\">What-if vs baseline</a>";
    out +=
        "<a href=\"#fans\">Key indicators</a><a href=\"#observed\">Published figures</a>"
        "<a href=\"#pyramid\">Population</a><a href=\"#care-homes\">Care homes</a>"
        "<a href=\"#money\">MTFP pressure</a><a href=\"#market\">Market position</a>";
    out += "<a href=\"#assumptions\">Assumptions</a></nav>\n";
    out += "<h2 id=\"run\">The run</h2>\n<table class=\"info\">\n";
    out += "<tr><td>File</td><td>" + e(in.run_name) + "</td></tr>\n";
    for (const auto& [field, value] : run_information(d))
        out += "<tr><td>" + e(field) + "</td><td style=\"white-space: pre-line\">" + e(value) + "</td></tr>\n";
    // A what-if's changes, one line per intervention of the resolved scenario.
    std::string resolved = global_attribute(d, "resolved_scenario");
    std::vector<std::string> changes;
    for (const auto& a : parse_assumptions(resolved)) {
        if (a.section != "interventions") continue;
        if (a.parameter == "name" || changes.empty()) changes.push_back("");
        if (a.parameter == "name") continue;
        auto& line = changes.back();
        line += (line.empty() ? "" : "; ") + (a.parameter == "description" ? a.value : a.parameter + " " + a.value);
    }
    for (const auto& c : changes) out += "<tr><td>Intervention</td><td>" + e(c) + "</td></tr>\n";
    out +=
        "</table>\n<p>Every figure is the mean across replicates, with the 5th to 95th percentile range in brackets "
        "where the model varies between replicates. A replicate is one possible future: the same people and "
        "rates, different chance events. The range shows only the sources of uncertainty listed above.</p>\n";
    return out;
}

std::string headline_section(const output::Dataset& d, const IndicatorSet& set) {
    const auto years = milestone_years(d);
    std::string out =
        "<h2 id=\"headlines\">Headlines</h2>\n<table class=\"headlines\">\n<tr><th>Indicator</th><th>Unit</th>";
    for (const int y : years) out += "<th>" + std::to_string(y) + "</th>";
    out += "</tr>\n";
    for (const auto& s : set.series) {
        if (!s.headline) continue;
        out += "<tr><td>" + e(s.label) + "</td><td>" + e(s.unit) + "</td>";
        for (const int y : years) {
            const auto t = column_time(s, y);
            std::string cell = t ? with_interval(s.kind, summarise_at(s, *t), s.row_count() == 1, true) : "\u2013";
            if (t && s.time_dimension == names::financial_year)
                cell += "<br><small>in " + s.time_label(*t) + "</small>";
            out += "<td class=\"n\">" + cell + "</td>";
        }
        out += "</tr>\n";
    }
    out +=
        "</table>\n<p>Stocks (people) are at mid-year; flows (admissions, falls) are for the year to mid-year; money "
        "is by financial year (April to March), named in each cell.</p>\n";
    return out;
}

std::string fan_section(const IndicatorSet& set) {
    std::string out =
        "<h2 id=\"fans\">Key indicators</h2>\n<p>Shaded: the 5th to 95th percentile across replicates; "
        "line: the median.</p>\n<div class=\"charts\">\n";
    for (const auto& s : set.series)
        if (s.headline) out += figure(fan_chart(s));
    return out + "</div>\n";
}

/// A projected key indicator (median and 5th-95th percentile) with the published figures as markers, on
/// one axis of years covering both: actual figures up to the latest published year, the projection after.
/// Without a projection of the indicator (its section is not in the scenario), the published figures alone.
std::string actual_and_projected_chart(const Series* s, const ObservedFigure& f) {
    std::vector<int> years = s ? s->times : std::vector<int>{};
    for (std::size_t y = 0; y < f.years.size(); ++y)
        if (std::isfinite(f.values[y])) years.push_back(f.years[y]);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    svg::XYChart chart;
    chart.title = f.label + (s ? ": published and projected" : ": published (not projected in this run)");
    chart.x_label = f.year_basis == "January" ? "year (projection at mid-year; published figures in January)"
                                              : "year (at mid-year, 30 June)";
    chart.y_label = s ? y_label_for(*s) : "people";
    chart.kind = NumberKind::count;
    chart.x = years;
    svg::Band band{"Projection: 5th\u201395th percentile", {}, {}, blue, 0.25};
    svg::Line median{"Projection: median", {}, dark_blue, false};
    svg::Points published{f.legend, {}, orange};
    for (const int year : years) {
        const auto t = s ? s->time_index(year) : std::nullopt;
        const auto stats = t ? summarise_at(*s, *t) : Summary{};
        band.low.push_back(t ? stats.p5 : std::nan(""));
        band.high.push_back(t ? stats.p95 : std::nan(""));
        median.values.push_back(t ? stats.p50 : std::nan(""));
        const auto o = std::find(f.years.begin(), f.years.end(), year);
        published.values.push_back(o == f.years.end() ? std::nan("")
                                                      : f.values[static_cast<std::size_t>(o - f.years.begin())]);
    }
    if (s) {
        chart.bands = {band};
        chart.lines = {median};
    }
    chart.points = {published};
    return svg::xy_chart(chart);
}

/// Published figures (the run's observed_* variables) beside the projection of the same indicator.
std::string observed_section(const output::Dataset& d, const IndicatorSet& set) {
    std::string out = "<h2 id=\"observed\">Published figures and the projection</h2>\n";
    if (!has_observed_figures(d))
        return out + note(
                         "This run carries no published figures. With an `observed` section in the scenario (ONS "
                         "mid-year estimates, DfE SEN2 EHC plans), the population and EHC plan charts show the actual "
                         "figures up to the latest published year beside the projection.");
    const auto figures = observed_figures(d, false);
    out +=
        "<p>Open circles: figures as published (ONS mid-year population estimates at 30 June; DfE SEN2 EHC plans "
        "and statements in January). Line and shading: the projection (median and 5th\u201395th percentile across "
        "replicates), from the base year on. Published figures are stored apart from the projection and never "
        "change it. A published figure for the base year can differ from the projection's start when the run "
        "starts from another release of the estimate; EHC plans are counted in January, the projection at "
        "mid-year.</p>\n<div class=\"charts\">\n";
    std::string table;
    for (const char* id :
         {"population_total", "population_0_17", "population_65_plus", "population_85_plus", "ehc_plans"}) {
        const auto* s = set.find(id);
        const auto f =
            std::find_if(figures.begin(), figures.end(), [&](const ObservedFigure& o) { return o.indicator_id == id; });
        if (f == figures.end()) continue;
        out += figure(actual_and_projected_chart(s, *f));
        if (!s) continue;
        for (std::size_t y = 0; y < f->years.size(); ++y) {
            const auto t = s->time_index(f->years[y]);
            if (!t || !std::isfinite(f->values[y])) continue;
            table += "<tr><td>" + e(s->label) + "</td><td>" + std::to_string(f->years[y]) + " (" + e(f->year_basis) +
                     ")</td><td class=\"n\">" + format_value(s->kind, f->values[y]) + "</td><td class=\"n\">" +
                     with_interval(s->kind, summarise_at(*s, *t), s->row_count() == 1) + "</td></tr>\n";
        }
    }
    out += "</div>\n";
    if (!table.empty())
        out +=
            "<h3>Years with both a published figure and a projection</h3>\n<table>\n<tr><th>Indicator</th>"
            "<th>Year</th><th>Published</th><th>Projected (mean, 5th\u201395th percentile)</th></tr>\n" +
            table + "</table>\n";
    return out;
}

std::string pyramid_section(const output::Dataset& d) {
    std::string out = "<h2 id=\"pyramid\">Population by age and sex</h2>\n";
    const auto* population = find_variable(d, "population");
    const auto* year = find_dimension(d, "year");
    const auto* sex = find_dimension(d, "sex");
    const auto* age = find_dimension(d, "age");
    if (!population || !year || !sex || !age || year->int_coordinates.empty() ||
        population->dimensions != std::vector<std::string>{"replicate", "year", "area", "sex", "age"})
        return out + note("This run has no population by year, area, sex and age.");
    const auto shape = variable_shape(d, *population);
    const auto data = values_as_double(*population);
    const auto sexes = coordinate_labels(*sex);
    const auto ages = coordinate_labels(*age);
    const std::size_t groups = 19;  // 0-4 ... 85-89, 90+
    const auto mean_by_group = [&](std::size_t y, const std::string& which) {
        std::vector<double> out_values(groups, 0.0);
        const auto s = std::find(sexes.begin(), sexes.end(), which) - sexes.begin();
        if (static_cast<std::size_t>(s) >= sexes.size()) return out_values;
        for (std::size_t r = 0; r < shape[0]; ++r)
            for (std::size_t a = 0; a < shape[2]; ++a)
                for (std::size_t k = 0; k < shape[4]; ++k) {
                    const auto g = std::min<std::size_t>(static_cast<std::size_t>(std::stoi(ages[k])) / 5, groups - 1);
                    const auto flat =
                        (((r * shape[1] + y) * shape[2] + a) * shape[3] + static_cast<std::size_t>(s)) * shape[4] + k;
                    out_values[g] += data[flat] / static_cast<double>(shape[0]);
                }
        return out_values;
    };
    svg::Pyramid p;
    const auto last = year->int_coordinates.size() - 1;
    p.first_name = std::to_string(year->int_coordinates.front());
    p.second_name = std::to_string(year->int_coordinates.back());
    p.title = "Population pyramid, " + p.first_name + " and " + p.second_name;
    for (std::size_t g = 0; g < groups; ++g)
        p.groups.push_back(g + 1 < groups ? std::to_string(g * 5) + "-" + std::to_string(g * 5 + 4)
                                          : std::to_string(g * 5) + "+");
    p.male_first = mean_by_group(0, "male");
    p.female_first = mean_by_group(0, "female");
    p.male_second = mean_by_group(last, "male");
    p.female_second = mean_by_group(last, "female");
    return out + "<div class=\"charts\">" + figure(svg::pyramid_chart(p)) + "</div>\n";
}

std::string area_section(const output::Dataset& d) {
    const auto table = area_table(d);
    if (table.rows.empty()) return "";
    std::string out =
        "<h2 id=\"areas\">Areas</h2>\n<p>Each area is simulated as its own population with its own "
        "rates; migration between areas is not modelled. Means across replicates; the charts and "
        "tables above are the sum over the " +
        std::to_string(table.rows.size()) +
        " areas.</p>\n"
        "<table class=\"headlines\">\n<tr><th>Area</th><th>Code</th>";
    for (const auto& c : table.columns) out += "<th>" + e(c) + "</th>";
    out += "</tr>\n";
    auto cells = [&](const std::vector<double>& values) {
        std::string row;
        for (const double v : values) row += "<td class=\"n\">" + format_count(v) + "</td>";
        return row + "</tr>\n";
    };
    for (std::size_t a = 0; a < table.rows.size(); ++a)
        out += "<tr><td>" + e(table.names[a]) + "</td><td>" + e(table.codes[a]) + "</td>" + cells(table.rows[a]);
    out += "<tr><td><b>All areas</b></td><td></td>" + cells(table.total);
    return out + "</table>\n";
}

std::string care_home_section(const output::Dataset& d, const IndicatorSet& set) {
    std::string out = "<h2 id=\"care-homes\">Care homes: stock and flow</h2>\n";
    const auto* residents = set.find("care_home_residents");
    const auto* admissions = set.find("care_home_admissions");
    const auto* deaths = set.find("care_home_deaths");
    const auto* discharges = set.find("care_home_discharges");
    if (!residents || !admissions || !deaths || !discharges)
        return out + note("This run has no care-home outputs (the scenario has no care_homes section).");
    // One axis of years: residents at mid-year y, flows in the year to mid-year y.
    std::vector<int> years = residents->times;
    const auto values_on = [&](const Series& s) {
        std::vector<double> v;
        for (const int y : years) {
            const auto t = s.time_index(y);
            v.push_back(t ? summarise_at(s, *t).mean : std::nan(""));
        }
        return v;
    };
    svg::XYChart chart;
    chart.title = "Permanent care-home residents and the flows that change them";
    chart.x_label = "year (residents at mid-year; flows in the year to mid-year)";
    chart.y_label = "people (mean across replicates)";
    chart.x = years;
    chart.include_zero = true;
    chart.lines = {{"Residents", values_on(*residents), dark_blue, false},
                   {"Admissions", values_on(*admissions), green, false},
                   {"Deaths", values_on(*deaths), red, false},
                   {"Discharges", values_on(*discharges), orange, true}};
    out +=
        "<p>Residents at mid-year change by admissions minus deaths and discharges in the year to the next "
        "mid-year (the file checks this exactly, replicate by replicate).</p>\n<div class=\"charts\">" +
        figure(svg::xy_chart(chart));
    // Lengths of completed stays: quartiles by home type, first and last period.
    const auto* stay = find_variable(d, "care_home_stay_length");
    const auto* period = find_dimension(d, "period");
    const auto* stat = find_dimension(d, "stay_statistic");
    const auto* type = find_dimension(d, "home_type");
    std::string stay_table;
    if (stay && period && stat && type && !period->int_coordinates.empty() &&
        stay->dimensions == std::vector<std::string>{"replicate", "period", "home_type", "stay_statistic"}) {
        const auto shape = variable_shape(d, *stay);
        const auto data = values_as_double(*stay);
        const auto types = coordinate_labels(*type);
        const auto index_of = [&](const std::string& name) { return coordinate_index(*stat, name); };
        const auto count_i = index_of("completed_stays"), mean_i = index_of("mean_days"), p25_i = index_of("p25_days"),
                   median_i = index_of("median_days"), p75_i = index_of("p75_days");
        if (count_i && mean_i && p25_i && median_i && p75_i) {
            const auto mean_of = [&](std::size_t p, std::size_t h, std::size_t s) {
                double sum = 0;
                for (std::size_t r = 0; r < shape[0]; ++r)
                    sum += data[((r * shape[1] + p) * shape[2] + h) * shape[3] + s];
                return sum / static_cast<double>(shape[0]);
            };
            svg::RangeChart ranges;
            ranges.title = "Length of completed care-home stays";
            ranges.x_label = "days from admission to death or discharge (replicate quartiles, averaged)";
            const std::size_t last = shape[1] - 1;
            std::vector<std::size_t> shown = {0};
            if (last > 0) shown.push_back(last);
            for (std::size_t h = 0; h < shape[2]; ++h)
                for (const std::size_t p : shown) {
                    ranges.ranges.push_back({types[h] + ", year to mid-" + std::to_string(period->int_coordinates[p]),
                                             mean_of(p, h, *p25_i), mean_of(p, h, *median_i), mean_of(p, h, *p75_i),
                                             mean_of(p, h, *mean_i)});
                }
            out += figure(svg::range_chart(ranges));
            stay_table =
                "<h3>Completed stays by year (mean across replicates)</h3>\n<table>\n<tr><th>Year to mid-year</th>";
            for (const auto& t : types)
                stay_table += "<th>" + e(t) + ": stays</th><th>mean days</th><th>25th</th><th>median</th><th>75th</th>";
            stay_table += "</tr>\n";
            for (std::size_t p = 0; p < shape[1]; ++p) {
                stay_table += "<tr><td>" + std::to_string(period->int_coordinates[p]) + "</td>";
                for (std::size_t h = 0; h < shape[2]; ++h)
                    for (const auto s : {*count_i, *mean_i, *p25_i, *median_i, *p75_i})
                        stay_table += "<td class=\"n\">" + format_count(mean_of(p, h, s)) + "</td>";
                stay_table += "</tr>\n";
            }
            stay_table += "</table>\n";
        }
    }
    out += "</div>\n";
    // The stock-flow table by type.
    out += "<h3>Residents and flows by year (mean, 5th\u201395th percentile)</h3>\n<table>\n<tr><th>Year</th>";
    const std::vector<const Series*> columns = {set.find("care_home_residents_residential"),
                                                set.find("care_home_residents_nursing"),
                                                admissions,
                                                deaths,
                                                discharges,
                                                set.find("care_home_admissions_65_plus_rate")};
    for (const auto* c : columns)
        if (c) out += "<th>" + e(c->label) + "</th>";
    out += "</tr>\n";
    for (const int y : years) {
        out += "<tr><td>" + std::to_string(y) + "</td>";
        for (const auto* c : columns) {
            if (!c) continue;
            const auto t = c->time_index(y);
            out += "<td class=\"n\">" + (t ? with_interval(c->kind, summarise_at(*c, *t), false) : "\u2013") + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n" + stay_table;
    return out;
}

std::string money_section(const IndicatorSet& set) {
    std::string out = "<h2 id=\"money\">MTFP pressure</h2>\n";
    const std::string total = std::string("mtfp_pressure.") + names::total_budget_line;
    const auto* pressure = set.find(total);
    if (!pressure)
        return out + note(
                         "This run has no money outputs (cost, budget envelope and MTFP pressure by financial year "
                         "and budget line). They appear when the scenario has a money section and the file was "
                         "written by a carecast that computes them.");
    out +=
        "<p>Adult social care: every budget line but EHC plans. EHC plans are paid from the schools' "
        "high-needs block and are shown as their own budget (high-needs total), never in the adult social care "
        "MTFP total. Cash is what the council pays; real-terms figures deflate cash by one general deflator "
        "for every line (named in the file's cost_real variable).</p>\n";
    svg::BarChart chart;
    chart.title = "Adult social care MTFP pressure by financial year (cost minus budget envelope, cash)";
    chart.x_label = "financial year";
    chart.y_label = "\u00a3 (cash); above zero: cost exceeds the envelope";
    chart.kind = NumberKind::money;
    chart.value_name = "Mean pressure";
    for (std::size_t t = 0; t < pressure->times.size(); ++t) {
        const auto s = summarise_at(*pressure, t);
        chart.bars.push_back({pressure->time_label(t), s.mean, s.p5, s.p95});
    }
    out += "<div class=\"charts\">" + figure(svg::bar_chart(chart));
    if (const auto* cost = set.find(std::string("cost_cash.") + names::total_budget_line))
        out += figure(fan_chart(*cost));
    out += "</div>\n<h3>By budget line (mean, 5th\u201395th percentile)</h3>\n<table>\n<tr><th>Financial year</th>";
    std::vector<const Series*> lines;
    for (const auto& s : set.series)
        if (s.id.rfind("mtfp_pressure.", 0) == 0) lines.push_back(&s);
    for (const auto* l : lines) out += "<th>" + e(l->label.substr(l->label.find(": ") + 2)) + "</th>";
    out += "</tr>\n";
    for (std::size_t t = 0; t < pressure->times.size(); ++t) {
        out += "<tr><td>" + pressure->time_label(t) + "</td>";
        for (const auto* l : lines) {
            const auto i = l->time_index(pressure->times[t]);
            out += "<td class=\"n\">" + (i ? with_interval(NumberKind::money, summarise_at(*l, *i), false) : "\u2013") +
                   "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
    // Unit prices by year, to check against the fee schedule (first year, every fifth, last).
    std::vector<const Series*> prices;
    for (const auto& p : set.series)
        if (p.id.rfind("unit_price.", 0) == 0) prices.push_back(&p);
    if (!prices.empty()) {
        out += "<h3>Unit prices (cash), to check against the fee schedule</h3>\n<table>\n<tr><th>Financial year</th>";
        for (const auto* p : prices) out += "<th>" + e(p->label.substr(p->label.find(": ") + 2)) + "</th>";
        out += "</tr>\n";
        const auto& times = prices.front()->times;
        for (std::size_t t = 0; t < times.size(); ++t) {
            if (t != 0 && t + 1 != times.size() && times[t] % 5 != 0) continue;
            out += "<tr><td>" + prices.front()->time_label(t) + "</td>";
            for (const auto* p : prices) {
                const auto i = p->time_index(times[t]);
                out += "<td class=\"n\">" + (i ? format_number(summarise_at(*p, *i).mean, 2) : "\u2013") + "</td>";
            }
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    return out;
}

std::string market_section(const output::Dataset& d, const IndicatorSet& set) {
    std::string out = "<h2 id=\"market\">Market position: demand against capacity</h2>\n";
    const auto* service = find_dimension(d, names::service);
    const auto services = service ? coordinate_labels(*service) : std::vector<std::string>{};
    const Series* first_demand = services.empty() ? nullptr : set.find("market_demand." + services.front());
    if (!first_demand)
        return out + note(
                         "This run has no market-position outputs (capacity, demand, occupancy and surplus by "
                         "service). They appear when the scenario has a market section and the file was written by a "
                         "carecast that computes them.");
    // The first and last times and those starting in a year divisible by 5.
    std::vector<std::size_t> shown;
    for (std::size_t t = 0; t < first_demand->times.size(); ++t)
        if (t == 0 || t + 1 == first_demand->times.size() || first_demand->times[t] % 5 == 0) shown.push_back(t);
    out +=
        "<p>Demand and surplus are the mean across replicates with the 5th\u201395th percentile; a negative "
        "surplus is a shortfall (marked). " +
        e(first_demand->time_dimension == names::financial_year
              ? "Years are financial years (April to March), holding the model's year from the mid-year they start in."
              : "Years are mid-years.") +
        "</p>\n<table>\n<tr><th>Service</th><th>Unit</th><th>Year</th><th>Capacity</th><th>Demand</th>"
        "<th>Occupancy</th><th>Surplus (shortfall)</th></tr>\n";
    for (const auto& label : services) {
        const auto* capacity = set.find("market_capacity." + label);
        const auto* demand = set.find("market_demand." + label);
        const auto* occupancy = set.find("market_occupancy." + label);
        const auto* surplus = set.find("market_surplus." + label);
        if (!demand) continue;
        std::string name = label;
        std::replace(name.begin(), name.end(), '_', ' ');
        for (const std::size_t dt : shown) {
            const int time = demand->times[dt];
            const auto cell = [&](const Series* s, bool interval) -> std::string {
                if (!s) return "\u2013";
                const auto t = s->time_index(time);
                if (!t) return "\u2013";
                return with_interval(s->kind, summarise_at(*s, *t), !interval || s->row_count() == 1);
            };
            bool short_of = false;
            if (surplus)
                if (const auto t = surplus->time_index(time)) short_of = summarise_at(*surplus, *t).mean < 0;
            out += "<tr><td>" + e(name) + "</td><td>" + e(demand->unit) + "</td><td>" + demand->time_label(dt) +
                   "</td><td class=\"n\">" + cell(capacity, false) + "</td><td class=\"n\">" + cell(demand, true) +
                   "</td><td class=\"n\">" + cell(occupancy, true) + "</td><td class=\"n" +
                   (short_of ? " shortfall" : "") + "\">" + cell(surplus, true) + (short_of ? " shortfall" : "") +
                   "</td></tr>\n";
        }
    }
    return out + "</table>\n";
}

std::string compare_section(const ReportInputs& in, const IndicatorSet& whatif) {
    const auto base = compute_indicators(*in.base);
    const auto rows = analysis::compare_indicators(base, whatif);
    const auto years = milestone_years(*in.run);
    std::string out = "<h2 id=\"compare\">What-if minus baseline</h2>\n<p>This run (the what-if, " + e(in.run_name) +
                      ") against the baseline " + e(in.base_name) + " (" +
                      e(global_attribute(*in.base, "scenario_name")) +
                      "). Both were run with the same seed, so replicate <i>r</i> of each sees the same chance events "
                      "(common random numbers): the difference of each pair is the effect of the change, with little "
                      "noise. The interval is a 95% confidence interval for the mean difference (Student t over "
                      "replicates); <span class=\"star\">*</span> marks a difference distinguishable from zero. The "
                      "5th\u201395th percentile is that of the paired differences.</p>\n";
    out +=
        "<table>\n<tr><th>Indicator</th><th>Year</th><th>Baseline</th><th>What-if</th><th>Difference</th>"
        "<th>95% confidence interval</th><th>5th\u201395th percentile</th><th></th></tr>\n";
    for (const auto& row : rows) {
        if (!row.base->headline) continue;
        if (std::find(years.begin(), years.end(), row.base->times[row.base_time]) == years.end()) continue;
        const auto& dd = row.difference;
        const auto k = row.base->kind;
        out += "<tr><td>" + e(row.base->label) + "</td><td>" + row.base->time_label(row.base_time) +
               "</td><td class=\"n\">" + format_value(k, dd.base_mean) + "</td><td class=\"n\">" +
               format_value(k, dd.whatif_mean) + "</td><td class=\"n\">" + format_difference(k, dd.mean) +
               "</td><td class=\"n\">" + format_difference(k, dd.ci_low) + " to " + format_difference(k, dd.ci_high) +
               "</td><td class=\"n\">" + format_difference(k, dd.p5) + " to " + format_difference(k, dd.p95) +
               "</td><td class=\"star\">" + (dd.distinguishable ? "*" : "") + "</td></tr>\n";
    }
    out += "</table>\n<div class=\"charts\">\n";
    for (const auto& s : whatif.series) {
        if (!s.headline) continue;
        svg::XYChart chart;
        chart.title = "Difference: " + s.label;
        chart.x_label = x_label_for(s);
        chart.y_label = "what-if minus baseline, " + y_label_for(s);
        chart.kind = s.kind;
        chart.zero_line = true;
        svg::Band spread{"5th\u201395th percentile of paired differences", {}, {}, blue, 0.2};
        svg::Band ci{"95% confidence interval of the mean", {}, {}, blue, 0.45};
        svg::Line mean{"Mean difference", {}, dark_blue, false};
        for (const auto& row : rows) {
            if (row.base->id != s.id) continue;
            chart.x.push_back(row.base->times[row.base_time]);
            chart.x_tick_labels.push_back(row.base->time_label(row.base_time));
            spread.low.push_back(row.difference.p5);
            spread.high.push_back(row.difference.p95);
            ci.low.push_back(row.difference.ci_low);
            ci.high.push_back(row.difference.ci_high);
            mean.values.push_back(row.difference.mean);
        }
        if (chart.x.empty()) continue;
        chart.bands = {spread, ci};
        chart.lines = {mean};
        out += figure(svg::xy_chart(chart));
    }
    return out + "</div>\n";
}

std::string assumptions_section(const output::Dataset& d, const IndicatorSet& set) {
    std::string out = "<h2 id=\"assumptions\">Assumptions</h2>\n";
    std::string resolved = global_attribute(d, "resolved_scenario");
    if (resolved.empty()) resolved = global_attribute(d, "scenario_text");
    const auto assumptions = parse_assumptions(resolved);
    if (assumptions.empty()) {
        out += note("The file does not carry its resolved scenario.");
    } else {
        out +=
            "<p>Every setting of the resolved scenario (after inheritance), by section. Rates and prevalences are "
            "read from the data files named here; docs/cohorts.md and docs/demography.md give their sources.</p>\n"
            "<table>\n<tr><th>Section</th><th>Parameter</th><th>Value</th></tr>\n";
        for (const auto& a : assumptions)
            out += "<tr><td>" + e(a.section) + "</td><td>" + e(a.parameter) + "</td><td>" + e(a.value) + "</td></tr>\n";
        out += "</table>\n";
    }
    if (!set.missing.empty()) {
        out += "<h3>Not in this run</h3>\n<ul>\n";
        for (const auto& m : set.missing) out += "<li>" + e(m) + "</li>\n";
        out += "</ul>\n";
    }
    out += "<details><summary>The resolved scenario, verbatim</summary>\n<pre>" + e(resolved) + "</pre>\n</details>\n";
    return out;
}

}  // namespace

std::string render_report(const ReportInputs& in) {
    if (!in.run) throw std::logic_error("render_report: no run");
    const auto& d = *in.run;
    const auto set = compute_indicators(d);
    const std::string scenario = global_attribute(d, "scenario_name", "(unnamed scenario)");
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>carecast: " +
        e(scenario) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
    html += header_section(in);
    html += headline_section(d, set);
    if (in.base) html += compare_section(in, set);  // the point of a comparison report comes first
    html += fan_section(set);
    html += observed_section(d, set);
    html += pyramid_section(d);
    html += area_section(d);
    html += care_home_section(d, set);
    html += money_section(set);
    html += market_section(d, set);
    html += assumptions_section(d, set);
    html += "<footer>Made by carecast " + e(global_attribute(d, "carecast_version", "?")) + " from " + e(in.run_name) +
            (in.base ? " and " + e(in.base_name) : "") +
            ". The report is self-contained: it loads nothing from the network.</footer>\n";
    html += chart_check_script;
    html += "</body>\n</html>\n";
    return html;
}

void write_report(const ReportInputs& inputs, const std::filesystem::path& target, bool overwrite) {
    const auto html = render_report(inputs);
    output::publish_atomically(target, overwrite,
                               [&](const std::filesystem::path& temp) { output::write_new_file(temp, html); });
}

}  // namespace carecast::report
