#include "io/age_table.hpp"

#include <algorithm>
#include <charconv>

#include "io/csv_table.hpp"
#include "io/file_policy.hpp"

namespace carecast {
namespace {

std::optional<int> to_int(const std::string& text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// "65-69" -> {65, 69}; "90+" -> {90, max_age}; "7" -> {7, 7}.
std::optional<std::pair<int, int>> parse_band(const std::string& band, int max_age) {
    if (!band.empty() && band.back() == '+') {
        const auto lo = to_int(band.substr(0, band.size() - 1));
        if (lo) return std::pair{*lo, max_age};
        return std::nullopt;
    }
    const auto dash = band.find('-');
    if (dash == std::string::npos) {
        const auto a = to_int(band);
        if (a) return std::pair{*a, *a};
        return std::nullopt;
    }
    const auto lo = to_int(band.substr(0, dash)), hi = to_int(band.substr(dash + 1));
    if (lo && hi) return std::pair{*lo, *hi};
    return std::nullopt;
}

}  // namespace

AgeSexTable read_age_table(const std::filesystem::path& path, int max_age, const AgeTableSpec& spec,
                           Diagnostics& diagnostics) {
    AgeSexTable table;
    if (!is_regular_file_nothrow(path)) return table;  // reported against the scenario field
    const auto csv = CsvTable::read(path, path.string(), diagnostics);
    const bool banded = csv.column("age_band").has_value();
    std::vector<std::string> required = banded
                                            ? std::vector<std::string>{"age_band", "sex", spec.value_column}
                                            : std::vector<std::string>{"min_age", "max_age", "sex", spec.value_column};
    if (!spec.filter_column.empty()) required.push_back(spec.filter_column);
    if (!csv.require_columns(required, diagnostics)) return table;
    table.max_age = max_age;
    table.values.assign(sex_count * static_cast<std::size_t>(max_age + 1), 0.0);
    std::vector<bool> seen(table.values.size(), false);
    const auto value_col = *csv.column(spec.value_column), sex_col = *csv.column("sex");
    for (const auto& row : csv.rows()) {
        if (!spec.filter_column.empty() && row.fields[*csv.column(spec.filter_column)] != spec.filter_value) continue;
        std::optional<std::pair<int, int>> ages;
        std::size_t age_col = 0;
        if (banded) {
            age_col = *csv.column("age_band");
            ages = parse_band(row.fields[age_col], max_age);
        } else {
            age_col = *csv.column("min_age");
            const auto lo = to_int(row.fields[age_col]), hi = to_int(row.fields[*csv.column("max_age")]);
            if (lo && hi) ages = std::pair{*lo, *hi};
        }
        if (!ages || ages->first < 0 || ages->first > ages->second || ages->second > max_age) {
            csv.report(row, age_col, "not an age range within 0.." + std::to_string(max_age), diagnostics);
            continue;
        }
        const std::string& sex_text = row.fields[sex_col];
        if (sex_text != "M" && sex_text != "F" && sex_text != "*") {
            csv.report(row, sex_col, "'" + shown_text(sex_text) + "' is not M, F or *", diagnostics);
            continue;
        }
        const auto value = csv.number(row, value_col, diagnostics);
        if (!value) continue;
        if (*value < spec.lo || *value > spec.hi) {
            csv.report(row, value_col, "value " + row.fields[value_col] + " is out of range: " + spec.range_text,
                       diagnostics);
            continue;
        }
        int first_overlap = -1, last_overlap = -1;
        for (int sex = 0; sex < sex_count; ++sex) {
            if (sex_text != "*" && (sex_text == "M") != (sex == static_cast<int>(Sex::male))) continue;
            for (int age = ages->first; age <= ages->second; ++age) {
                const std::size_t i = static_cast<std::size_t>(sex * (max_age + 1) + age);
                if (seen[i]) {
                    if (first_overlap < 0) first_overlap = age;
                    last_overlap = std::max(last_overlap, age);
                }
                seen[i] = true;
                table.values[i] = *value;
            }
        }
        if (first_overlap >= 0)
            csv.report(row, age_col,
                       "ages " + std::to_string(first_overlap) + "-" + std::to_string(last_overlap) +
                           " are already given by an earlier row for the same sex",
                       diagnostics);
    }
    return table;
}

}  // namespace carecast
