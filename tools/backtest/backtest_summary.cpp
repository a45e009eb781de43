#include "backtest_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace carecast::backtest {
namespace {

std::string fixed(double v, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
    return buffer;
}

std::string csv_text(const std::string& s) {
    return s.find_first_of(",\"") == std::string::npos ? s : "\"" + s + "\"";
}

double revision_percent(const CouncilDiagnostics& d) {
    return d.revised_base_total > 0 ? percent_error(d.revised_base_total, d.base_total) : 0.0;
}

struct Row {
    const CouncilResult* council;
    const Comparison* c;
};

/// Comparisons of `measure` in `year`, one per council that has it.
std::vector<Row> rows_of(const std::vector<CouncilResult>& results, const std::string& measure, int year) {
    std::vector<Row> rows;
    for (const auto& r : results)
        for (const auto& c : r.comparisons)
            if (c.measure == measure && c.year == year) rows.push_back({&r, &c});
    return rows;
}

std::vector<double> absolute_errors(const std::vector<Row>& rows, double Comparison::*projection) {
    std::vector<double> e;
    for (const auto& row : rows) e.push_back(std::abs(percent_error(row.c->*projection, row.c->actual)));
    return e;
}

void write_measure_table(std::ostream& out, const std::vector<CouncilResult>& results, const std::string& measure,
                         const BacktestOptions& options, std::vector<std::string>& losses) {
    out << "\n**" << measure
        << "** (absolute % error over councils: median / 90th percentile; model bias = median signed error)\n\n"
        << "| year | councils | model | last value held | constant growth | model bias |\n|---|---|---|---|---|---|\n";
    for (int y = options.base_year + 1; y <= options.horizon_year; ++y) {
        const auto rows = rows_of(results, measure, y);
        if (rows.empty()) continue;
        std::vector<double> signed_errors;
        for (const auto& row : rows) signed_errors.push_back(percent_error(row.c->model, row.c->actual));
        const auto m = absolute_errors(rows, &Comparison::model), l = absolute_errors(rows, &Comparison::naive_last),
                   g = absolute_errors(rows, &Comparison::naive_growth);
        auto cell = [](const std::vector<double>& e) {
            return fixed(quantile(e, 0.5), 2) + " / " + fixed(quantile(e, 0.9), 2);
        };
        out << "| " << y << " | " << rows.size() << " | " << cell(m) << " | " << cell(l) << " | " << cell(g) << " | "
            << fixed(quantile(signed_errors, 0.5), 2) << " |\n";
        const double mm = quantile(m, 0.5);
        if (mm >= quantile(l, 0.5))
            losses.push_back(measure + " " + std::to_string(y) + ": model median " + fixed(mm, 2) +
                             "% vs last value held " + fixed(quantile(l, 0.5), 2) + "%");
        if (mm >= quantile(g, 0.5))
            losses.push_back(measure + " " + std::to_string(y) + ": model median " + fixed(mm, 2) +
                             "% vs constant growth " + fixed(quantile(g, 0.5), 2) + "%");
    }
}

void write_worst(std::ostream& out, const std::vector<CouncilResult>& results, const std::string& measure, int year) {
    auto rows = rows_of(results, measure, year);
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::abs(percent_error(a.c->model, a.c->actual)) > std::abs(percent_error(b.c->model, b.c->actual));
    });
    out << "\nWorst five councils, " << measure << " " << year
        << " (signed % errors; net migration a year: fitted 2011-16 "
        << "vs ONS MYE3 after the base; deaths: model over ONS MYE3, years to mid-2017..2019 and to mid-2020; "
        << "revision: revised mid-2016 over the original)\n\n"
        << "| council | actual | model | last held | const. growth | net migr. fitted | net migr. after | deaths 17-19 "
           "| deaths 20 | revision |\n"
        << "|---|---|---|---|---|---|---|---|---|---|\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(5, rows.size()); ++k) {
        const auto& r = *rows[k].council;
        const auto& c = *rows[k].c;
        const auto& d = r.diagnostics;
        out << "| " << r.area->name << " (" << r.area->code << ") | " << fixed(c.actual, 0) << " | "
            << fixed(percent_error(c.model, c.actual), 2) << " | " << fixed(percent_error(c.naive_last, c.actual), 2)
            << " | " << fixed(percent_error(c.naive_growth, c.actual), 2) << " | " << fixed(d.fitted_net_migration, 0)
            << " | " << fixed(d.actual_net_migration, 0) << " | "
            << fixed(percent_error(d.model_deaths_before_last, d.actual_deaths_before_last), 1) << "% | "
            << fixed(percent_error(d.model_deaths_last, d.actual_deaths_last), 1) << "% | "
            << fixed(revision_percent(d), 2) << "% |\n";
    }
}

void write_revision(std::ostream& out, const std::vector<CouncilResult>& results, const BacktestOptions& options) {
    std::vector<double> revisions;
    for (const auto& r : results)
        if (r.diagnostics.revised_base_total > 0) revisions.push_back(std::abs(revision_percent(r.diagnostics)));
    if (revisions.empty()) return;
    out << "\n**Revision of the base.** |revised mid-" << options.base_year
        << " (MYE3 start population of the year to mid-" << options.base_year + 1 << ") - original mid-"
        << options.base_year << "| over the original, " << revisions.size() << " councils: median "
        << fixed(quantile(revisions, 0.5), 2) << "%, 90th percentile " << fixed(quantile(revisions, 0.9), 2)
        << "%, largest " << fixed(*std::max_element(revisions.begin(), revisions.end()), 2) << "%.\n";
    out << "\nModel error in the total with the base revision taken out (each projection scaled by revised/original "
           "base; median / 90th percentile):\n\n"
        << "| year | model (as run) | model | last value held | constant growth |\n|---|---|---|---|---|\n";
    for (int y = options.base_year + 1; y <= options.horizon_year; ++y) {
        std::vector<double> raw, model, last, growth;
        for (const auto& row : rows_of(results, population_groups[0].name, y)) {
            const auto& d = row.council->diagnostics;
            if (d.revised_base_total <= 0) continue;
            const double k = d.revised_base_total / d.base_total;
            raw.push_back(std::abs(percent_error(row.c->model, row.c->actual)));
            model.push_back(std::abs(percent_error(row.c->model * k, row.c->actual)));
            last.push_back(std::abs(percent_error(row.c->naive_last * k, row.c->actual)));
            growth.push_back(std::abs(percent_error(row.c->naive_growth * k, row.c->actual)));
        }
        if (raw.empty()) continue;
        auto cell = [](const std::vector<double>& e) {
            return fixed(quantile(e, 0.5), 2) + " / " + fixed(quantile(e, 0.9), 2);
        };
        out << "| " << y << " | " << cell(raw) << " | " << cell(model) << " | " << cell(last) << " | " << cell(growth)
            << " |\n";
    }
}

}  // namespace

double percent_error(double projected, double actual) {
    return actual != 0 ? 100.0 * (projected - actual) / actual : 0.0;
}

double quantile(std::vector<double> values, double q) {
    if (values.empty()) return std::nan("");
    std::sort(values.begin(), values.end());
    const double h = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

void write_errors_csv(std::ostream& out, const std::vector<CouncilResult>& results) {
    out << "area_code,area_name,measure,year,actual,model,naive_last,naive_growth,error_model_pct,error_last_pct,error_"
           "growth_pct\n";
    for (const auto& r : results)
        for (const auto& c : r.comparisons)
            out << r.area->code << "," << csv_text(r.area->name) << "," << c.measure << "," << c.year << ","
                << fixed(c.actual, 0) << "," << fixed(c.model, 1) << "," << fixed(c.naive_last, 1) << ","
                << fixed(c.naive_growth, 1) << "," << fixed(percent_error(c.model, c.actual), 3) << ","
                << fixed(percent_error(c.naive_last, c.actual), 3) << ","
                << fixed(percent_error(c.naive_growth, c.actual), 3) << "\n";
}

void write_councils_csv(std::ostream& out, const std::vector<CouncilResult>& results) {
    out << "area_code,area_name,region,last_fit_year,base_total,revised_base_total,revision_pct,mortality_factor,"
           "fertility_factor,net_migration_fitted,net_migration_after,model_deaths_2017_2019,ons_deaths_2017_2019,"
           "model_deaths_2020,"
           "ons_deaths_2020,ehc_growth,ehc_local\n";
    for (const auto& r : results) {
        const auto& d = r.diagnostics;
        out << r.area->code << "," << csv_text(r.area->name) << "," << csv_text(r.area->region_name) << ","
            << d.last_fit_year << "," << fixed(d.base_total, 0) << "," << fixed(d.revised_base_total, 0) << ","
            << fixed(revision_percent(d), 3) << "," << fixed(d.mortality_factor, 4) << ","
            << fixed(d.fertility_factor, 4) << "," << fixed(d.fitted_net_migration, 0) << ","
            << fixed(d.actual_net_migration, 0) << "," << fixed(d.model_deaths_before_last, 0) << ","
            << fixed(d.actual_deaths_before_last, 0) << "," << fixed(d.model_deaths_last, 0) << ","
            << fixed(d.actual_deaths_last, 0) << "," << fixed(d.ehc_growth, 4) << "," << (d.ehc_local ? 1 : 0) << "\n";
    }
}

void write_summary(std::ostream& out, const std::vector<CouncilResult>& results, const BacktestOptions& options) {
    out << "## Back-test of " << results.size() << " councils from mid-" << options.base_year << " to "
        << options.horizon_year << "\n";
    std::vector<std::string> losses;
    std::vector<std::string> measures;
    for (const auto& g : population_groups) measures.push_back(g.name);
    measures.push_back(ehc_measure);
    for (const auto& m : measures) write_measure_table(out, results, m, options, losses);
    out << "\n**Where the model's median error is not below a naive projection's:**"
        << (losses.empty() ? " nowhere.\n" : "\n\n");
    for (const auto& l : losses) out << "- " << l << "\n";
    for (const auto& m : measures) {
        int year = options.horizon_year;
        while (year > options.base_year && rows_of(results, m, year).empty()) --year;
        if (year > options.base_year) write_worst(out, results, m, year);
    }
    write_revision(out, results, options);
    std::vector<double> before, last;
    double sums[4] = {0, 0, 0, 0};
    std::string without_ehc;
    for (const auto& r : results) {
        const auto& d = r.diagnostics;
        before.push_back(percent_error(d.model_deaths_before_last, d.actual_deaths_before_last));
        last.push_back(percent_error(d.model_deaths_last, d.actual_deaths_last));
        sums[0] += d.model_deaths_before_last, sums[1] += d.actual_deaths_before_last;
        sums[2] += d.model_deaths_last, sums[3] += d.actual_deaths_last;
        if (options.replicates > 0 && std::none_of(r.comparisons.begin(), r.comparisons.end(),
                                                   [](const Comparison& c) { return c.measure == ehc_measure; }))
            without_ehc += (without_ehc.empty() ? "" : ", ") + r.area->name + " (" + r.area->code + ")";
    }
    out << "\n**Deaths**, model (expected) over ONS MYE3: years to mid-" << options.base_year + 1 << ".."
        << options.horizon_year - 1 << " median over councils " << fixed(quantile(before, 0.5), 2) << "% (all councils "
        << fixed(percent_error(sums[0], sums[1]), 2) << "%); year to mid-" << options.horizon_year << " median "
        << fixed(quantile(last, 0.5), 2) << "% (all councils " << fixed(percent_error(sums[2], sums[3]), 2) << "%).\n";
    if (!without_ehc.empty())
        out << "\n**Not in the EHC comparison** (no SEN2 count of their own for January " << options.ehc_growth_from
            << " and " << options.base_year << ", or a national EHC table): " << without_ehc << ".\n";
}

}  // namespace carecast::backtest
