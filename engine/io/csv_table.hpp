#pragma once
// Small CSV tables with their provenance: `#` lines (the source header every data file carries) are
// kept, the first other line is the header, and every row remembers its line so errors can point at it.
// Fields are plain (no quoting): carecast's data files never need it.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"

namespace carecast {

struct CsvRow {
    int line = 0;                     // 1-based line in the file
    std::vector<std::string> fields;  // trimmed
};

class CsvTable {
public:
    /// Reads `path`; a missing or unreadable file, or a row with the wrong number of fields, is
    /// reported to `diagnostics` (as `display_name:line:col`) and yields an empty table.
    static CsvTable read(const std::filesystem::path& path, const std::string& display_name, Diagnostics& diagnostics);
    /// Parses CSV text already in memory (e.g. a decompressed `.csv.gz`), as `read` does a file.
    static CsvTable parse(std::string_view text, const std::string& display_name, Diagnostics& diagnostics);

    const std::string& name() const { return name_; }
    const std::vector<std::string>& header() const { return header_; }
    const std::vector<CsvRow>& rows() const { return rows_; }
    const std::vector<std::string>& comments() const { return comments_; }
    int header_line() const { return header_line_; }
    bool ok() const { return ok_; }

    /// Index of `column`, or nullopt.
    std::optional<std::size_t> column(const std::string& column) const;
    /// Checks that every column in `required` is present; reports the header line otherwise.
    bool require_columns(const std::vector<std::string>& required, Diagnostics& diagnostics) const;
    /// 1-based column of field `index` in `row` (for diagnostics).
    int field_column(const CsvRow& row, std::size_t index) const;

    /// Parses a field as a finite number; reports and returns nullopt if it is not one.
    std::optional<double> number(const CsvRow& row, std::size_t index, Diagnostics& diagnostics) const;
    /// Parses a field as an integer; reports and returns nullopt if it is not one.
    std::optional<long long> integer(const CsvRow& row, std::size_t index, Diagnostics& diagnostics) const;
    /// Reports a problem with field `index` of `row`.
    void report(const CsvRow& row, std::size_t index, const std::string& message, Diagnostics& diagnostics) const;

private:
    std::string name_;
    std::vector<std::string> comments_;
    std::vector<std::string> header_;
    std::vector<std::string> raw_lines_;  // indexed by line - 1, for column positions
    std::vector<CsvRow> rows_;
    int header_line_ = 0;
    bool ok_ = false;
};

}  // namespace carecast
