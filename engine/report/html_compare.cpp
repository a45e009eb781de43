// The report's what-if section: the what-if against its baseline from paired replicates.
#include "analysis/paired_comparison.hpp"
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

}  // namespace carecast::report::html
