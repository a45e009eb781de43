// The report's what-if section: the what-if against its baseline from paired replicates: the key
// indicators at milestone years, the budget by financial year to the last year of the run (cash and real
// terms, by budget line), and for each key indicator the two runs and their difference over time.
#include <algorithm>
#include <cmath>

#include "report/comparison_workbook.hpp"
#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/html_parts.hpp"
#include "report/paired_comparison.hpp"
#include "report/run_information.hpp"
#include "report/svg_chart.hpp"

namespace carecast::report::html {
namespace {

std::string interval_text(NumberKind k, const ComparisonCells& c) {
    if (c.input) return "(an input: exact)";
    if (c.replicates < 2 || !std::isfinite(c.ci_low)) return "(needs 2+ replicates)";
    return format_difference(k, c.ci_low) + " to " + format_difference(k, c.ci_high);
}

/// "−£0.25m *" with its interval on a second line.
std::string difference_cell(NumberKind k, const ComparisonCells& c) {
    return "<td class=\"n\">" + format_difference(k, c.difference) +
           (c.distinguishable ? " <span class=\"star\">*</span>" : "") + "<br><small>" + interval_text(k, c) +
           "</small></td>";
}

std::string money_cells(const Series* base, const Series* whatif, int year) {
    if (!base && !whatif) return "<td>\u2013</td><td>\u2013</td><td>\u2013</td>";
    const auto c = paired_cells(base, whatif, year);
    return "<td class=\"n\">" + format_money(c.baseline) + "</td><td class=\"n\">" + format_money(c.whatif) + "</td>" +
           difference_cell(NumberKind::money, c);
}

const std::string money_header =
    "<th>Baseline (cash)</th><th>What-if (cash)</th><th>Difference (cash), 95% CI</th>"
    "<th>Baseline (real terms)</th><th>What-if (real terms)</th><th>Difference (real terms), 95% CI</th>";

/// True if the what-if and the baseline are equal in every replicate and year of `cash` (or both absent).
bool no_difference(const Series* base, const Series* whatif) {
    if (!base || !whatif) return !base && !whatif;
    return base->values == whatif->values;
}

/// One row per financial year of a budget total, cash and real terms, to the last year of the run.
std::string budget_by_year(const std::string& title, const std::string& cash_id, const std::string& real_id,
                           const IndicatorSet& base, const IndicatorSet& whatif) {
    const auto* bc = base.find(cash_id);
    const auto* wc = whatif.find(cash_id);
    const auto* br = base.find(real_id);
    const auto* wr = whatif.find(real_id);
    if (!bc && !wc) return "";
    if (no_difference(bc, wc) && no_difference(br, wr))
        return flat_line(title + ": the same in both runs in every financial year and replicate (no difference).");
    const auto& times = (wc ? wc : bc)->times;
    std::string out = "<h3>" + e(title) +
                      " by financial year</h3>\n<div class=\"table-wrap\"><table class=\"budget\">\n"
                      "<tr><th>Financial year</th>" +
                      money_header + "</tr>\n";
    for (const int year : times)
        out += "<tr><td class=\"year\">" + financial_year_label(year) + "</td>" + money_cells(bc, wc, year) +
               money_cells(br, wr, year) + "</tr>\n";
    return out + "</table></div>\n";
}

/// Every budget line at the first, every fifth and the last financial year; lines that do not move are
/// named in one line.
std::string budget_by_line(const IndicatorSet& base, const IndicatorSet& whatif) {
    std::vector<std::string> lines;
    for (const auto* set : {&whatif, &base})
        for (const auto& s : set->series)
            if (s.id.rfind("cost_cash.", 0) == 0) {
                const auto line = s.id.substr(10);
                if (budget_row_type(line) == "part" && std::find(lines.begin(), lines.end(), line) == lines.end())
                    lines.push_back(line);
            }
    if (lines.empty()) return "";
    std::string rows, unchanged;
    for (const auto& line : lines) {
        const auto* bc = base.find("cost_cash." + line);
        const auto* wc = whatif.find("cost_cash." + line);
        const auto* br = base.find("cost_real." + line);
        const auto* wr = whatif.find("cost_real." + line);
        std::string name = line;
        std::replace(name.begin(), name.end(), '_', ' ');
        if (no_difference(bc, wc) && no_difference(br, wr)) {
            unchanged += (unchanged.empty() ? "" : ", ") + name;
            continue;
        }
        const auto& times = (wc ? wc : bc)->times;
        for (std::size_t t = 0; t < times.size(); ++t) {
            if (t != 0 && t + 1 != times.size() && times[t] % 5 != 0) continue;
            rows += "<tr><td>" + e(name) +
                    (budget_of_line(line) == "high needs" ? " <small>(high needs)</small>" : "") +
                    "</td><td class=\"year\">" + financial_year_label(times[t]) + "</td>" +
                    money_cells(bc, wc, times[t]) + money_cells(br, wr, times[t]) + "</tr>\n";
        }
    }
    std::string out = "<h3>Cost by budget line (first, every fifth and last financial year)</h3>\n";
    if (!rows.empty())
        out += "<div class=\"table-wrap\"><table class=\"budget\">\n<tr><th>Budget line</th><th>Financial year</th>" +
               money_header + "</tr>\n" + rows + "</table></div>\n";
    if (!unchanged.empty()) out += flat_line("The same in both runs in every year: " + unchanged + ".");
    return out +
           "<p>Every year of every line, and cost by client group, are in the workbook of "
           "<code>carecast compare BASE WHATIF --xlsx FILE</code>.</p>\n";
}

/// The key indicators at the base year, every fifth year and the horizon (financial years: the one
/// starting in that year, or at the horizon the last one).
std::string key_indicator_table(const IndicatorSet& base, const IndicatorSet& whatif, const std::vector<int>& years) {
    std::string out =
        "<div class=\"table-wrap\"><table>\n<tr><th>Indicator</th><th>Year</th><th>Baseline</th><th>What-if</th>"
        "<th>Difference</th><th>95% confidence interval</th><th>5th\u201395th percentile</th><th></th></tr>\n";
    for (const auto& s : whatif.series) {
        if (!s.headline) continue;
        const auto* b = base.find(s.id);
        if (!b || b->time_dimension != s.time_dimension) continue;
        std::vector<std::size_t> shown;
        for (const int y : years)
            if (const auto t = column_time(s, y); t && std::find(shown.begin(), shown.end(), *t) == shown.end())
                shown.push_back(*t);
        for (const auto t : shown) {
            const auto c = paired_cells(b, &s, s.times[t]);
            const auto k = s.kind;
            out += "<tr><td>" + e(s.label) + "</td><td class=\"year\">" + s.time_label(t) + "</td><td class=\"n\">" +
                   format_value(k, c.baseline) + "</td><td class=\"n\">" + format_value(k, c.whatif) +
                   "</td><td class=\"n\">" + format_difference(k, c.difference) + "</td><td class=\"n\">" +
                   interval_text(k, c) + "</td><td class=\"n\">" + format_difference(k, c.p5) + " to " +
                   format_difference(k, c.p95) + "</td><td class=\"star\">" + (c.distinguishable ? "*" : "") +
                   "</td></tr>\n";
        }
    }
    return out + "</table></div>\n";
}

/// The baseline and the what-if (mean, with the what-if's 5th–95th percentile), and their difference.
std::string level_and_difference_charts(const Series& b, const Series& w) {
    svg::XYChart level;
    level.title = w.label + ": baseline and what-if";
    level.x_label = x_label_for(w);
    level.y_label = y_label_for(w);
    level.kind = w.kind;
    level.include_zero = w.kind == NumberKind::money;
    svg::Band band{"What-if: 5th\u201395th percentile", {}, {}, blue, 0.2};
    svg::Line base_line{"Baseline (mean)", {}, grey, true};
    svg::Line whatif_line{"What-if (mean)", {}, dark_blue, false};
    svg::XYChart diff;
    diff.title = "Difference: " + w.label;
    diff.x_label = x_label_for(w);
    diff.y_label = "what-if minus baseline, " + y_label_for(w);
    diff.kind = w.kind;
    diff.zero_line = true;
    svg::Band spread{"5th\u201395th percentile of paired differences", {}, {}, blue, 0.2};
    svg::Band ci{"95% confidence interval of the mean", {}, {}, blue, 0.45};
    svg::Line mean{"Mean difference", {}, dark_blue, false};
    for (std::size_t t = 0; t < w.times.size(); ++t) {
        if (!b.time_index(w.times[t])) continue;
        const auto c = paired_cells(&b, &w, w.times[t]);
        const auto stats = summarise_at(w, t);
        for (auto* chart : {&level, &diff}) {
            chart->x.push_back(w.times[t]);
            chart->x_tick_labels.push_back(w.time_label(t));
        }
        band.low.push_back(stats.p5);
        band.high.push_back(stats.p95);
        base_line.values.push_back(c.baseline);
        whatif_line.values.push_back(c.whatif);
        spread.low.push_back(c.p5);
        spread.high.push_back(c.p95);
        ci.low.push_back(c.ci_low);
        ci.high.push_back(c.ci_high);
        mean.values.push_back(c.difference);
    }
    if (level.x.empty()) return "";
    level.bands = {band};
    level.lines = {base_line, whatif_line};
    diff.bands = {spread, ci};
    diff.lines = {mean};
    return figure(svg::xy_chart(level)) + figure(svg::xy_chart(diff));
}

std::string uncertainty_statement(const output::Dataset& d) {
    std::string sources, replicates;
    for (const auto& [field, value] : run_information(d)) {
        if (field == "Uncertainty sources") sources = value;
        if (field == "Replicates") replicates = value;
    }
    std::string out = "<p>The intervals include only these sources of uncertainty: " + e(sources) + ".</p>\n";
    if (replicates.find("fewer than 20") != std::string::npos)
        out += note("Only " + global_attribute(d, "replicates", "?") +
                    " replicates: the 5th\u201395th percentiles rest on one or two replicates each and are rough; "
                    "the confidence intervals are wide. Run 20 or more replicates for a budget paper.");
    return out;
}

}  // namespace

std::string compare_section(const ReportInputs& in, const IndicatorSet& whatif) {
    const auto base = compute_indicators(*in.base);
    std::string out = "<section id=\"compare\">\n<h2>What-if minus baseline</h2>\n<p>This run (the what-if, " +
                      e(in.run_name) + ") against the baseline " + e(in.base_name) + " (" +
                      e(global_attribute(*in.base, "scenario_name")) +
                      "). Both were run with the same seed, so replicate <i>r</i> of each sees the same chance events "
                      "(common random numbers): the difference of each pair is the effect of the change, with little "
                      "noise. The interval is a 95% confidence interval for the mean difference (Student t over "
                      "replicates); <span class=\"star\">*</span> marks a difference distinguishable from zero. The "
                      "5th\u201395th percentile is that of the paired differences.</p>\n" +
                      uncertainty_statement(*in.run);
    out += key_indicator_table(base, whatif, milestone_years(*in.run));
    if (whatif.find(std::string("cost_cash.") + names::total_budget_line) ||
        base.find(std::string("cost_cash.") + names::total_budget_line)) {
        out +=
            "<h3 id=\"compare-budget\">The budget: baseline, what-if and difference</h3>\n<p>Pounds by financial "
            "year (April to March) to the last year of the run. Cash is what the council pays; real terms deflate "
            "cash by the run's one general deflator. Adult social care never includes EHC plans (high needs). A "
            "line only one run has (a what-if's own intervention cost) is zero in the other.</p>\n";
        out += budget_by_year("Adult social care cost (asc_total)", "cost_cash.asc_total", "cost_real.asc_total", base,
                              whatif);
        out += budget_by_year("Adult social care MTFP pressure", "mtfp_pressure.asc_total",
                              "mtfp_pressure_real.asc_total", base, whatif);
        out += budget_by_year("High-needs cost (EHC plans, high_needs_total)", "cost_cash.high_needs_total",
                              "cost_real.high_needs_total", base, whatif);
        out += budget_by_line(base, whatif);
    }
    out +=
        "<h3>Key indicators over time</h3>\n<p>Left: the baseline (dashed) and the what-if (line, with its "
        "5th\u201395th percentile shaded). Right: the paired difference with its 95% confidence interval and "
        "5th\u201395th percentile; the black line is zero.</p>\n";
    std::string charts, flat;
    for (const auto& s : whatif.series) {
        if (!s.headline) continue;
        const auto* b = base.find(s.id);
        if (!b || b->time_dimension != s.time_dimension) continue;
        if (no_difference(b, &s)) {
            flat += (flat.empty() ? "" : ", ") + s.label;
            continue;
        }
        charts += level_and_difference_charts(*b, s);
    }
    if (!flat.empty()) out += flat_line("No difference in any year or replicate, so not drawn: " + flat + ".");
    return out + "<div class=\"charts\">\n" + charts + "</div>\n</section>\n";
}

}  // namespace carecast::report::html
