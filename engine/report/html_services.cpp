// The report's service and money sections: care homes, MTFP pressure, market position.
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
        if (!is_flat_zero(*cost)) out += figure(fan_chart(*cost));
    out +=
        "</div>\n<h3>By budget line (mean, 5th\u201395th percentile)</h3>\n<table "
        "class=\"compact\">\n<tr><th>Financial year</th>";
    std::vector<const Series*> lines;
    for (const auto& s : set.series)
        if (s.id.rfind("mtfp_pressure.", 0) == 0) lines.push_back(&s);
    for (const auto* l : lines) out += "<th>" + e(l->label.substr(l->label.find(": ") + 2)) + "</th>";
    out += "</tr>\n";
    for (std::size_t t = 0; t < pressure->times.size(); ++t) {
        out += "<tr><td>" + pressure->time_label(t) + "</td>";
        for (const auto* l : lines) {
            const auto i = l->time_index(pressure->times[t]);
            out += "<td class=\"n\">" +
                   (i ? with_interval(NumberKind::money, summarise_at(*l, *i), false, true) : "\u2013") + "</td>";
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

}  // namespace carecast::report::html
