#include "report/tabular_export.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>

#include "output/atomic_file.hpp"
#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "report/observed_figures.hpp"
#include "report/run_information.hpp"
#include "report/workbook.hpp"

namespace carecast::report {
namespace {

constexpr const char* byte_order_mark = "\xEF\xBB\xBF";
constexpr const char* line_end = "\r\n";

std::string csv_line(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
    return line + line_end;
}

}  // namespace

const std::vector<std::string>& tidy_columns() {
    static const std::vector<std::string> columns = {"indicator_id", "indicator", "year", "year_basis",
                                                     "age_band",     "sex",       "area", "mean",
                                                     "p5",           "p50",       "p95",  "unit"};
    return columns;
}

std::string theme_csv(const std::vector<BreakdownSeries>& rows, Theme theme) {
    std::string text = byte_order_mark + csv_line(tidy_columns());
    for (const auto& row : rows) {
        const auto& s = row.series;
        if (s.theme != theme) continue;
        for (std::size_t t = 0; t < s.times.size(); ++t) {
            const auto stats = summarise_at(s, t);
            text += csv_line({s.id, s.label, s.time_label(t), time_basis(s.time_dimension), row.age_band, row.sex,
                              row.area, exact_number(stats.mean), exact_number(stats.p5), exact_number(stats.p50),
                              exact_number(stats.p95), s.unit});
        }
    }
    return text;
}

std::string run_csv(const output::Dataset& dataset, const std::vector<std::string>& missing) {
    std::string text = byte_order_mark + csv_line({"field", "value"});
    for (const auto& [field, value] : run_information(dataset)) text += csv_line({field, value});
    for (const auto& m : missing) text += csv_line({"Not in this run", m});
    return text;
}

std::vector<std::string> csv_file_names() {
    std::vector<std::string> names = {"run.csv"};
    for (const auto& t : all_themes()) names.push_back(std::string(t.id) + ".csv");
    return names;
}

std::vector<std::filesystem::path> write_csv_set(const output::Dataset& dataset, const std::filesystem::path& directory,
                                                 bool overwrite) {
    namespace fs = std::filesystem;
    if (fs::exists(directory) && !fs::is_directory(directory))
        throw std::runtime_error("'" + directory.string() + "' exists and is not a directory");
    auto names = csv_file_names();
    if (has_observed_figures(dataset)) names.push_back("observed.csv");
    if (!overwrite)
        for (const auto& name : names)
            if (fs::exists(directory / name))
                throw std::runtime_error("'" + (directory / name).string() + "' exists; use --force to overwrite it");
    const auto rows = compute_breakdowns(dataset);
    const auto indicators = compute_indicators(dataset);
    std::vector<std::pair<std::string, std::string>> files = {{"run.csv", run_csv(dataset, indicators.missing)}};
    for (const auto& t : all_themes()) files.push_back({std::string(t.id) + ".csv", theme_csv(rows, t.theme)});
    if (has_observed_figures(dataset)) files.push_back({"observed.csv", observed_csv(dataset)});
    const bool created = !fs::exists(directory);
    fs::create_directories(directory);
    // The set is published as a whole or not at all: a reader never mixes files of two runs.
    std::vector<output::PendingFile> pending;
    std::vector<fs::path> written;
    for (const auto& [name, text] : files) {
        written.push_back(directory / name);
        pending.push_back(
            {written.back(), [&text = text](const fs::path& temp) { output::write_new_file(temp, text); }});
    }
    try {
        output::publish_set_atomically(pending, overwrite);
    } catch (...) {
        std::error_code ignored;
        if (created) fs::remove(directory, ignored);  // only if still empty
        throw;
    }
    return written;
}

namespace {

void write_run_sheet(Workbook& book, const output::Dataset& dataset, const std::vector<std::string>& missing) {
    auto* sheet = book.add_sheet("run");
    worksheet_write_string(sheet, 0, 0, "About this run", book.title());
    worksheet_write_string(sheet, 1, 0,
                           "Figures on the other sheets are the mean and the 5th, 50th and 95th percentiles across "
                           "replicates.",
                           nullptr);
    worksheet_write_string(sheet, 3, 0, "Field", book.header());
    worksheet_write_string(sheet, 3, 1, "Value", book.header());
    worksheet_freeze_panes(sheet, 4, 0);
    worksheet_set_column(sheet, 0, 0, 24, nullptr);
    worksheet_set_column(sheet, 1, 1, 100, book.wrap());
    lxw_row_t row = 4;
    for (const auto& [field, value] : run_information(dataset)) {
        worksheet_write_string(sheet, row, 0, field.c_str(), book.bold());
        worksheet_write_string(sheet, row++, 1, value.c_str(), book.wrap());
    }
    for (const auto& m : missing) {
        worksheet_write_string(sheet, row, 0, "Not in this run", book.bold());
        worksheet_write_string(sheet, row++, 1, m.c_str(), book.wrap());
    }
}

void write_theme_sheet(Workbook& book, const ThemeInfo& theme, const std::vector<BreakdownSeries>& rows,
                       const std::string& scenario) {
    auto* sheet = book.add_sheet(theme.id);
    worksheet_write_string(sheet, 0, 0, (std::string(theme.title) + " \xE2\x80\x94 " + scenario).c_str(), book.title());
    const std::vector<std::pair<std::string, double>> columns = {
        {"Indicator", 46}, {"Year", 9}, {"Basis", 20}, {"Age band", 10}, {"Sex", 8},   {"Area", 11},
        {"Mean", 14},      {"P5", 14},  {"P50", 14},   {"P95", 14},      {"Unit", 24}, {"Indicator id", 36}};
    for (std::size_t c = 0; c < columns.size(); ++c) {
        worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), columns[c].first.c_str(), book.header());
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].second, nullptr);
    }
    worksheet_freeze_panes(sheet, 3, 1);
    lxw_row_t row = 3;
    for (const auto& r : rows) {
        const auto& s = r.series;
        if (s.theme != theme.theme) continue;
        auto* number = book.number(s.kind);
        for (std::size_t t = 0; t < s.times.size(); ++t) {
            const auto stats = summarise_at(s, t);
            worksheet_write_string(sheet, row, 0, s.label.c_str(), nullptr);
            worksheet_write_string(sheet, row, 1, s.time_label(t).c_str(), nullptr);
            worksheet_write_string(sheet, row, 2, time_basis(s.time_dimension).c_str(), nullptr);
            worksheet_write_string(sheet, row, 3, r.age_band.c_str(), nullptr);
            worksheet_write_string(sheet, row, 4, r.sex.c_str(), nullptr);
            worksheet_write_string(sheet, row, 5, r.area.c_str(), nullptr);
            lxw_col_t column = 6;
            for (const double v : {stats.mean, stats.p5, stats.p50, stats.p95}) {
                if (std::isfinite(v))
                    worksheet_write_number(sheet, row, column, v, number);
                else
                    worksheet_write_blank(sheet, row, column, number);  // undefined (e.g. no capacity)
                ++column;
            }
            worksheet_write_string(sheet, row, 10, s.unit.c_str(), nullptr);
            worksheet_write_string(sheet, row, 11, s.id.c_str(), nullptr);
            ++row;
        }
    }
    if (row == 3) {
        const std::string note = theme.theme == Theme::money || theme.theme == Theme::market
                                     ? "This run has no " + std::string(theme.title) +
                                           " outputs (the scenario has no money or market section, or the file "
                                           "predates them); see the run sheet."
                                     : "This run has no " + std::string(theme.title) + " outputs; see the run sheet.";
        worksheet_write_string(sheet, row, 0, note.c_str(), nullptr);
    } else {
        worksheet_autofilter(sheet, 2, 0, row - 1, static_cast<lxw_col_t>(columns.size() - 1));
    }
}

/// The published figures (observed_csv's rows), only for a run that carries them.
void write_observed_sheet(Workbook& book, const output::Dataset& dataset, const std::string& scenario) {
    auto* sheet = book.add_sheet("observed");
    worksheet_write_string(sheet, 0, 0, ("Published figures \xE2\x80\x94 " + scenario).c_str(), book.title());
    worksheet_write_string(sheet, 1, 0,
                           "As published (not simulated): ONS mid-year estimates at 30 June, DfE SEN2 EHC plans and "
                           "statements in January. Years not published are left out.",
                           nullptr);
    const std::vector<std::pair<std::string, double>> columns = {{"Area", 11},         {"Year", 8},       {"Basis", 10},
                                                                 {"Indicator id", 30}, {"Indicator", 46}, {"Value", 14},
                                                                 {"Unit", 24},         {"Source", 80}};
    for (std::size_t c = 0; c < columns.size(); ++c) {
        worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), columns[c].first.c_str(), book.header());
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].second, nullptr);
    }
    worksheet_freeze_panes(sheet, 3, 1);
    lxw_row_t row = 3;
    for (const auto& f : observed_figures(dataset, true))
        for (std::size_t y = 0; y < f.years.size(); ++y) {
            if (!std::isfinite(f.values[y])) continue;
            const bool ehc = f.indicator_id.rfind("ehc_plans", 0) == 0;
            worksheet_write_string(sheet, row, 0, f.area.c_str(), nullptr);
            worksheet_write_number(sheet, row, 1, f.years[y], nullptr);
            worksheet_write_string(sheet, row, 2, f.year_basis.c_str(), nullptr);
            worksheet_write_string(sheet, row, 3, f.indicator_id.c_str(), nullptr);
            worksheet_write_string(sheet, row, 4, f.label.c_str(), nullptr);
            worksheet_write_number(sheet, row, 5, f.values[y], book.number(NumberKind::count));
            worksheet_write_string(sheet, row, 6, ehc ? "children and young people" : "people", nullptr);
            worksheet_write_string(sheet, row, 7, f.source.c_str(), nullptr);
            ++row;
        }
    if (row > 3) worksheet_autofilter(sheet, 2, 0, row - 1, static_cast<lxw_col_t>(columns.size() - 1));
}

}  // namespace

void write_workbook(const output::Dataset& dataset, const std::filesystem::path& target, bool overwrite) {
    const auto rows = compute_breakdowns(dataset);
    const auto indicators = compute_indicators(dataset);
    const auto scenario = global_attribute(dataset, "scenario_name", "(unnamed scenario)");
    output::publish_atomically(target, overwrite, [&](const std::filesystem::path& temp) {
        Workbook book(temp);
        write_run_sheet(book, dataset, indicators.missing);
        for (const auto& theme : all_themes()) write_theme_sheet(book, theme, rows, scenario);
        if (has_observed_figures(dataset)) write_observed_sheet(book, dataset, scenario);
        book.close();
    });
}

}  // namespace carecast::report
