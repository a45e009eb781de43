#include "observed/observed_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "io/csv_table.hpp"

namespace carecast {
namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();
constexpr int first_valid_year = 1900;
constexpr int last_valid_year = 2100;

/// A checked row: where it came from, its area index and year, the cell within the year, and its
/// value (NaN: published as blank).
struct ObservedRow {
    int line = 0;
    std::size_t area = 0;
    int year = 0;
    std::size_t cell = 0;
    double value = missing;
};

std::string list_areas(const std::vector<std::string>& areas) {
    std::string out;
    for (const auto& a : areas) out += (out.empty() ? "" : ", ") + a;
    return out;
}

/// The area index of field `column`; reports an area that is not one of the run's.
std::optional<std::size_t> area_of(const CsvTable& csv, const CsvRow& row, std::size_t column,
                                   const std::vector<std::string>& areas, Diagnostics& diagnostics) {
    const auto& code = row.fields[column];
    const auto found = std::find(areas.begin(), areas.end(), code);
    if (found != areas.end()) return static_cast<std::size_t>(found - areas.begin());
    csv.report(row, column,
               "area '" + code + "' is not an area of the run (the run's areas: " + list_areas(areas) +
                   "); observed figures must be for the areas simulated",
               diagnostics);
    return std::nullopt;
}

std::optional<int> year_of(const CsvTable& csv, const CsvRow& row, std::size_t column, Diagnostics& diagnostics) {
    const auto year = csv.integer(row, column, diagnostics);
    if (!year) return std::nullopt;
    if (*year < first_valid_year || *year > last_valid_year) {
        csv.report(row, column, "year " + std::to_string(*year) + " is out of range [1900, 2100]", diagnostics);
        return std::nullopt;
    }
    return static_cast<int>(*year);
}

/// A whole number >= 0, or NaN for a blank field when `blank_is_missing`.
std::optional<double> count_of(const CsvTable& csv, const CsvRow& row, std::size_t column, bool blank_is_missing,
                               Diagnostics& diagnostics) {
    if (blank_is_missing && row.fields[column].empty()) return missing;
    const auto value = csv.integer(row, column, diagnostics);
    if (!value) return std::nullopt;
    if (*value < 0) {
        csv.report(row, column, "value " + std::to_string(*value) + " is negative: a count must be >= 0", diagnostics);
        return std::nullopt;
    }
    return static_cast<double>(*value);
}

/// Fills `table` from checked rows: sorted years, values NaN where no row gave one, areas without rows.
void fill_table(ObservedTable& table, const std::vector<ObservedRow>& rows, const std::vector<std::string>& areas,
                std::size_t cells_per_year) {
    std::set<int> years;
    std::vector<bool> area_seen(areas.size(), false);
    for (const auto& r : rows) {
        years.insert(r.year);
        area_seen[r.area] = true;
    }
    table.years.assign(years.begin(), years.end());
    table.values.assign(areas.size() * table.years.size() * cells_per_year, missing);
    for (const auto& r : rows) {
        const auto y = static_cast<std::size_t>(std::lower_bound(table.years.begin(), table.years.end(), r.year) -
                                                table.years.begin());
        table.values[(r.area * table.years.size() + y) * cells_per_year + r.cell] = r.value;
    }
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (!area_seen[a]) table.areas_without_rows.push_back(areas[a]);
}

/// Reports a row that repeats an earlier one (same area, year and cell); returns false for it.
bool first_of_its_kind(std::map<std::tuple<std::size_t, int, std::size_t>, int>& seen, const CsvTable& csv,
                       const CsvRow& row, const ObservedRow& r, Diagnostics& diagnostics) {
    const auto [it, inserted] = seen.emplace(std::tuple{r.area, r.year, r.cell}, r.line);
    if (inserted) return true;
    diagnostics.error(csv.name(), row.line, 1,
                      "this row repeats line " + std::to_string(it->second) + " (same area, year and category)");
    return false;
}

std::optional<int> sex_of(const CsvTable& csv, const CsvRow& row, std::size_t column, Diagnostics& diagnostics) {
    const auto& text = row.fields[column];
    if (text == "F" || text == "female") return 0;  // sex_names order: female, male
    if (text == "M" || text == "male") return 1;
    csv.report(row, column, "sex '" + text + "' must be M, F, male or female", diagnostics);
    return std::nullopt;
}

ObservedTable read_population(const std::filesystem::path& path, const std::vector<std::string>& areas,
                              Diagnostics& diagnostics) {
    ObservedTable table;
    table.file = path.string();
    const auto csv = CsvTable::read(path, path.string(), diagnostics);
    table.header = csv.comments();
    if (!csv.require_columns({"area_code", "year", "sex", "age", "population"}, diagnostics)) return table;
    const auto area_c = *csv.column("area_code"), year_c = *csv.column("year"), sex_c = *csv.column("sex"),
               age_c = *csv.column("age"), value_c = *csv.column("population");
    constexpr std::size_t ages = observed_open_age + 1;
    std::vector<ObservedRow> rows;
    std::map<std::tuple<std::size_t, int, std::size_t>, int> seen;
    for (const auto& row : csv.rows()) {
        const auto area = area_of(csv, row, area_c, areas, diagnostics);
        const auto year = year_of(csv, row, year_c, diagnostics);
        const auto sex = sex_of(csv, row, sex_c, diagnostics);
        auto age = csv.integer(row, age_c, diagnostics);
        if (age && (*age < 0 || *age > observed_open_age)) {
            csv.report(row, age_c, "age " + std::to_string(*age) + " is out of range [0, 90] (90 means 90 and over)",
                       diagnostics);
            age.reset();
        }
        const auto value = count_of(csv, row, value_c, false, diagnostics);
        if (!area || !year || !sex || !age || !value) continue;
        const ObservedRow r{row.line, *area, *year,
                            static_cast<std::size_t>(*sex) * ages + static_cast<std::size_t>(*age), *value};
        if (first_of_its_kind(seen, csv, row, r, diagnostics)) rows.push_back(r);
    }
    fill_table(table, rows, areas, 2 * ages);
    return table;
}

ObservedTable read_ehc_plans(const std::filesystem::path& path, const std::vector<std::string>& areas,
                             Diagnostics& diagnostics) {
    ObservedTable table;
    table.file = path.string();
    const auto csv = CsvTable::read(path, path.string(), diagnostics);
    table.header = csv.comments();
    if (!csv.require_columns({"area_code", "year", "age_band", "ehc_plans"}, diagnostics)) return table;
    const auto area_c = *csv.column("area_code"), year_c = *csv.column("year"), band_c = *csv.column("age_band"),
               value_c = *csv.column("ehc_plans");
    std::vector<ObservedRow> rows;
    std::map<std::tuple<std::size_t, int, std::size_t>, int> seen;
    for (const auto& row : csv.rows()) {
        const auto area = area_of(csv, row, area_c, areas, diagnostics);
        const auto year = year_of(csv, row, year_c, diagnostics);
        const auto& band_text = row.fields[band_c];
        const auto band = std::find(ehc_age_bands.begin(), ehc_age_bands.end(), band_text);
        if (band == ehc_age_bands.end())
            csv.report(
                row, band_c,
                "age band '" + band_text + "' must be one of under_5, 5_to_10, 11_to_15, 16_to_19, 20_to_25, total",
                diagnostics);
        const auto value = count_of(csv, row, value_c, true, diagnostics);
        if (!area || !year || band == ehc_age_bands.end() || !value) continue;
        const ObservedRow r{row.line, *area, *year, static_cast<std::size_t>(band - ehc_age_bands.begin()), *value};
        if (first_of_its_kind(seen, csv, row, r, diagnostics)) rows.push_back(r);
    }
    fill_table(table, rows, areas, ehc_age_bands.size());
    return table;
}

}  // namespace

std::size_t ObservedInputs::population_index(std::size_t area, std::size_t year, int sex, int age) const {
    constexpr std::size_t ages = observed_open_age + 1;
    return ((area * population.years.size() + year) * 2 + static_cast<std::size_t>(sex)) * ages +
           static_cast<std::size_t>(age);
}

std::size_t ObservedInputs::ehc_index(std::size_t area, std::size_t year, std::size_t band) const {
    return (area * ehc_plans.years.size() + year) * ehc_age_bands.size() + band;
}

ObservedInputs read_observed_inputs(const ObservedConfig& config, const std::vector<std::string>& areas,
                                    Diagnostics& diagnostics) {
    ObservedInputs inputs;
    inputs.source = config.source;
    inputs.areas = areas;
    if (!config.population_csv.empty()) inputs.population = read_population(config.population_csv, areas, diagnostics);
    if (!config.ehc_plans_csv.empty()) inputs.ehc_plans = read_ehc_plans(config.ehc_plans_csv, areas, diagnostics);
    return inputs;
}

}  // namespace carecast
