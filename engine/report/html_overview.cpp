// The report's overview sections: the run, headlines, key indicators, published figures, the
// population pyramid, areas and the assumptions.
#include <algorithm>
#include <cmath>
#include <map>

#include "report/area_table.hpp"
#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/html_parts.hpp"
#include "report/observed_figures.hpp"
#include "report/run_information.hpp"
#include "report/svg_chart.hpp"

namespace carecast::report::html {

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
        "line: the median.</p>\n";
    std::string charts, flat;
    for (const auto& s : set.series) {
        if (!s.headline) continue;
        if (is_flat_zero(s))
            flat += (flat.empty() ? "" : ", ") + s.label;
        else
            charts += figure(fan_chart(s));
    }
    if (!flat.empty()) out += flat_line("Zero in every year and replicate, so not drawn: " + flat + ".");
    return out + "<div class=\"charts\">\n" + charts + "</div>\n";
}

/// A projected key indicator (median and 5th-95th percentile) with the published figures as markers, on
/// one axis of years covering both: actual figures up to the latest published year, the projection after.
/// Without a projection of the indicator (its section is not in the scenario), the published figures alone.
namespace {

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

}  // namespace

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

std::string assumptions_section(const output::Dataset& d, const IndicatorSet& set) {
    std::string out = "<h2 id=\"assumptions\">Assumptions</h2>\n";
    std::string resolved = global_attribute(d, "resolved_scenario");
    if (resolved.empty()) resolved = global_attribute(d, "scenario_text");
    const auto assumptions = run_assumptions(d);  // replicates and seed as run
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

}  // namespace carecast::report::html
