#include "demography/demographic_inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "carecast/scenario.pb.h"
#include "demography/area_parameters.hpp"
#include "io/csv_table.hpp"
#include "io/file_policy.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {
namespace {

/// The range of a data column, from its field of DataColumns in the schema.
const google::protobuf::FieldDescriptor& column_range(int number) {
    return schema_field(*DataColumns::descriptor(), number);
}

std::optional<int> parse_sex(const std::string& text) {
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "f" || t == "female") return static_cast<int>(Sex::female);
    if (t == "m" || t == "male") return static_cast<int>(Sex::male);
    return std::nullopt;
}

/// Ages as integers; HFD's open groups "12-" and "55+" are read as 12 and 55.
std::optional<int> parse_age(const CsvTable& table, const CsvRow& row, std::size_t index, int max_age,
                             Diagnostics& diagnostics) {
    std::string text = row.fields[index];
    if (!text.empty() && (text.back() == '+' || text.back() == '-')) text.pop_back();
    int age = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), age);
    if (ec != std::errc() || end != text.data() + text.size() || age < 0 || age > 150) {
        table.report(
            row, index,
            "'" + shown_text(row.fields[index]) + "' is not an age in whole years (0.." + std::to_string(max_age) + ")",
            diagnostics);
        return std::nullopt;
    }
    return age;
}

/// "0-4, 7, 90" style list of the ages missing from `present` (true where seen).
std::string missing_ages(const std::vector<bool>& present) {
    std::string out;
    for (std::size_t a = 0; a < present.size();) {
        if (present[a]) {
            ++a;
            continue;
        }
        std::size_t b = a;
        while (b + 1 < present.size() && !present[b + 1]) ++b;
        out += (out.empty() ? "" : ", ") + std::to_string(a) + (b > a ? "-" + std::to_string(b) : "");
        a = b + 1;
    }
    return out;
}

std::string format_count(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
}

void report_coverage(const CsvTable& table, const std::string& what, const std::vector<bool>& present,
                     Diagnostics& diagnostics) {
    if (std::all_of(present.begin(), present.end(), [](bool p) { return p; })) return;
    diagnostics.error(table.name(), table.header_line(), 1,
                      what + ": ages missing: " + missing_ages(present) + " (every single year 0.." +
                          std::to_string(present.size() - 1) + " is required)");
}

/// True if `row` is for the base year. With a `year` column only the base year's rows are read (so a
/// scenario cannot relabel one year's people as another's); the years present are collected.
bool in_base_year(const CsvTable& table, const CsvRow& row, std::optional<std::size_t> year_col, int base_year,
                  std::set<long long>& years, Diagnostics& diagnostics) {
    if (!year_col) return true;
    const auto year = table.integer(row, *year_col, diagnostics);
    if (!year) return false;
    years.insert(*year);
    return *year == base_year;
}

void read_base_population(const DemographyConfig& config, int base_year, DemographicInputs& out,
                          Diagnostics& diagnostics) {
    if (!is_regular_file_nothrow(config.base_population_csv)) return;  // reported against the scenario
    const auto table = CsvTable::read(config.base_population_csv, config.base_population_csv.string(), diagnostics);
    if (!table.require_columns({"age", "sex", "population"}, diagnostics)) return;
    const auto age_col = *table.column("age"), sex_col = *table.column("sex"), pop_col = *table.column("population");
    const auto area_col = table.column("area");
    const auto year_col = table.column("year");
    std::set<long long> years;
    const int n_ages = config.open_age + 1;
    std::map<std::string, std::size_t> area_index;
    std::vector<std::vector<bool>> seen;  // [area*2+sex][age]
    for (const auto& row : table.rows()) {
        if (!in_base_year(table, row, year_col, base_year, years, diagnostics)) continue;
        const std::string area = area_col ? row.fields[*area_col] : config.area_code;
        if (!area_index.count(area)) {
            area_index[area] = out.grid.areas.size();
            out.grid.areas.push_back(area);
            out.base_counts.resize(out.grid.areas.size() * sex_count * n_ages, 0);
            seen.resize(out.grid.areas.size() * sex_count, std::vector<bool>(n_ages, false));
        }
        const auto age = parse_age(table, row, age_col, config.open_age, diagnostics);
        const auto sex = parse_sex(row.fields[sex_col]);
        if (!sex)
            table.report(row, sex_col, "'" + shown_text(row.fields[sex_col]) + "' is not a sex (M or F)", diagnostics);
        const auto count = table.integer(row, pop_col, diagnostics);
        const auto& people = column_range(DataColumns::kPopulationFieldNumber);
        if (count && !within_schema_range(people, static_cast<double>(*count))) {
            table.report(
                row, pop_col,
                out_of_schema_range(people, static_cast<double>(*count), "people of one age and sex in one area"),
                diagnostics);
            continue;
        }
        if (age && *age > config.open_age)
            table.report(row, age_col, "age above open_age " + std::to_string(config.open_age), diagnostics);
        if (!age || !sex || !count || *count < 0 || *age > config.open_age) continue;
        const std::size_t slot = area_index[area] * sex_count + static_cast<std::size_t>(*sex);
        if (seen[slot][*age]) table.report(row, age_col, "duplicate row for this age and sex", diagnostics);
        seen[slot][*age] = true;
        out.base_counts[slot * n_ages + static_cast<std::size_t>(*age)] = *count;
    }
    for (std::size_t slot = 0; slot < seen.size(); ++slot)
        report_coverage(table, std::string(sex_names[slot % 2]) + " in area " + out.grid.areas[slot / 2], seen[slot],
                        diagnostics);
    if (year_col && !years.count(base_year)) {
        std::string list;
        for (auto y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
        diagnostics.error(table.name(), table.header_line(), 1,
                          "no population for the scenario's base_year " + std::to_string(base_year) +
                              (list.empty() ? std::string() : ": the file has " + list) +
                              " (set run.base_year to one of them, or use `carecast init --base-year`)");
        return;
    }
    if (out.grid.areas.empty()) diagnostics.error(table.name(), table.header_line(), 1, "no population rows");
}

/// Reads a by-year table; `columns[s]` is the value column for sex s (the same column for both if
/// the table is not by sex). Values must lie in [0, hi] (`range_text` says so in errors); ages above
/// max_age are ignored.
YearSexAgeTable read_year_table(const std::filesystem::path& path, const std::vector<std::string>& columns, int max_age,
                                int required_max_age, const google::protobuf::FieldDescriptor& range,
                                const std::string& what, Diagnostics& diagnostics) {
    YearSexAgeTable result;
    if (!is_regular_file_nothrow(path)) return result;  // reported against the scenario field
    const auto table = CsvTable::read(path, path.string(), diagnostics);
    std::vector<std::string> required{"year", "age"};
    for (const auto& c : columns)
        if (std::find(required.begin(), required.end(), c) == required.end()) required.push_back(c);
    if (!table.require_columns(required, diagnostics)) return result;
    const auto year_col = *table.column("year"), age_col = *table.column("age");
    std::map<int, std::vector<double>> by_year;  // year -> [sex][age]
    std::map<int, std::vector<bool>> seen;
    const int n_ages = max_age + 1;
    int previous_year = -1;
    for (const auto& row : table.rows()) {
        const auto year = table.integer(row, year_col, diagnostics);
        const auto age = parse_age(table, row, age_col, max_age, diagnostics);
        if (!year || !age) continue;
        if (*year < previous_year) table.report(row, year_col, "years are not in increasing order", diagnostics);
        previous_year = static_cast<int>(*year);
        auto& values = by_year[static_cast<int>(*year)];
        values.resize(sex_count * n_ages, 0.0);
        seen[static_cast<int>(*year)].resize(n_ages, false);
        for (int s = 0; s < sex_count; ++s) {
            const auto col = *table.column(columns[static_cast<std::size_t>(s)]);
            const auto value = table.number(row, col, diagnostics);
            if (!value) continue;
            if (!within_schema_range(range, *value)) {
                table.report(row, col, out_of_schema_range(range, *value, what), diagnostics);
                continue;
            }
            if (*age <= max_age) values[static_cast<std::size_t>(s * n_ages + *age)] = *value;
        }
        if (*age <= max_age) seen[static_cast<int>(*year)][*age] = true;
    }
    if (by_year.empty()) {
        diagnostics.error(table.name(), table.header_line(), 1, "no data rows");
        return result;
    }
    result.first_year = by_year.begin()->first;
    result.last_year = by_year.rbegin()->first;
    result.age_count = n_ages;
    for (int y = result.first_year; y <= result.last_year; ++y) {
        if (!by_year.count(y)) {
            diagnostics.error(table.name(), table.header_line(), 1,
                              "year " + std::to_string(y) + " is missing: years must be consecutive");
            continue;
        }
        auto present = seen[y];
        present.resize(static_cast<std::size_t>(required_max_age) + 1);
        report_coverage(table, "year " + std::to_string(y), present, diagnostics);
        result.values.insert(result.values.end(), by_year[y].begin(), by_year[y].end());
    }
    return result;
}

/// Net migration by age and sex, with an optional `area` column (then one block of rows per area of
/// the base population, stored [area][sex][age] in the base population's area order).
void read_net_migration(const DemographyConfig& config, DemographicInputs& out, Diagnostics& diagnostics) {
    const int n_ages = config.max_age + 1;
    const std::size_t block = sex_count * static_cast<std::size_t>(n_ages);
    out.net_migration.assign(block, 0.0);
    if (!is_regular_file_nothrow(config.net_migration_csv)) return;  // none, or reported already
    const auto table = CsvTable::read(config.net_migration_csv, config.net_migration_csv.string(), diagnostics);
    if (!table.require_columns({"age", "sex", "net_per_year"}, diagnostics)) return;
    const auto age_col = *table.column("age"), sex_col = *table.column("sex"), net_col = *table.column("net_per_year");
    const auto area_col = table.column("area");
    const auto& areas = out.grid.areas;
    if (!area_col && areas.size() > 1) {
        diagnostics.error(table.name(), table.header_line(), 1,
                          "has no `area` column but the base population has " + std::to_string(areas.size()) +
                              " areas: give every area's rows (columns area,age,sex,net_per_year)");
        return;
    }
    if (area_col && areas.empty()) return;  // the base population's problem is reported already
    out.net_migration_by_area = area_col.has_value();
    const std::size_t area_count = area_col ? areas.size() : 1;
    out.net_migration.assign(area_count * block, 0.0);
    std::vector<std::vector<bool>> seen(area_count * sex_count, std::vector<bool>(n_ages, false));
    std::set<std::string> unknown;  // reported once each, at their first row
    for (const auto& row : table.rows()) {
        std::size_t area = 0;
        if (area_col) {
            const auto found = std::find(areas.begin(), areas.end(), row.fields[*area_col]);
            if (found == areas.end()) {
                if (unknown.insert(row.fields[*area_col]).second)
                    table.report(row, *area_col,
                                 "area '" + row.fields[*area_col] + "' is not in the base population (" +
                                     config.base_population_csv.string() + "): every area must be one of its areas",
                                 diagnostics);
                continue;
            }
            area = static_cast<std::size_t>(found - areas.begin());
        }
        const auto age = parse_age(table, row, age_col, config.max_age, diagnostics);
        const auto sex = parse_sex(row.fields[sex_col]);
        if (!sex)
            table.report(row, sex_col, "'" + shown_text(row.fields[sex_col]) + "' is not a sex (M or F)", diagnostics);
        const auto net = table.number(row, net_col, diagnostics);
        const auto& migrants = column_range(DataColumns::kNetMigrationFieldNumber);
        if (net && !within_schema_range(migrants, *net)) {
            table.report(row, net_col, out_of_schema_range(migrants, *net, "net migrants a year of one age and sex"),
                         diagnostics);
            continue;
        }
        if (!age || !sex || !net || *age > config.max_age) continue;
        const std::size_t slot = area * sex_count + static_cast<std::size_t>(*sex);
        if (area_col && seen[slot][*age])
            table.report(row, age_col, "duplicate row for this area, age and sex", diagnostics);
        seen[slot][*age] = true;
        out.net_migration[slot * static_cast<std::size_t>(n_ages) + static_cast<std::size_t>(*age)] = *net;
    }
    for (std::size_t slot = 0; slot < seen.size(); ++slot)
        report_coverage(table, std::string(sex_names[slot % 2]) + (area_col ? " in area " + areas[slot / 2] : ""),
                        seen[slot], diagnostics);
}

/// Net emigration of an age and sex cannot exceed the people of that age and sex in the base year
/// (the model would otherwise cap it at everyone, silently).
void check_emigration_within_population(const DemographyConfig& config, const DemographicInputs& in,
                                        Diagnostics& diagnostics) {
    const int n_ages = config.open_age + 1;
    if (in.base_counts.empty() || in.grid.areas.empty() || in.net_migration.empty()) return;
    for (int s = 0; s < sex_count; ++s)
        for (int age = 0; age < config.open_age; ++age) {  // the open age group is split later
            long long people = 0;
            for (std::size_t area = 0; area < in.grid.areas.size(); ++area)
                people += in.base_counts[(area * sex_count + static_cast<std::size_t>(s)) * n_ages + age];
            const double leaving =
                -config.migration_scale * in.net_migration[static_cast<std::size_t>(s * (config.max_age + 1) + age)];
            if (leaving <= static_cast<double>(people) || leaving <= 0) continue;
            diagnostics.error(config.net_migration_csv.string(), 0, 0,
                              std::string(sex_names[s]) + " aged " + std::to_string(age) + ": net emigration of " +
                                  format_count(leaving) + " a year is more than the " + std::to_string(people) +
                                  " people of that age and sex in the base population");
            return;  // one is enough to show the table is wrong
        }
}

void check_years(const YearSexAgeTable& table, const std::filesystem::path& path, int base_year,
                 Diagnostics& diagnostics) {
    if (table.values.empty() || table.first_year <= base_year) return;
    diagnostics.error(path.string(), 0, 0,
                      "rates start in " + std::to_string(table.first_year) + " but the scenario's base_year is " +
                          std::to_string(base_year) + ": rates must cover the base year");
}

}  // namespace

DemographicInputs read_demographic_inputs(const ModelConfig& config, Diagnostics& diagnostics) {
    const auto& d = config.demography;
    DemographicInputs out;
    out.open_age = d.open_age;
    out.grid.max_age = d.max_age;
    read_base_population(d, config.run.base_year, out, diagnostics);
    out.death_rates = read_year_table(d.death_rates_csv, {"mx_female", "mx_male"}, d.max_age, d.max_age,
                                      column_range(DataColumns::kDeathRateFieldNumber),
                                      "a death rate (deaths per person-year)", diagnostics);
    check_years(out.death_rates, d.death_rates_csv, config.run.base_year, diagnostics);
    // Fertility has no sex split and covers only childbearing ages; ages absent are rate 0.
    out.fertility_rates =
        read_year_table(d.fertility_rates_csv, {"asfr", "asfr"}, d.max_age, -1,
                        column_range(DataColumns::kFertilityRateFieldNumber), "a fertility rate", diagnostics);
    check_years(out.fertility_rates, d.fertility_rates_csv, config.run.base_year, diagnostics);
    read_net_migration(d, out, diagnostics);
    read_area_parameters(d, out, diagnostics);
    // Only on tables that are otherwise right: with ages missing, the comparison would only repeat that.
    if (diagnostics.empty()) check_emigration_within_population(d, out, diagnostics);
    return out;
}

}  // namespace carecast
