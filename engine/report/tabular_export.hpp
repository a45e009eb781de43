#pragma once
// Tidy tables for spreadsheets: one CSV file per theme (UTF-8 with a byte-order mark so Excel reads it
// as UTF-8; RFC 4180 quoting and CRLF line ends) and an Excel workbook with one sheet per theme, frozen
// header rows, number formats and a sheet describing the run.
//
// Columns: indicator_id, indicator, year, year_basis, age_band, sex, area, mean, p5, p50, p95, unit.
// `year` is "2019" for a mid-year stock or the year to mid-year 2019, "2019/20" for a financial year;
// mean and percentiles are across replicates (type 7, as the file's _summary variables).
#include <filesystem>
#include <string>
#include <vector>

#include "output/dataset.hpp"
#include "report/indicators.hpp"

namespace carecast::report {

/// The column names of every theme table.
const std::vector<std::string>& tidy_columns();

/// The CSV text of one theme (header line first, then one line per breakdown and time).
std::string theme_csv(const std::vector<BreakdownSeries>& rows, Theme theme);

/// The CSV text describing the run: "field,value" lines, then the indicators this run lacks.
std::string run_csv(const output::Dataset& dataset, const std::vector<std::string>& missing);

/// The file names `write_csv_set` writes: run.csv and <theme>.csv for each theme.
std::vector<std::string> csv_file_names();

/// Writes every CSV file into `directory` (created if absent), each atomically, and observed.csv (the
/// published figures, report/observed_figures.hpp) when the run carries them. Refuses, before writing
/// anything, if any of them exists and !`overwrite`. Throws std::runtime_error naming the file.
std::vector<std::filesystem::path> write_csv_set(const output::Dataset& dataset, const std::filesystem::path& directory,
                                                 bool overwrite);

/// Writes the workbook `target` atomically (see publish_atomically), with an `observed` sheet when the
/// run carries published figures; throws std::runtime_error.
void write_workbook(const output::Dataset& dataset, const std::filesystem::path& target, bool overwrite);

}  // namespace carecast::report
