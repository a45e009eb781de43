#include "derive/area_pack.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "io/csv_table.hpp"

namespace carecast::derive {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

/// Reads a pack table and checks its columns; throws InputError naming the file otherwise.
CsvTable read_pack_table(const std::filesystem::path& dir, const std::string& file,
                         const std::vector<std::string>& columns) {
    Diagnostics diagnostics;
    const std::string display = (dir / file).string();
    auto table = CsvTable::read(dir / file, display, diagnostics);
    if (diagnostics.empty()) table.require_columns(columns, diagnostics);
    if (diagnostics.empty() && table.rows().empty())
        diagnostics.error(display, table.header_line(), 1, "has no rows (is the pack file truncated?)");
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return table;
}

/// A whole number in a pack cell; throws naming file, line and column otherwise.
std::int64_t whole(const CsvTable& table, const CsvRow& row, std::size_t index) {
    Diagnostics diagnostics;
    const auto value = table.integer(row, index, diagnostics);
    if (!value) throw InputError(diagnostics);
    return *value;
}

std::size_t levenshtein(const std::string& a, const std::string& b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
        std::swap(previous, current);
    }
    return previous[b.size()];
}

}  // namespace

std::filesystem::path default_pack_dir() {
    if (const char* data = std::getenv("CARECAST_DATA_DIR"); data && *data)
        return std::filesystem::path(data) / "england";
    return std::filesystem::path(CARECAST_SOURCE_DIR) / "scenarios" / "data" / "england";
}

AreaPack AreaPack::open(const std::filesystem::path& dir) {
    AreaPack pack;
    pack.dir_ = dir;
    if (!std::filesystem::is_directory(dir)) {
        Diagnostics diagnostics;
        diagnostics.error(dir.string(), 0, 0,
                          "the national data pack is not here (set CARECAST_DATA_DIR to the folder holding "
                          "england/, or pass --data)");
        throw InputError(diagnostics);
    }
    const auto table = read_pack_table(
        dir, areas_file,
        {"area_code", "area_name", "geography", "utla_code", "region_code", "region_name", "ons_type_2021"});
    const auto col = [&](const char* name) { return *table.column(name); };
    for (const auto& row : table.rows()) {
        PackArea a{row.fields[col("area_code")],    row.fields[col("area_name")],   row.fields[col("geography")],
                   row.fields[col("utla_code")],    row.fields[col("region_code")], row.fields[col("region_name")],
                   row.fields[col("ons_type_2021")]};
        if (a.geography != "utla" && a.geography != "lad") {
            Diagnostics diagnostics;
            table.report(row, col("geography"), "'" + a.geography + "' is not 'utla' or 'lad'", diagnostics);
            throw InputError(diagnostics);
        }
        // A unitary authority is listed twice, as a district and as a council: keep the council.
        const auto same =
            std::find_if(pack.areas_.begin(), pack.areas_.end(), [&](const PackArea& b) { return b.code == a.code; });
        if (same == pack.areas_.end())
            pack.areas_.push_back(std::move(a));
        else if (a.council())
            *same = std::move(a);
    }
    pack.sources_[areas_file] = table.comments();
    return pack;
}

const PackArea* AreaPack::find(const std::string& code) const {
    for (const auto& a : areas_)
        if (a.code == code) return &a;
    return nullptr;
}

std::vector<const PackArea*> AreaPack::match(const std::string& query, bool councils_only) const {
    const std::string q = lower(query);
    std::vector<const PackArea*> exact, partial;
    for (const auto& a : areas_) {
        if (councils_only && !a.council()) continue;
        if (lower(a.code) == q || lower(a.name) == q)
            exact.push_back(&a);
        else if (lower(a.name).find(q) != std::string::npos)
            partial.push_back(&a);
    }
    // A district and its council may share a name (e.g. a unitary authority): prefer the council.
    if (exact.size() > 1) {
        std::vector<const PackArea*> councils;
        for (const auto* a : exact)
            if (a->council()) councils.push_back(a);
        if (councils.size() == 1) return councils;
    }
    return exact.empty() ? partial : exact;
}

std::vector<const PackArea*> AreaPack::suggestions(const std::string& query, std::size_t n) const {
    std::vector<std::pair<std::size_t, const PackArea*>> scored;
    const std::string q = lower(query);
    for (const auto& a : areas_)
        scored.emplace_back(std::min(levenshtein(q, lower(a.name)), levenshtein(q, lower(a.code))), &a);
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<const PackArea*> out;
    for (const auto& [distance, area] : scored) {
        if (out.size() == n) break;
        if (std::find(out.begin(), out.end(), area) == out.end()) out.push_back(area);
    }
    return out;
}

std::vector<const PackArea*> AreaPack::districts(const std::string& utla_code) const {
    std::vector<const PackArea*> out;
    for (const auto& a : areas_)
        if (!a.council() && a.utla_code == utla_code && a.code != utla_code) out.push_back(&a);
    return out;
}

void AreaPack::load_populations(bool districts) const {
    std::vector<std::string> files;
    if (districts)
        files.assign(std::begin(lad_population_files), std::end(lad_population_files));
    else
        files.push_back(utla_population_file);
    for (const auto& file : files) {
        const auto table = read_pack_table(dir_, file, {"area_code", "year", "sex", "age", "population"});
        const std::size_t code = *table.column("area_code"), year = *table.column("year"), sex = *table.column("sex"),
                          age = *table.column("age"), count = *table.column("population");
        for (const auto& row : table.rows()) {
            const std::string& s = row.fields[sex];
            const int sex_index = s == "female" || s == "F" ? 0 : s == "male" || s == "M" ? 1 : -1;
            const auto a = whole(table, row, age);
            if (sex_index < 0 || a < 0 || a > pack_open_age) {
                Diagnostics diagnostics;
                table.report(row, sex_index < 0 ? sex : age,
                             sex_index < 0 ? "'" + s + "' is not a sex (female, male)" : "age outside 0..90",
                             diagnostics);
                throw InputError(diagnostics);
            }
            auto [it, inserted] =
                population_.try_emplace({row.fields[code], static_cast<int>(whole(table, row, year))});
            if (inserted) it->second.fill(-1);
            it->second[static_cast<std::size_t>(sex_index * pack_age_count + a)] = whole(table, row, count);
        }
        // Every (area, year) present must have all 182 cells: a truncated file fails here, by name.
        for (const auto& [key, counts] : population_)
            for (std::size_t i = 0; i < counts.size(); ++i)
                if (counts[i] < 0) {
                    Diagnostics diagnostics;
                    diagnostics.error((dir_ / file).string(), 0, 0,
                                      "area " + key.first + ", mid-" + std::to_string(key.second) + ": no row for " +
                                          (i < pack_age_count ? "females" : "males") + " aged " +
                                          std::to_string(i % pack_age_count) +
                                          " (is the pack file truncated or edited?)");
                    throw InputError(diagnostics);
                }
        sources_[file] = table.comments();
    }
    (districts ? lad_loaded_ : utla_loaded_) = true;
}

const SexAgeCounts* AreaPack::population(const std::string& code, int year) const {
    const PackArea* area = find(code);
    const bool district = area && !area->council();
    if (district ? !lad_loaded_ : !utla_loaded_) load_populations(district);
    const auto it = population_.find({code, year});
    return it == population_.end() ? nullptr : &it->second;
}

std::vector<int> AreaPack::population_years(const std::string& code) const {
    population(code, 0);  // loads the right file
    std::vector<int> years;
    for (const auto& [key, counts] : population_)
        if (key.first == code) years.push_back(key.second);
    return years;
}

std::vector<int> AreaPack::all_population_years() const {
    if (!utla_loaded_) load_populations(false);
    std::vector<int> years;
    for (const auto& [key, counts] : population_)
        if (std::find(years.begin(), years.end(), key.second) == years.end()) years.push_back(key.second);
    std::sort(years.begin(), years.end());
    return years;
}

void AreaPack::load_components() const {
    const auto table =
        read_pack_table(dir_, components_file,
                        {"area_code", "year_to_mid", "births", "deaths", "internal_in", "internal_out",
                         "international_in", "international_out", "other", "population_start", "population_end"});
    const auto col = [&](const char* name) { return *table.column(name); };
    for (const auto& row : table.rows()) {
        ComponentsOfChange c;
        c.year_to_mid = static_cast<int>(whole(table, row, col("year_to_mid")));
        c.births = whole(table, row, col("births"));
        c.deaths = whole(table, row, col("deaths"));
        c.internal_in = whole(table, row, col("internal_in"));
        c.internal_out = whole(table, row, col("internal_out"));
        c.international_in = whole(table, row, col("international_in"));
        c.international_out = whole(table, row, col("international_out"));
        c.other = whole(table, row, col("other"));
        c.population_start = whole(table, row, col("population_start"));
        c.population_end = whole(table, row, col("population_end"));
        components_[{row.fields[col("area_code")], c.year_to_mid}] = c;
    }
    sources_[components_file] = table.comments();
    components_loaded_ = true;
}

const ComponentsOfChange* AreaPack::components(const std::string& code, int year_to_mid) const {
    if (!components_loaded_) load_components();
    const auto it = components_.find({code, year_to_mid});
    return it == components_.end() ? nullptr : &it->second;
}

void AreaPack::load_sen2() const {
    const auto table =
        read_pack_table(dir_, sen2_file, {"la_code", "level", "year", "age_band", "ehc_plans_and_statements"});
    const auto col = [&](const char* name) { return *table.column(name); };
    for (const auto& row : table.rows()) {
        const std::string& value = row.fields[col("ehc_plans_and_statements")];
        if (value.empty()) continue;  // not published (the symbol is in `flags`)
        const std::string& band = row.fields[col("age_band")];
        int index = -2;
        if (band == "total") index = -1;
        for (std::size_t b = 0; b < sen2_bands.size(); ++b)
            if (band == sen2_bands[b]) index = static_cast<int>(b);
        if (index == -2) continue;  // a band carecast does not use
        const std::string code = row.fields[col("level")] == "england" ? "E92000001" : row.fields[col("la_code")];
        sen2_[{code, static_cast<int>(whole(table, row, col("year"))), index}] =
            whole(table, row, col("ehc_plans_and_statements"));
    }
    sources_[sen2_file] = table.comments();
    sen2_loaded_ = true;
}

std::optional<std::int64_t> AreaPack::ehc_plans(const std::string& la_code, int year, int band) const {
    if (!sen2_loaded_) load_sen2();
    const auto it = sen2_.find({la_code, year, band});
    if (it == sen2_.end()) return std::nullopt;
    return it->second;
}

void AreaPack::load_ascof() const {
    const auto table = read_pack_table(dir_, ascof_file, {"la_code", "measure_code", "value"});
    const auto col = [&](const char* name) { return *table.column(name); };
    for (const auto& row : table.rows()) {
        const std::string& value = row.fields[col("value")];
        if (value.empty()) continue;  // suppressed
        Diagnostics diagnostics;
        const auto v = table.number(row, col("value"), diagnostics);
        if (!v) throw InputError(diagnostics);
        ascof_[{row.fields[col("la_code")], row.fields[col("measure_code")]}] = *v;
    }
    sources_[ascof_file] = table.comments();
    ascof_loaded_ = true;
}

std::optional<double> AreaPack::ascof(const std::string& la_code, const std::string& measure) const {
    if (!ascof_loaded_) load_ascof();
    const auto it = ascof_.find({la_code, measure});
    if (it == ascof_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> AreaPack::source_lines(const std::string& file) const {
    const auto it = sources_.find(file);
    return it == sources_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace carecast::derive
