#include "derive/area_derivation.hpp"
#include "io/file_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/text.hpp"
#include "demography/calibration.hpp"
#include "demography/expected_projection.hpp"
#include "demography/flow.hpp"
#include "io/csv_table.hpp"
#include "scenario/plausibility.hpp"

namespace carecast::derive {
namespace {

constexpr const char* england_code = "E92000001";
constexpr const char* durham_code = "E06000047";  // the council whose cohort tables are calibrated
constexpr int covid_year = 2020;                  // year to mid-2020: left out of the mortality fit

[[noreturn]] void fail(const std::string& file, const std::string& message) {
    Diagnostics diagnostics;
    diagnostics.error(file, 0, 0, message);
    throw InputError(diagnostics);
}

/// National death and fertility rates, read once; the area's population is put in per use.
struct NationalRates {
    ModelConfig config;
    DemographicInputs inputs;
};

NationalRates read_national(const DerivationOptions& options) {
    NationalRates n;
    auto& d = n.config.demography;
    d.death_rates_csv = options.national_dir / "ew_hmd_mx_2011-2016.csv";
    d.fertility_rates_csv = options.national_dir / "ew_hfd_asfr_2011-2016.csv";
    d.open_age = pack_open_age;
    d.max_age = options.max_age;
    d.mortality_improvement = options.mortality_improvement;
    n.config.run.base_year = 2011;
    n.config.run.horizon_year = 2012;
    Diagnostics diagnostics;
    for (const auto& path : {d.death_rates_csv, d.fertility_rates_csv})
        if (!is_regular_file_nothrow(path)) diagnostics.error(path.string(), 0, 0, "national rates file is missing");
    if (!diagnostics.empty()) throw InputError(diagnostics);
    n.inputs = read_demographic_inputs(n.config, diagnostics);
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return n;
}

/// The national inputs with `counts` as the population of one area at mid-`year`.
std::pair<ModelConfig, DemographicInputs> with_population(const NationalRates& national, const std::string& code,
                                                          const SexAgeCounts& counts, int year, double mortality,
                                                          double fertility) {
    ModelConfig config = national.config;
    config.run.base_year = year;
    config.run.horizon_year = year + 1;
    config.demography.area_code = code;
    config.demography.mortality_factor_female = config.demography.mortality_factor_male = mortality;
    config.demography.fertility_factor = fertility;
    DemographicInputs inputs = national.inputs;
    inputs.grid.areas = {code};
    inputs.base_counts.assign(counts.begin(), counts.end());
    inputs.net_migration.assign(sex_count * static_cast<std::size_t>(config.demography.max_age + 1), 0.0);
    return {config, inputs};
}

/// Expected deaths and births in the year from mid-`year` for `counts` with the model's probabilities.
std::pair<double, double> expected_deaths_births(const NationalRates& national, const std::string& code,
                                                 const SexAgeCounts& counts, int year, double mortality,
                                                 double fertility) {
    const auto [config, inputs] = with_population(national, code, counts, year, mortality, fertility);
    const auto rates = build_demographic_rates(inputs, config);
    const std::vector<double> population(rates.base_counts.begin(), rates.base_counts.end());
    const auto step = expected_step(rates, 0, population);
    const auto total = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    return {total(step.flows[static_cast<int>(Flow::deaths)]), total(step.flows[static_cast<int>(Flow::births)])};
}

const SexAgeCounts& require_population(const AreaPack& pack, const PackArea& area, int year) {
    const auto* counts = pack.population(area.code, year);
    if (!counts) {
        std::string years;
        for (int y : pack.population_years(area.code)) years += (years.empty() ? "" : ", ") + std::to_string(y);
        fail((pack.dir() / (area.council() ? AreaPack::utla_population_file : AreaPack::lad_population_files[0]))
                 .string(),
             area.code + " (" + area.name + "): no mid-year estimate for " + std::to_string(year) +
                 (years.empty() ? " (the area has no estimates at all: a boundary change?)"
                                : "; the pack has " + years));
    }
    return *counts;
}

/// Mortality and fertility factors: one level for both sexes (the pack has deaths by area, not by
/// sex), found so that the model's expected deaths over the fit years equal those registered.
void derive_levels(const AreaPack& pack, const PackArea& area, const NationalRates& national, DerivedArea& out) {
    const std::string file = (pack.dir() / AreaPack::components_file).string();
    for (int y = out.base_year - 4; y <= out.base_year; ++y) {
        const auto* c = pack.components(area.code, y);
        if (!c || !pack.population(area.code, y - 1)) continue;
        // The year to mid-2020 holds the first wave of COVID-19 (about 50,000 excess deaths in England
        // by June 2020): a level fitted on it would carry a pandemic into every later year.
        if (y == covid_year) continue;
        out.component_years.push_back(y);
    }
    if (out.component_years.empty()) {
        out.sources.push_back({"demography.mortality.local_factor_male", false,
                               "national: England & Wales rates (no deaths for " + area.code + " up to mid-" +
                                   std::to_string(out.base_year) + " in the pack)"});
        out.sources.push_back({"demography.fertility.local_factor", false, "national: England & Wales rates"});
        return;
    }
    // Births do not depend on the mortality factor, so fertility is fitted first; deaths include those
    // of the year's newborns, so the mortality fit uses the fitted fertility.
    double fertility = 1.0;
    auto expected_total = [&](double factor) {
        double deaths = 0, births = 0;
        for (int y : out.component_years) {
            const auto [d, b] = expected_deaths_births(national, area.code, *pack.population(area.code, y - 1), y - 1,
                                                       factor, fertility);
            deaths += d;
            births += b;
        }
        return std::pair{deaths, births};
    };
    for (int y : out.component_years) {
        const auto* c = pack.components(area.code, y);
        out.observed_deaths += c->deaths;
        out.observed_births += c->births;
    }
    const double births1 = expected_total(1.0).second;
    out.fertility_factor = fertility = out.observed_births / births1;
    const double deaths1 = expected_total(1.0).first;
    out.expected_deaths_national = deaths1;
    out.expected_births_national = births1;
    // Bisection: expected deaths rise with the factor (probabilities 1 - exp(-f m)).
    double lo = 0.2, hi = 5.0;
    const double target = static_cast<double>(out.observed_deaths);
    if (expected_total(lo).first > target || expected_total(hi).first < target)
        fail(file, area.code + ": registered deaths " + std::to_string(out.observed_deaths) +
                       " cannot be matched by a mortality factor in 0.2..5 (check the pack)");
    for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (lo + hi);
        (expected_total(mid).first < target ? lo : hi) = mid;
    }
    out.mortality_factor = 0.5 * (lo + hi);
    const std::string years = "years to mid-" + std::to_string(out.component_years.front()) + "…" +
                              std::to_string(out.component_years.back());
    out.sources.push_back({"demography.mortality.local_factor_male", true,
                           "local: " + std::to_string(out.observed_deaths) + " registered deaths, " + years +
                               " (ONS MYE3), against " + fixed(deaths1, 0) + " expected at England & Wales rates"});
    out.sources.push_back({"demography.fertility.local_factor", true,
                           "local: " + std::to_string(out.observed_births) + " live births, " + years +
                               " (ONS MYE3), against " + fixed(births1, 0) + " expected at England & Wales rates"});
}

/// 1-2-1 smoothing over ages 1..max-1 within each sex, keeping each sex's total exactly.
void smooth_migration(std::vector<double>& net, int max_age) {
    const auto n = static_cast<std::size_t>(max_age + 1);
    for (int sex = 0; sex < sex_count; ++sex) {
        double* v = net.data() + static_cast<std::size_t>(sex) * n;
        std::vector<double> s(v, v + n);
        for (std::size_t a = 1; a + 1 < n; ++a) s[a] = 0.25 * v[a - 1] + 0.5 * v[a] + 0.25 * v[a + 1];
        const double before = std::accumulate(v, v + n, 0.0), after = std::accumulate(s.begin(), s.end(), 0.0);
        const double correction = (before - after) / static_cast<double>(n - 2);
        for (std::size_t a = 1; a + 1 < n; ++a) v[a] = s[a] + correction;
    }
}

void derive_migration(const AreaPack& pack, const PackArea& area, const NationalRates& national,
                      const DerivationOptions& options, DerivedArea& out) {
    for (int y : pack.population_years(area.code))
        if (y >= out.base_year - options.fit_years && y <= out.base_year) out.migration_years.push_back(y);
    if (out.migration_years.size() < 2) {
        out.net_migration.assign(sex_count * static_cast<std::size_t>(options.max_age + 1), 0.0);
        out.sources.push_back({"demography.migration.net_migration_csv", false,
                               "none: fewer than two estimates up to mid-" + std::to_string(out.base_year)});
        return;
    }
    const int start = out.migration_years.front();
    auto [config, inputs] = with_population(national, area.code, require_population(pack, area, start), start,
                                            out.mortality_factor, out.fertility_factor);
    std::vector<ObservedPopulation> later;
    for (std::size_t k = 1; k < out.migration_years.size(); ++k) {
        const auto& counts = require_population(pack, area, out.migration_years[k]);
        later.push_back({out.migration_years[k], std::vector<std::int64_t>(counts.begin(), counts.end())});
    }
    config.run.horizon_year = out.base_year;
    out.net_migration = estimate_net_migration(inputs, config, later, 30);
    smooth_migration(out.net_migration, options.max_age);
    double components = 0;
    int known = 0;
    for (int y = start + 1; y <= out.base_year; ++y)
        if (const auto* c = pack.components(area.code, y)) {
            components += static_cast<double>(c->net_migration());
            ++known;
        }
    const double residual = std::accumulate(out.net_migration.begin(), out.net_migration.end(), 0.0);
    if (known > 0) {
        // The level comes from ONS's own flows (MYE3): the residual of the single-year estimates also
        // carries their revisions (mid-2012..2016 were revised in 2018, the 2017..2020 estimates follow
        // the revised mid-2016). The difference goes to each age and sex in proportion to its residual
        // net flow, so the age pattern of the estimates is kept.
        out.components_net_known = true;
        out.components_net_migration_per_year = components / known;
        double gross = 0;
        for (double v : out.net_migration) gross += std::abs(v);
        if (gross > 0)
            for (double& v : out.net_migration)
                v += (out.components_net_migration_per_year - residual) * std::abs(v) / gross;
    }
    const double total = std::accumulate(out.net_migration.begin(), out.net_migration.end(), 0.0);
    std::string years;
    for (int y : out.migration_years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    out.sources.push_back(
        {"demography.migration.net_migration_csv", true,
         "local: residual of the ONS mid-year estimates " + years +
             " after the model's births and "
             "deaths, smoothed 1-2-1 over age" +
             (known ? ", level set to the ONS components of change of the same years (" + std::to_string(known) +
                          " year" + (known > 1 ? "s" : "") + "; residual " + fixed(residual, 0) + ")"
                    : "") +
             ": " + fixed(total, 0) + " a year"});
}

/// Reads an age table's rows (min_age,max_age,sex,value) as given, for rescaling.
struct AgeRow {
    int min_age, max_age;
    std::string sex;
    double value;
};

std::vector<AgeRow> read_age_rows(const std::filesystem::path& path) {
    Diagnostics diagnostics;
    const auto table = CsvTable::read(path, path.string(), diagnostics);
    if (diagnostics.empty()) table.require_columns({"min_age", "max_age", "sex", "value"}, diagnostics);
    std::vector<AgeRow> rows;
    for (const auto& row : table.rows()) {
        const auto lo = table.integer(row, *table.column("min_age"), diagnostics);
        const auto hi = table.integer(row, *table.column("max_age"), diagnostics);
        const auto v = table.number(row, *table.column("value"), diagnostics);
        if (lo && hi && v)
            rows.push_back({static_cast<int>(*lo), static_cast<int>(*hi), row.fields[*table.column("sex")], *v});
    }
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return rows;
}

std::string age_row_line(const AgeRow& r) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%d,%d,%s,%.6g", r.min_age, r.max_age, r.sex.c_str(), r.value);
    return buffer;
}

/// Persons in `counts` of the sexes in `sex` ("M", "F", "*") at ages lo..hi (90+ counted at 90).
double persons(const SexAgeCounts& counts, const std::string& sex, int lo, int hi) {
    double n = 0;
    for (int s = 0; s < sex_count; ++s) {
        if ((sex == "F" && s != 0) || (sex == "M" && s != 1)) continue;
        for (int a = lo; a <= std::min(hi, pack_open_age); ++a)
            n += static_cast<double>(counts[static_cast<std::size_t>(s * pack_age_count + a)]);
    }
    return n;
}

/// England's population at `year`: the sum of the upper-tier councils.
SexAgeCounts england_population(const AreaPack& pack, int year) {
    SexAgeCounts total{};
    for (const auto& a : pack.areas())
        if (a.council())
            if (const auto* c = pack.population(a.code, year))
                for (std::size_t i = 0; i < total.size(); ++i) total[i] += (*c)[i];
    return total;
}

/// EHC plans: the shipped single-year shape, scaled band by band to the area's SEN2 count in January of
/// the base year (England's where the area's is not published: flagged national).
void derive_ehc(const AreaPack& pack, const PackArea& area, const DerivationOptions& options, DerivedArea& out) {
    const auto shape = read_age_rows(options.national_dir / "assumptions" / "ehc_plan_prevalence.csv");
    int year = out.base_year;
    while (year >= 2014 && !pack.ehc_plans(england_code, year, -1)) --year;
    if (year < 2014)
        fail((pack.dir() / AreaPack::sen2_file).string(),
             "no SEN2 figures up to January " + std::to_string(out.base_year));
    out.ehc_year = year;
    const auto& local_population = out.base_population;
    const auto england = england_population(pack, out.base_year);
    std::vector<AgeRow> scaled = shape;
    std::vector<std::string> national_bands;
    for (std::size_t b = 0; b < sen2_bands.size(); ++b) {
        const int lo = sen2_band_ages[b][0], hi = sen2_band_ages[b][1];
        auto expected = [&](const SexAgeCounts& population) {
            double e = 0;
            for (const auto& r : shape)
                for (int a = std::max(r.min_age, lo); a <= std::min(r.max_age, hi); ++a)
                    e += r.value * persons(population, r.sex, a, a);
            return e;
        };
        auto count = pack.ehc_plans(area.code, year, static_cast<int>(b));
        double scale = 0;
        if (count && expected(local_population) > 0)
            scale = static_cast<double>(*count) / expected(local_population);
        else if (const auto e = pack.ehc_plans(england_code, year, static_cast<int>(b)); e && expected(england) > 0) {
            scale = static_cast<double>(*e) / expected(england);
            national_bands.push_back(sen2_bands[b]);
        } else {
            scale = 1.0;
            national_bands.push_back(std::string(sen2_bands[b]) + " (shape kept)");
        }
        for (auto& r : scaled)
            if (r.min_age >= lo && r.max_age <= hi) r.value = std::min(1.0, r.value * scale);
    }
    for (const auto& r : scaled) out.ehc_table_lines.push_back(age_row_line(r));
    double with_shape = 0, with_local = 0;
    for (std::size_t k = 0; k < shape.size(); ++k) {
        const double n = persons(local_population, shape[k].sex, shape[k].min_age, shape[k].max_age);
        with_shape += shape[k].value * n;
        with_local += scaled[k].value * n;
    }
    out.ehc_scale_vs_shape = with_shape > 0 ? with_local / with_shape : 1.0;
    const bool local = national_bands.size() < sen2_bands.size();
    std::string note =
        (local ? "local: DfE SEN2 January " : "national: England's DfE SEN2 January ") + std::to_string(year);
    if (local && !national_bands.empty()) {
        note += "; England's rate for bands not published for the area:";
        for (const auto& b : national_bands) note += " " + b;
    }
    out.sources.push_back({"send.ehc_plan_prevalence_csv", local, note});
    // Growth of EHC plan starts: the area's yearly growth of plans over up to four Januaries to the base.
    const int first = std::max(2014, year - 4);
    auto growth = [&](const std::string& code) -> std::optional<double> {
        const auto a = pack.ehc_plans(code, first, -1), b = pack.ehc_plans(code, year, -1);
        if (!a || !b || *a <= 0 || year == first) return std::nullopt;
        return std::pow(static_cast<double>(*b) / static_cast<double>(*a), 1.0 / (year - first)) - 1;
    };
    if (const auto g = growth(area.code)) {
        out.ehc_growth = *g;
        out.sources.push_back(
            {"send.ehc_growth", true,
             "local: growth of SEN2 plans January " + std::to_string(first) + "…" + std::to_string(year)});
    } else {
        out.ehc_growth = growth(england_code).value_or(0.0);
        out.sources.push_back(
            {"send.ehc_growth", false,
             "national: growth of England's SEN2 plans January " + std::to_string(first) + "…" + std::to_string(year)});
    }
    out.ehc_growth = std::clamp(out.ehc_growth, plausible_ehc_growth_low, plausible_ehc_growth_high);
}

/// Care-home admissions: County Durham's calibrated probabilities times the area's ASCOF 2A rate over
/// the rate they were calibrated to. At 65+ that is County Durham's 741.6 per 100,000 (2015/16): the
/// table reproduces it, not Durham's 2020-21 figure (658.7), which the ratio of 2020-21 rates took it to
/// reproduce, so that every 2020 baseline admitted about 11% too many people 65+. At 18-64 the table is
/// an assumption and the ratio to County Durham's 2020-21 2A(1) stays. Before a base year of 2020 ASCOF
/// 2020-21 lies after the base year, so England's 2A(2) for the base year's financial year (PHE series)
/// is used instead and flagged national.
void derive_admissions(const AreaPack& pack, const PackArea& area, const DerivationOptions& options, DerivedArea& out) {
    const std::string council = area.council() ? area.code : area.utla_code;
    auto ratio = [&](const char* measure) -> std::optional<double> {
        const auto local = pack.ascof(council, measure), durham = pack.ascof(durham_code, measure);
        if (!local || !durham || *durham <= 0) return std::nullopt;
        return *local / *durham;
    };
    // County Durham's 2A(2) in 2015/16 (Durham Insight JSNA), the rate its 65+ table is calibrated to
    // (tools/cohort_tables.py; scenarios/checks/county_durham_2016.txtpb).
    constexpr double durham_calibrated_65_plus = 741.6;
    if (out.base_year >= 2020) {
        const auto local65 = pack.ascof(council, "2A2");
        const auto r65 = local65 ? std::optional<double>(*local65 / durham_calibrated_65_plus) : std::nullopt;
        const auto r18 = ratio("2A1");
        out.admission_scale_65_plus =
            r65.value_or(pack.ascof(england_code, "2A2").value_or(0) / durham_calibrated_65_plus);
        out.admission_scale_18_64 =
            r18.value_or(pack.ascof(england_code, "2A1").value_or(0) / pack.ascof(durham_code, "2A1").value_or(1));
        // A rate on a very small population (City of London, Isles of Scilly) can be far outside what a
        // scale of the calibrated probabilities can mean: England's figure is used instead, flagged.
        const auto plausible = [](double scale) {
            return scale >= plausible_admission_scale_low && scale <= plausible_admission_scale_high;
        };
        const double england65 = pack.ascof(england_code, "2A2").value_or(0) / durham_calibrated_65_plus;
        const double england18 =
            pack.ascof(england_code, "2A1").value_or(0) / pack.ascof(durham_code, "2A1").value_or(1);
        if (!plausible(out.admission_scale_65_plus)) {
            out.warnings.push_back("ASCOF 2A(2) scale " + fixed(out.admission_scale_65_plus, 2) +
                                   " is implausible: England's used");
            out.admission_scale_65_plus = england65;
        }
        if (!plausible(out.admission_scale_18_64)) {
            out.warnings.push_back("ASCOF 2A(1) scale " + fixed(out.admission_scale_18_64, 2) +
                                   " is implausible: England's used");
            out.admission_scale_18_64 = england18;
        }
        out.sources.push_back(
            {"care_homes.admission_probability_csv", r65.has_value() && out.warnings.empty(),
             std::string(r65 ? "local: " : "national (the area's figure is not published): England's ") +
                 "ASCOF 2A(2) 2020-21 over County Durham's " + fixed(durham_calibrated_65_plus, 1) +
                 " of 2015/16, the rate its table is calibrated to (" + fixed(out.admission_scale_65_plus, 4) +
                 "), 2A(1) for 18-64 over County Durham's 2020-21 (" + fixed(out.admission_scale_18_64, 4) + ")"});
    } else {
        // England 2A(2) per 100,000 aged 65+ (PHE; cd_england_le_hle_ascof2a_to2018.csv).
        const double england[] = {658.5, 628.2, 610.7, 585.6};  // 2014/15 .. 2017/18
        const int index = std::clamp(out.base_year - 2014, 0, 3);
        out.admission_scale_65_plus = area.code == durham_code ? 1.0 : england[index] / durham_calibrated_65_plus;
        out.sources.push_back({"care_homes.admission_probability_csv", area.code == durham_code,
                               area.code == durham_code
                                   ? "local: County Durham's calibration (MPS 2019/21; Durham Insight JSNA)"
                                   : "national: England's 2A(2) " + std::to_string(2014 + index) + "/" +
                                         std::to_string((2015 + index) % 100) + " (" + fixed(england[index], 1) +
                                         ") over County Durham's " + fixed(durham_calibrated_65_plus, 1) +
                                         "; ASCOF 2020-21 lies after the base year"});
    }
    const auto rows = read_age_rows(options.national_dir / "assumptions" / "care_home_admission_probability.csv");
    for (auto r : rows) {
        r.value = std::min(1.0, r.value * (r.min_age >= 65 ? out.admission_scale_65_plus : out.admission_scale_18_64));
        out.admission_table_lines.push_back(age_row_line(r));
    }
}

}  // namespace

int latest_base_year(const AreaPack& pack) {
    return pack.all_population_years().back();
}

DerivedArea derive_area(const AreaPack& pack, const PackArea& area, const DerivationOptions& options) {
    DerivedArea out;
    out.area = &area;
    out.base_year = options.base_year ? options.base_year : latest_base_year(pack);
    const auto years = pack.all_population_years();
    if (std::find(years.begin(), years.end(), out.base_year) == years.end()) {
        std::string list;
        for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
        fail((pack.dir() / AreaPack::utla_population_file).string(),
             "base year " + std::to_string(out.base_year) +
                 " is not in the data: the pack has mid-year estimates for " + list);
    }
    out.base_population = require_population(pack, area, out.base_year);
    // Every fit year must hold the area: an area missing from one (a boundary change) is an error.
    for (int y : years)
        if (y >= out.base_year - options.fit_years && y < out.base_year) require_population(pack, area, y);
    const NationalRates national = read_national(options);
    derive_levels(pack, area, national, out);
    derive_migration(pack, area, national, options, out);
    derive_ehc(pack, area, options, out);
    derive_admissions(pack, area, options, out);
    return out;
}

}  // namespace carecast::derive
