#include "report/comparison_workbook.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "report/dataset_query.hpp"
#include "report/paired_comparison.hpp"
#include "report/run_information.hpp"
#include "report/workbook.hpp"

namespace carecast::report {
namespace {

using Columns = std::vector<std::pair<std::string, double>>;

/// The statistics columns every comparison sheet ends with (after its own key columns).
const Columns& statistic_columns() {
    static const Columns columns = {{"Baseline", 15},           {"What-if", 15},
                                    {"Difference", 14},         {"95% CI low", 14},
                                    {"95% CI high", 14},        {"P5 of differences", 14},
                                    {"P95 of differences", 14}, {"Distinguishable from zero", 13},
                                    {"Replicates", 10},         {"Unit", 22},
                                    {"Indicator id", 40}};
    return columns;
}

Columns with_statistics(Columns keys) {
    keys.insert(keys.end(), statistic_columns().begin(), statistic_columns().end());
    return keys;
}

/// A sheet being filled row by row: key cells first (text or whole numbers), then the statistics.
class SheetWriter {
public:
    SheetWriter(Workbook& book, const std::string& name, const std::string& title, const std::string& subtitle,
                const Columns& columns)
        : book_(book), sheet_(book.add_sheet(name)), columns_(columns.size()) {
        worksheet_write_string(sheet_, 0, 0, title.c_str(), book.title());
        worksheet_write_string(sheet_, 1, 0, subtitle.c_str(), nullptr);
        write_header_row(book, sheet_, 2, columns, 0);
    }
    void text(const std::string& value) { worksheet_write_string(sheet_, row_, column_++, value.c_str(), nullptr); }
    void whole(int value) { worksheet_write_number(sheet_, row_, column_++, value, nullptr); }
    void statistics(const ComparisonCells& c, NumberKind kind, const std::string& unit, const std::string& id) {
        auto* number = book_.number(kind);
        for (const double v : {c.baseline, c.whatif, c.difference, c.ci_low, c.ci_high, c.p5, c.p95})
            write_number_or_blank(sheet_, row_, column_++, v, number);
        text(c.distinguishable ? "yes" : "no");
        whole(static_cast<int>(c.replicates));
        text(unit);
        text(id);
        ++row_;
        column_ = 0;
    }
    void finish(const std::string& empty_note) {
        if (row_ == first_row)
            worksheet_write_string(sheet_, row_, 0, empty_note.c_str(), nullptr);
        else
            worksheet_autofilter(sheet_, 2, 0, row_ - 1, static_cast<lxw_col_t>(columns_ - 1));
    }

private:
    static constexpr lxw_row_t first_row = 3;
    Workbook& book_;
    lxw_worksheet* sheet_;
    std::size_t columns_;
    lxw_row_t row_ = first_row;
    lxw_col_t column_ = 0;
};

using SeriesById = std::map<std::string, const Series*>;

SeriesById by_id(const IndicatorSet& set) {
    SeriesById out;
    for (const auto& s : set.series) out[s.id] = &s;
    return out;
}

bool starts_with(const std::string& text, const std::string& head) {
    return text.rfind(head, 0) == 0;
}

/// The ids starting with `prefix` that either run has, the what-if's first (in id order), then the baseline's
/// others (a line only one run has, such as a what-if's intervention cost, counts as zero in the other).
std::vector<std::string> ids_in_either(const SeriesById& whatif, const SeriesById& base, const std::string& prefix) {
    std::vector<std::string> ids;
    for (const auto* ids_of : {&whatif, &base})
        for (const auto& [id, s] : *ids_of)
            if (starts_with(id, prefix) && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    return ids;
}

/// The series of `id` in a run, or nullptr if the run does not have it.
const Series* series_or_null(const SeriesById& ids, const std::string& id) {
    const auto found = ids.find(id);
    return found == ids.end() ? nullptr : found->second;
}

/// Every time either series has, in order.
std::vector<int> union_times(const Series* a, const Series* b) {
    std::vector<int> times;
    if (a) times = a->times;
    if (b) times.insert(times.end(), b->times.begin(), b->times.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

/// Values across replicates at `time`, or zeros (`n` of them) where the series or the time is absent.
std::vector<double> values_at(const Series* s, int time, std::size_t n) {
    if (s)
        if (const auto t = s->time_index(time)) return s->at_time(*t);
    return std::vector<double>(n, 0.0);
}

void write_about_sheet(Workbook& book, const output::Dataset& base, const std::string& base_name,
                       const output::Dataset& whatif, const std::string& whatif_name) {
    auto* sheet = book.add_sheet("about");
    worksheet_write_string(sheet, 0, 0, "What-if against baseline", book.title());
    worksheet_set_column(sheet, 0, 0, 28, nullptr);
    worksheet_set_column(sheet, 1, 1, 110, book.wrap());
    std::vector<std::pair<std::string, std::string>> lines = {
        {"What-if", global_attribute(whatif, "scenario_name") + " (" + whatif_name + ")"},
        {"Baseline", global_attribute(base, "scenario_name") + " (" + base_name + ")"},
    };
    for (const auto& [field, value] : run_information(whatif))
        if (field == "Seed" || field == "Replicates" || field == "Years" || field == "Areas" ||
            field == "Uncertainty sources" || field == "What-if changes from its parent")
            lines.push_back({field, value});
    lines.insert(lines.end(),
                 {{"Pairing",
                   "Replicate r of the what-if is paired with replicate r of the baseline (same seed: common random "
                   "numbers), so each paired difference is the effect of the change with little noise."},
                  {"Difference", "Mean of the paired differences (what-if minus baseline)."},
                  {"95% CI",
                   "Confidence interval for that mean (Student t over replicates); blank with fewer than 2 "
                   "replicates. It covers only the uncertainty sources above."},
                  {"P5, P95 of differences",
                   "5th and 95th percentiles of the paired differences (type 7): how much the effect "
                   "varies between possible futures. Rough with fewer than 20 replicates."},
                  {"Row type",
                   "part or total. Sum the parts of one budget (Budget column) to get its total; never add a "
                   "total row to its parts. Adult social care (asc_total) never includes EHC plans, which the "
                   "high-needs block pays (high_needs_total)."},
                  {"Years",
                   "Numbers. Money: the financial year starting in April of that year (2025 = 2025/26, its label in "
                   "the next column); people: at mid-year (30 June); events: the year to mid-year."},
                  {"Lines in one run only",
                   "A budget line only one run has (e.g. the what-if's own intervention cost) is zero "
                   "in the other."},
                  {"Sheets",
                   "budget: cost and MTFP pressure by budget line, cash and real terms; client_groups: cost by client "
                   "group and service; by_age: population and the prevalence cohorts by age band and sex (and area); "
                   "indicators: every other key indicator."}});
    worksheet_write_string(sheet, 2, 0, "Field", book.header());
    worksheet_write_string(sheet, 2, 1, "Value", book.header());
    lxw_row_t row = 3;
    for (const auto& [field, value] : lines) {
        worksheet_write_string(sheet, row, 0, field.c_str(), book.bold());
        worksheet_write_string(sheet, row++, 1, value.c_str(), book.wrap());
    }
}

/// Cost and MTFP pressure by budget line: measure, terms, budget, line, row type, year, label.
void write_budget_sheet(Workbook& book, const IndicatorSet& base, const IndicatorSet& whatif) {
    SheetWriter out(book, "budget", "Cost and MTFP pressure by budget line and financial year",
                    "Pounds. Cash: what the council pays; real terms: cash deflated by the run's one general "
                    "deflator. MTFP pressure: cost minus the envelope net of savings (above zero: overspend).",
                    with_statistics({{"Measure", 14},
                                     {"Terms", 11},
                                     {"Budget", 18},
                                     {"Budget line", 20},
                                     {"Row type", 9},
                                     {"Financial year", 9},
                                     {"Financial year label", 10}}));
    const auto base_ids = by_id(base), whatif_ids = by_id(whatif);
    struct Measure {
        const char* prefix;
        const char* measure;
        const char* terms;
    };
    for (const Measure m : {Measure{"cost_cash.", "cost", "cash"}, Measure{"cost_real.", "cost", "real terms"},
                            Measure{"mtfp_pressure.", "MTFP pressure", "cash"},
                            Measure{"mtfp_pressure_real.", "MTFP pressure", "real terms"}}) {
        auto ids = ids_in_either(whatif_ids, base_ids, m.prefix);
        // Parts first, in the file's order, then the two totals.
        std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
            return budget_row_type(a.substr(a.find('.') + 1)) < budget_row_type(b.substr(b.find('.') + 1));
        });
        for (const auto& id : ids) {
            const auto line = id.substr(id.find('.') + 1);
            const auto* b = series_or_null(base_ids, id);
            const auto* w = series_or_null(whatif_ids, id);
            for (const int year : union_times(b, w)) {
                out.text(m.measure);
                out.text(m.terms);
                out.text(budget_of_line(line));
                out.text(line);
                out.text(budget_row_type(line));
                out.whole(year);
                out.text(financial_year_label(year));
                out.statistics(paired_cells(b, w, year), NumberKind::money, "GBP", id);
            }
        }
    }
    out.finish("Neither run has money outputs (the scenario has no money section).");
}

/// Cost by client group and service (cash and real terms): all parts of asc_total.
void write_client_group_sheet(Workbook& book, const IndicatorSet& base, const IndicatorSet& whatif) {
    SheetWriter out(book, "client_groups", "Adult social care cost by client group and service",
                    "Pounds. Every row is a part: the rows of one financial year and terms add up to asc_total on the "
                    "budget sheet.",
                    with_statistics({{"Terms", 11},
                                     {"Client group", 22},
                                     {"Service", 22},
                                     {"Row type", 9},
                                     {"Financial year", 9},
                                     {"Financial year label", 10}}));
    const auto base_ids = by_id(base), whatif_ids = by_id(whatif);
    for (const auto& [prefix, terms] :
         {std::pair<std::string, std::string>{"cost_cash_by_client_group.", "cash"},
          std::pair<std::string, std::string>{"cost_real_by_client_group.", "real terms"}}) {
        const auto ids = ids_in_either(whatif_ids, base_ids, prefix);
        for (const auto& id : ids) {
            const auto line = id.substr(prefix.size());
            const auto dot = line.find('.');
            const auto* b = series_or_null(base_ids, id);
            const auto* w = series_or_null(whatif_ids, id);
            for (const int year : union_times(b, w)) {
                out.text(terms);
                out.text(line.substr(0, dot));
                out.text(dot == std::string::npos ? "" : line.substr(dot + 1));
                out.text("part");
                out.whole(year);
                out.text(financial_year_label(year));
                out.statistics(paired_cells(b, w, year), NumberKind::money, "GBP", id);
            }
        }
    }
    out.finish("Neither run has cost by client group.");
}

/// The population and the prevalence cohorts by age band, sex and area.
void write_by_age_sheet(Workbook& book, const output::Dataset& base, const output::Dataset& whatif) {
    SheetWriter out(book, "by_age", "Population and prevalence cohorts by age band, sex and area",
                    "Breakdown says which cut a row is: sum the 'age band' rows of an indicator, year and sex for the "
                    "'whole group' row; 'age band and sex' rows add up to the 'age band' rows.",
                    with_statistics({{"Theme", 14},
                                     {"Indicator", 44},
                                     {"Breakdown", 16},
                                     {"Row type", 9},
                                     {"Age band", 9},
                                     {"Sex", 8},
                                     {"Area", 11},
                                     {"Year", 7},
                                     {"Year basis", 18}}));
    const auto rows_of = [](const output::Dataset& d) {
        auto rows = compute_population_by_age(d);
        for (auto& r : compute_breakdowns(d))
            if (r.series.theme != Theme::money && r.series.theme != Theme::market) rows.push_back(std::move(r));
        return rows;
    };
    const auto key = [](const BreakdownSeries& r) {
        return r.series.id + "|" + r.age_band + "|" + r.sex + "|" + r.area;
    };
    const auto base_rows = rows_of(base);
    std::map<std::string, const Series*> base_index;
    for (const auto& r : base_rows) base_index[key(r)] = &r.series;
    std::map<std::string, std::pair<std::string, std::string>> whole;  // id -> the whole group's band and area
    for (const auto& r : rows_of(whatif)) {
        const auto& s = r.series;
        const auto found = base_index.find(key(r));
        if (found == base_index.end()) continue;  // pairing_problems has checked the runs have the same shape
        std::string breakdown = "age band";
        if (s.id != "population_by_age") {
            const auto [it, first] = whole.emplace(s.id, std::make_pair(r.age_band, r.area));
            const bool whole_band = r.age_band == it->second.first, whole_area = r.area == it->second.second;
            breakdown = !whole_area                    ? "area"
                        : whole_band && r.sex == "all" ? "whole group"
                        : whole_band                   ? "sex"
                        : r.sex == "all"               ? "age band"
                                                       : "age band and sex";
        } else if (r.sex != "all") {
            breakdown = "age band and sex";
        }
        for (const int time : s.times) {
            out.text(theme_info(s.theme).title);
            out.text(s.label);
            out.text(breakdown);
            out.text(breakdown == "whole group" ? "total" : "part");
            out.text(r.age_band);
            out.text(r.sex);
            out.text(r.area);
            out.whole(time);
            out.text(time_basis(s.time_dimension));
            out.statistics(paired_cells(found->second, &s, time), s.kind, s.unit, s.id);
        }
    }
    out.finish("Neither run has counts by age and sex.");
}

/// Every other indicator (population groups, cohorts, care homes, envelope, prices, market) as a whole.
void write_indicator_sheet(Workbook& book, const IndicatorSet& base, const IndicatorSet& whatif) {
    SheetWriter out(book, "indicators", "Every other indicator, whole run",
                    "Key indicators are marked; budget lines and client groups are on their own sheets.",
                    with_statistics({{"Theme", 14},
                                     {"Indicator", 50},
                                     {"Key indicator", 9},
                                     {"Year", 7},
                                     {"Year label", 9},
                                     {"Year basis", 18}}));
    const auto base_ids = by_id(base);
    for (const auto& s : whatif.series) {
        if (starts_with(s.id, "cost_") || starts_with(s.id, "mtfp_pressure")) continue;
        const auto found = base_ids.find(s.id);
        if (found == base_ids.end() || found->second->time_dimension != s.time_dimension) continue;
        for (std::size_t t = 0; t < s.times.size(); ++t) {
            if (!found->second->time_index(s.times[t])) continue;
            out.text(theme_info(s.theme).title);
            out.text(s.label);
            out.text(s.headline ? "yes" : "no");
            out.whole(s.times[t]);
            out.text(s.time_label(t));
            out.text(time_basis(s.time_dimension));
            out.statistics(paired_cells(found->second, &s, s.times[t]), s.kind, s.unit, s.id);
        }
    }
    out.finish("The runs have no indicators in common.");
}

}  // namespace

std::string budget_row_type(const std::string& line) {
    return line == names::total_budget_line || line == names::high_needs_total ? "total" : "part";
}

std::string budget_of_line(const std::string& line) {
    return line == "ehc_plans" || line == names::high_needs_total ? "high needs" : "adult social care";
}

ComparisonCells paired_cells(const Series* base, const Series* whatif, int time) {
    if (!base && !whatif) throw std::logic_error("paired_cells: no series");
    const std::size_t n = std::max(base ? base->row_count() : 1, whatif ? whatif->row_count() : 1);
    auto b = values_at(base, time, n);
    auto w = values_at(whatif, time, n);
    if (b.size() == 1) b.assign(n, b[0]);
    if (w.size() == 1) w.assign(n, w[0]);
    if (b.size() != w.size()) throw std::logic_error("paired_cells: series of different replicate counts");
    const auto d = analysis::paired_difference(b, w);
    const bool input = (!base || base->replicates.empty()) && (!whatif || whatif->replicates.empty());
    return {d.base_mean, d.whatif_mean, d.mean,       d.ci_low,          d.ci_high,
            d.p5,        d.p95,         d.replicates, d.distinguishable, input};
}

void write_comparison_workbook(const output::Dataset& base, const std::string& base_name, const output::Dataset& whatif,
                               const std::string& whatif_name, const std::filesystem::path& file) {
    // Cost by client group in real terms is on the workbook's client-group sheet only.
    IndicatorDefinition real_by_group;
    real_by_group.id = "cost_real_by_client_group";
    real_by_group.label = "Cost by client group (real terms)";
    real_by_group.theme = Theme::money;
    real_by_group.kind = NumberKind::money;
    real_by_group.unit = "GBP";
    real_by_group.variables = {"cost_real_by_client_group"};
    real_by_group.expand = names::client_group_line;
    auto base_set = compute_indicators(base);
    auto whatif_set = compute_indicators(whatif);
    add_indicator(base, real_by_group, base_set);
    add_indicator(whatif, real_by_group, whatif_set);
    Workbook book(file);
    write_about_sheet(book, base, base_name, whatif, whatif_name);
    write_budget_sheet(book, base_set, whatif_set);
    write_client_group_sheet(book, base_set, whatif_set);
    write_by_age_sheet(book, base, whatif);
    write_indicator_sheet(book, base_set, whatif_set);
    book.close();
}

}  // namespace carecast::report
