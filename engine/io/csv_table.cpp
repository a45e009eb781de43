#include "io/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "io/file_policy.hpp"
#include "io/text_file.hpp"

namespace carecast {
namespace {

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

/// Splits at commas; a field in double quotes may hold commas, and "" inside it is one quote (as
/// the national data pack writes "Kingston upon Hull, City of").
std::vector<std::string> split_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"' && trim(field).empty()) {
            field.clear();
            quoted = true;
        } else if (c == ',') {
            fields.push_back(trim(field));
            field.clear();
        } else {
            field += c;
        }
    }
    fields.push_back(trim(field));
    return fields;
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& path, const std::string& display_name, Diagnostics& diagnostics) {
    const auto text = read_text_file(path, display_name, diagnostics);
    if (!text) {
        CsvTable table;
        table.name_ = display_name;
        return table;
    }
    return parse(*text, display_name, diagnostics);
}

CsvTable CsvTable::parse(std::string_view text, const std::string& display_name, Diagnostics& diagnostics) {
    CsvTable table;
    table.name_ = display_name;
    int line_number = 0;
    bool good = true;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string line(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++line_number;
        // A UTF-8 byte-order mark (Excel writes one, and so does `carecast export`) is not data.
        if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        table.raw_lines_.push_back(line);
        const std::string trimmed = trim(line);
        if (trimmed.empty()) continue;
        if (trimmed.front() == '#') {
            table.comments_.push_back(trimmed);
            continue;
        }
        auto fields = split_fields(trimmed);
        if (table.header_.empty()) {
            table.header_ = std::move(fields);
            table.header_line_ = line_number;
            continue;
        }
        if (fields.size() != table.header_.size()) {
            diagnostics.error(display_name, line_number, 1,
                              "row has " + std::to_string(fields.size()) + " fields but the header has " +
                                  std::to_string(table.header_.size()));
            good = false;
            continue;
        }
        table.rows_.push_back({line_number, std::move(fields)});
    }
    if (table.header_.empty()) {
        diagnostics.error(display_name, 0, 0, "file has no header line");
        good = false;
    }
    table.ok_ = good;
    return table;
}

std::optional<std::size_t> CsvTable::column(const std::string& column) const {
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == column) return i;
    return std::nullopt;
}

bool CsvTable::require_columns(const std::vector<std::string>& required, Diagnostics& diagnostics) const {
    if (header_.empty()) return false;
    bool all = true;
    for (const auto& c : required) {
        if (column(c)) continue;
        // The columns found, each cut short: the file may not be the table the user meant.
        std::string found;
        for (std::size_t i = 0; i < header_.size() && i < 12; ++i)
            found += (found.empty() ? "" : ",") + shown_text(header_[i]);
        if (header_.size() > 12) found += ",... (" + std::to_string(header_.size()) + " columns)";
        diagnostics.error(name_, header_line_, 1, "missing column '" + c + "' (header is '" + found + "')");
        all = false;
    }
    return all;
}

int CsvTable::field_column(const CsvRow& row, std::size_t index) const {
    const std::string& raw = raw_lines_.at(static_cast<std::size_t>(row.line - 1));
    std::size_t position = 0;
    for (std::size_t i = 0; i < index; ++i) {
        const auto comma = raw.find(',', position);
        if (comma == std::string::npos) break;
        position = comma + 1;
    }
    return static_cast<int>(position) + 1;
}

void CsvTable::report(const CsvRow& row, std::size_t index, const std::string& message,
                      Diagnostics& diagnostics) const {
    diagnostics.error(name_, row.line, field_column(row, index), "column '" + header_.at(index) + "': " + message);
}

std::optional<double> CsvTable::number(const CsvRow& row, std::size_t index, Diagnostics& diagnostics) const {
    const std::string& text = row.fields.at(index);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        report(row, index, "'" + shown_text(text) + "' is not a number", diagnostics);
        return std::nullopt;
    }
    return value;
}

std::optional<long long> CsvTable::integer(const CsvRow& row, std::size_t index, Diagnostics& diagnostics) const {
    const std::string& text = row.fields.at(index);
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        report(row, index, "'" + shown_text(text) + "' is not a whole number", diagnostics);
        return std::nullopt;
    }
    return value;
}

}  // namespace carecast
