#include "derive/council_files.hpp"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <sstream>

#include "carecast/finance.pb.h"
#include "carecast/scenario.pb.h"
#include "carecast/version.hpp"
#include "core/population.hpp"
#include "core/text.hpp"
#include "io/csv_table.hpp"
#include "io/text_file.hpp"
#include "output/atomic_file.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast::derive {
namespace {

std::string double_quoted(const std::string& s) {
    return "\"" + s + "\"";
}

/// National tables every baseline reads, copied into the output folder under the same relative path.
const std::vector<std::string> national_tables = {"ew_hmd_mx_2011-2016.csv",
                                                  "ew_hfd_asfr_2011-2016.csv",
                                                  "cfas2_dementia_prevalence_rates.csv",
                                                  "assumptions/dementia_early_onset_prevalence.csv",
                                                  "assumptions/partnered_share.csv",
                                                  "assumptions/partnership_formation.csv",
                                                  "assumptions/partnership_dissolution.csv",
                                                  "assumptions/sen_support_prevalence.csv",
                                                  "assumptions/reablement_probability.csv",
                                                  "assumptions/home_care_start_probability.csv",
                                                  "assumptions/prevalence_cohorts.csv",
                                                  "assumptions/carer_trend.csv",
                                                  "assumptions/need_prevalence.csv",
                                                  "national/carer_prevalence.csv",
                                                  "national/fall_admission_probability.csv"};

/// A council's own figures that the national pack does not hold (data/local/<code>.csv: field, value,
/// note), e.g. County Durham's dementia count from its MPS. They replace the national default of that
/// field and are marked LOCAL.
struct LocalFigure {
    std::string value, note;
};
using LocalFigures = std::map<std::string, LocalFigure>;

LocalFigures read_local_figures(const std::filesystem::path& local_dir, const std::string& code) {
    LocalFigures out;
    const auto path = local_dir / (code + ".csv");
    if (!std::filesystem::exists(path)) return out;
    Diagnostics diagnostics;
    const auto table = CsvTable::read(path, path.string(), diagnostics);
    if (diagnostics.empty()) table.require_columns({"field", "value", "note"}, diagnostics);
    if (!diagnostics.empty()) throw InputError(diagnostics);
    for (const auto& row : table.rows())
        out[row.fields[*table.column("field")]] = {row.fields[*table.column("value")],
                                                   row.fields[*table.column("note")]};
    return out;
}

/// Source header lines of a table derived from pack files.
std::string pack_header(const AreaPack& pack, const std::vector<std::string>& files) {
    std::string out;
    for (const auto& f : files)
        for (const auto& line : pack.source_lines(f)) out += line + "\n";
    return out;
}

/// Base population rows with their year, so that a scenario's base_year is checked against the data.
std::string population_table(const SexAgeCounts& counts, int year, const std::string& area_column) {
    std::string out = area_column.empty() ? "year,age,sex,population\n" : "area,year,age,sex,population\n";
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = 0; age < pack_age_count; ++age)
            out += (area_column.empty() ? "" : area_column + ",") + std::to_string(year) + "," + std::to_string(age) +
                   "," + (sex ? "M" : "F") + "," +
                   std::to_string(counts[static_cast<std::size_t>(sex * pack_age_count + age)]) + "\n";
    return out;
}

std::string migration_rows(const std::vector<double>& net, int max_age, const std::string& area_column) {
    std::string out;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = 0; age <= max_age; ++age) {
            const double v = net[static_cast<std::size_t>(sex * (max_age + 1) + age)];
            out += (area_column.empty() ? "" : area_column + ",") + std::to_string(age) + "," + (sex ? "M" : "F") +
                   "," + fixed(std::abs(v) < 5e-4 ? 0.0 : v, 3) + "\n";
        }
    return out;
}

std::string observed_population(const AreaPack& pack, const PackArea& area) {
    std::string out = "area_code,year,sex,age,population\n";
    for (int year : pack.population_years(area.code)) {
        const auto& counts = *pack.population(area.code, year);
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age < pack_age_count; ++age)
                out += area.code + "," + std::to_string(year) + "," + (sex ? "M" : "F") + "," + std::to_string(age) +
                       "," + std::to_string(counts[static_cast<std::size_t>(sex * pack_age_count + age)]) + "\n";
    }
    return out;
}

std::string observed_ehc(const AreaPack& pack, const PackArea& area) {
    std::string out = "area_code,year,age_band,ehc_plans\n";
    // SEN2 is published by council only: a district gets none (its council's count would be summed
    // once per district).
    if (!area.council()) return out;
    const std::string& code = area.code;
    for (int year = 2014; year <= 2020; ++year) {
        for (int band = -1; band < static_cast<int>(sen2_bands.size()); ++band)
            if (const auto n = pack.ehc_plans(code, year, band))
                out += area.code + "," + std::to_string(year) + "," +
                       (band < 0 ? "total" : sen2_bands[static_cast<std::size_t>(band)]) + "," + std::to_string(*n) +
                       "\n";
    }
    return out;
}

const ParameterSource* source_of(const DerivedArea& d, const std::string& parameter) {
    for (const auto& s : d.sources)
        if (s.parameter == parameter) return &s;
    return nullptr;
}

/// A number as a scenario file writes it: the shortest text that reads back as the same value.
std::string number_text(double value) {
    if (value == std::floor(value) && std::abs(value) < 1e15) return std::to_string(static_cast<long long>(value));
    char buffer[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    return buffer;
}

/// The schema's default of field `number` of `Message` as a scenario file writes it ("[a, b, c]" for a
/// repeated field): every national default the baseline writes comes from here, never from a copy.
template <typename Message>
std::string default_text(int number) {
    const auto& field = schema_field(*Message::descriptor(), number);
    if (!field.is_repeated()) return number_text(schema_default_number(field));
    std::string out;
    for (const double v : schema_default_triple<Message>(number)) out += (out.empty() ? "[" : ", ") + number_text(v);
    return out + "]";
}

/// "INDENTname: DEFAULT" of field `number` of `Message`, with "   # NOTE" if a note is given.
template <typename Message>
std::string default_line(const std::string& indent, int number, const std::string& note = "") {
    const auto& field = schema_field(*Message::descriptor(), number);
    return indent + field.name() + ": " + default_text<Message>(number) + (note.empty() ? "" : "   # " + note) + "\n";
}

std::string mark(const ParameterSource* s) {
    if (!s) return "NATIONAL";
    return s->local ? "LOCAL" : "NATIONAL";
}

/// "# LOCAL: note" (the note as derived), wrapped at about 110 columns under the field.
std::string comment(const std::string& indent, const std::string& text) {
    std::string out, line = indent + "#";
    std::istringstream words(text);
    std::string word;
    while (words >> word) {
        if (line.size() + word.size() + 1 > 110 && line != indent + "#") {
            out += line + "\n";
            line = indent + "#";
        }
        line += " " + word;
    }
    return out + line + "\n";
}

struct Writer {
    const DerivedArea& d;
    const LocalFigures& local;
    std::string text;

    /// A field with its national default, replaced by the council's local figure where one is known.
    void field(const std::string& indent, const std::string& path, const std::string& name, const std::string& value,
               const std::string& national_note) {
        if (const auto it = local.find(path); it != local.end()) {
            text += comment(indent, "LOCAL: " + it->second.note);
            text += indent + name + ": " + it->second.value + "\n";
        } else {
            text += comment(indent, "NATIONAL: " + national_note);
            text += indent + name + ": " + value + "\n";
        }
    }
    void derived(const std::string& indent, const std::string& name, const std::string& value,
                 const std::string& parameter) {
        const auto* s = source_of(d, parameter);
        text += comment(indent, mark(s) + ": " + (s ? s->note.substr(s->note.find(':') + 1) : std::string("default")));
        text += indent + name + ": " + value + "\n";
    }
};

/// The care_homes.self_funders block: the share of residents who self-fund in the council's region where
/// ONS publishes it in the figures carecast ships (North East, South East), else England's.
std::string self_funders_section(const std::string& region) {
    struct RegionShare {
        const char* region;
        const char* share;
    };
    static constexpr RegionShare published[] = {{"North East", "0.264"}, {"South East", "0.475"}};
    std::string share = default_text<SelfFunders>(SelfFunders::kShareOfResidents65PlusFieldNumber), where = "England";
    for (const auto& r : published)
        if (region == r.region) share = r.share, where = r.region;
    std::string t = comment("  ", std::string(where == "England" ? "NATIONAL" : "REGIONAL") +
                                      ": self-funders' share of care-home residents, " + where +
                                      ", March 2022 to February 2023 (ONS, Care homes and estimating the self-funding "
                                      "population); applied to residents 65+ until a local figure is found");
    return t + "  self_funders {\n    share_of_residents_65_plus: " + share + "\n" +
           default_line<SelfFunders>("    ", SelfFunders::kShareOfResidents1864FieldNumber,
                                     "ONS 2022-23: care homes for younger adults") +
           default_line<SelfFunders>("    ", SelfFunders::kFundsRunOutProbabilityFieldNumber,
                                     "residents 65+; carecast assumption (docs/cohorts.md, \"Self-funders\")") +
           "    # carecast assumption: younger adults' placements are almost all council or NHS funded\n" +
           default_line<SelfFunders>("    ", SelfFunders::kFundsRunOutProbability1864FieldNumber) + "  }\n";
}

std::string description_of(const DerivedArea& d, int horizon) {
    return d.area->name + " baseline projection " + std::to_string(d.base_year) + "-" + std::to_string(horizon) +
           ": ONS mid-" + std::to_string(d.base_year) +
           " population; England & Wales mortality and fertility at the "
           "area's own levels; net migration as in " +
           std::to_string(d.migration_years.empty() ? d.base_year : d.migration_years.front()) + "-" +
           std::to_string(d.base_year) + "; national cohort defaults scaled to local SEN2 and ASCOF figures.";
}

}  // namespace

std::string area_slug(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c))
            out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

FileSet council_files(const AreaPack& pack, const DerivedArea& d, const InitOptions& options) {
    const PackArea& area = *d.area;
    const int horizon = options.horizon_year ? options.horizon_year : d.base_year + 20;
    const int max_age = options.derivation.max_age;
    const std::string slug = area_slug(area.name);
    const std::filesystem::path data = "data";
    const std::filesystem::path own = data / area.code;
    const auto local = read_local_figures(options.local_dir, area.code);
    FileSet files;
    const std::string base_file = "base_population_mid" + std::to_string(d.base_year) + ".csv";
    const std::string first_fit = std::to_string(d.migration_years.empty() ? d.base_year : d.migration_years.front());
    const std::string migration_file = "net_migration_" + first_fit + "_" + std::to_string(d.base_year) + ".csv";
    const std::string derived_by = "# Derived by `carecast init " + area.code + " --base-year " +
                                   std::to_string(d.base_year) + "` (carecast " + engine_version +
                                   ") from the national data pack; method in "
                                   "docs/demography.md. Do not edit by hand: run init again.\n";
    const std::vector<std::string> mye = {area.council() ? AreaPack::utla_population_file
                                                         : AreaPack::lad_population_files[0]};

    files[own / base_file] = "# " + area.name + " (" + area.code + ") mid-" + std::to_string(d.base_year) +
                             " population by single year of age (0..90, 90 = 90+) and sex: ONS mid-year estimate, "
                             "from the national data pack.\n" +
                             pack_header(pack, mye) + population_table(d.base_population, d.base_year, "");
    files[own / migration_file] = "# " + area.name + " (" + area.code +
                                  ") net migration per year by single year of age reached at the end of the "
                                  "year and sex (in minus out): residual of the ONS mid-year estimates " +
                                  first_fit + "-" + std::to_string(d.base_year) +
                                  " after the model's births and deaths, smoothed 1-2-1 over age.\n" + derived_by +
                                  pack_header(pack, mye) + "age,sex,net_per_year\n" +
                                  migration_rows(d.net_migration, max_age, "");
    files[own / "ehc_plan_prevalence.csv"] =
        "# EHC plans and statements by single year of age and sex, proportion of the population, " + area.name +
        ", January " + std::to_string(d.ehc_year) +
        ": the shape of scenarios/data/assumptions/ehc_plan_prevalence.csv "
        "(DfE SEN in England 2018-2020, boys 73%) scaled band by band to the area's DfE SEN2 caseload.\n" +
        derived_by + pack_header(pack, {AreaPack::sen2_file}) + "min_age,max_age,sex,value\n";
    for (const auto& line : d.ehc_table_lines) files[own / "ehc_plan_prevalence.csv"] += line + "\n";
    files[own / "care_home_admission_probability.csv"] =
        "# Base probability per year of a permanent care-home admission (no dementia, no fall, no loss of carer), " +
        area.name +
        ": County Durham's calibrated probabilities (scenarios/data/assumptions/"
        "care_home_admission_probability.csv) times " +
        fixed(d.admission_scale_65_plus, 4) + " at 65+ and " + fixed(d.admission_scale_18_64, 4) +
        " at 18-64 (see the scenario's comment for the source).\n" + derived_by + "min_age,max_age,sex,value\n";
    for (const auto& line : d.admission_table_lines) files[own / "care_home_admission_probability.csv"] += line + "\n";
    files[own / "observed_population.csv"] =
        "# " + area.name + " (" + area.code +
        "): every ONS mid-year estimate in the "
        "national data pack, for comparison with the projection (never simulated).\n" +
        pack_header(pack, mye) + observed_population(pack, area);
    files[own / "observed_ehc_plans.csv"] = "# " + area.name + " (" + area.code +
                                            "): DfE SEN2 statements and EHC plans in "
                                            "January of each year, for comparison with the projection.\n" +
                                            pack_header(pack, {AreaPack::sen2_file}) + observed_ehc(pack, area);
    for (const auto& table : national_tables) {
        Diagnostics diagnostics;
        const auto text = read_text_file(options.derivation.national_dir / table,
                                         (options.derivation.national_dir / table).string(), diagnostics);
        if (!text) throw InputError(diagnostics);
        files[data / table] = *text;
    }
    for (const auto& [field, figure] : local)
        if (field.size() > 4 && field.compare(field.size() - 4, 4, "_csv") == 0) {
            const std::string rel = figure.value.substr(1, figure.value.size() - 2);  // "data/..." quoted
            Diagnostics diagnostics;
            const auto source = options.derivation.national_dir / std::filesystem::path(rel).lexically_relative("data");
            const auto text = read_text_file(source, source.string(), diagnostics);
            if (!text) throw InputError(diagnostics);
            files[rel] = *text;
        }

    Writer w{d, local, {}};
    auto& t = w.text;
    t += "# proto-file: proto/carecast/scenario.proto\n# proto-message: carecast.Scenario\n#\n";
    t += comment("",
                 "Question: if nothing changes - today's rates of dementia, care, SEND and caring, today's services "
                 "and prices - what will " +
                     area.name + " need and spend, year by year to " + std::to_string(horizon) +
                     "? Compare every what-if with this run.");
    t += "#\n";
    t += comment(
        "", area.name + " (" + area.code + ", " + area.type + ", " + area.region_name +
                ") baseline, written by "
                "`" +
                options.command_line +
                "` from the national data pack (scenarios/data/england). Each value is "
                "marked LOCAL (estimated from the council's own published figures, or the council's own documents) "
                "or NATIONAL (a documented national default: the pack has no local figure for it). Methods: "
                "docs/demography.md and docs/cohorts.md.");
    t += "#\n# Run it:   carecast run " + slug + "_baseline.txtpb -o " + slug + "_baseline.nc\n\n";
    t += "schema_version: 1\nname: " + double_quoted(slug + "_baseline") +
         "\ndescription: " + double_quoted(description_of(d, horizon)) + "\n\n";
    t += "run {\n  base_year: " + std::to_string(d.base_year) + "\n  horizon_year: " + std::to_string(horizon) +
         "\n  seed: " + std::to_string(options.seed) + "\n  replicates: " + std::to_string(options.replicates) +
         "\n}\n\n";
    t += "demography {\n";
    t += comment("  ", "LOCAL: ONS mid-" + std::to_string(d.base_year) + " estimate, ages 0..90+");
    t += "  base_population_csv: " + double_quoted((own / base_file).string()) + "\n" +
         default_line<Demography>("  ", Demography::kOpenAgeFieldNumber) + "  max_age: " + std::to_string(max_age) +
         "\n  area_code: " + double_quoted(area.code) + "\n\n  mortality {\n";
    t += comment("    ", "NATIONAL schedule: Human Mortality Database, England & Wales 2011-2016");
    t += "    death_rates_csv: \"data/ew_hmd_mx_2011-2016.csv\"\n";
    w.derived("    ", "local_factor_male", fixed(d.mortality_factor, 4), "demography.mortality.local_factor_male");
    t += comment("    ", "the same level for women: the pack has deaths by area, not by sex");
    t += "    local_factor_female: " + fixed(d.mortality_factor, 4) + "\n";
    t += comment("    ", "NATIONAL: the long-term improvement of the ONS 2016-based national projections");
    t += "    annual_improvement: " + fixed(options.derivation.mortality_improvement, 4) + "\n  }\n  fertility {\n";
    t += comment("    ", "NATIONAL schedule: Human Fertility Database, England & Wales 2011-2016");
    t += "    fertility_rates_csv: \"data/ew_hfd_asfr_2011-2016.csv\"\n";
    w.derived("    ", "local_factor", fixed(d.fertility_factor, 4), "demography.fertility.local_factor");
    t += default_line<Fertility>("    ", Fertility::kFutureMultiplierFieldNumber) +
         default_line<Fertility>("    ", Fertility::kProbabilityMaleAtBirthFieldNumber) + "  }\n  migration {\n";
    w.derived("    ", "net_migration_csv", double_quoted((own / migration_file).string()),
              "demography.migration.net_migration_csv");
    t += default_line<Migration>("    ", Migration::kScaleFieldNumber) + "  }\n}\n\n";
    t += comment("", "Published figures beside the projection (output variables observed_*; never simulated).");
    t += "observed {\n  population_csv: " + double_quoted((own / "observed_population.csv").string()) +
         "\n  ehc_plans_csv: " + double_quoted((own / "observed_ehc_plans.csv").string()) +
         "\n  source: \"ONS mid-year estimates (original releases, pre-Census-2021); DfE SEN2 January "
         "caseloads\"\n}\n\n";

    t += "# --- The cohorts the Market Position Statement plans for (docs/cohorts.md) ---------------------------\n\n";
    t += "dementia {\n";
    t += comment("  ", "NATIONAL: CFAS II prevalence by age band and sex, 65+");
    t += "  prevalence_csv: \"data/cfas2_dementia_prevalence_rates.csv\"\n";
    w.field("  ", "dementia.prevalence_scale", "prevalence_scale",
            default_text<Dementia>(Dementia::kPrevalenceScaleFieldNumber),
            "CFAS II unscaled (no local count of people with dementia in the pack)");
    t += comment("  ", "NATIONAL: Harvey et al. 2003");
    t += "  early_onset_prevalence_csv: \"data/assumptions/dementia_early_onset_prevalence.csv\"\n";
    t += default_line<Dementia>("  ", Dementia::kMortalityRelativeRiskYear1FieldNumber, "NATIONAL: Rait et al. 2010");
    t += default_line<Dementia>("  ", Dementia::kMortalityRelativeRiskLaterFieldNumber, "NATIONAL: Rait et al. 2010");
    t += default_line<Dementia>("  ", Dementia::kAnnualDiagnosisProbabilityFieldNumber,
                                "NATIONAL: carecast assumption (docs/cohorts.md)");
    // schema-truth: England's figure; the schema's default is County Durham's
    w.field("  ", "dementia.base_diagnosed_share", "base_diagnosed_share", "0.667",
            "England's dementia diagnosis rate ambition, two in three (NHS England)");
    t += default_line<Dementia>("  ", Dementia::kIncidenceMultiplierFieldNumber) + "}\n\n";
    t += "couples {\n  partnered_share_csv: \"data/assumptions/partnered_share.csv\"   # NATIONAL: Census 2011 E&W\n" +
         default_line<Couples>("  ", Couples::kMeanAgeGapFieldNumber) +
         "  formation_probability_csv: \"data/assumptions/partnership_formation.csv\"   # NATIONAL: keeps the "
         "partnered shares\n"
         "  dissolution_probability_csv: \"data/assumptions/partnership_dissolution.csv\"   # NATIONAL: carecast "
         "assumption (ONS divorces)\n" +
         default_line<Couples>("  ", Couples::kFormationMultiplierFieldNumber) +
         default_line<Couples>("  ", Couples::kDissolutionMultiplierFieldNumber) + "}\n\n";
    t += "carers {\n";
    w.field("  ", "carers.prevalence_csv", "prevalence_csv", "\"data/national/carer_prevalence.csv\"",
            "Census 2011 England & Wales unpaid care by age and sex");
    for (const int field : {Carers::kAnnualStopProbabilityFieldNumber,
                            Carers::kPartnerBecomesCarerProbabilityFieldNumber, Carers::kHoursSharesUnder65FieldNumber,
                            Carers::kHoursShares65PlusFieldNumber, Carers::kHoursSharesPartnerFieldNumber})
        t += default_line<Carers>("  ", field);
    t += comment("  ",
                 "NATIONAL: caring fell between the Censuses of 2011 and 2021, England & Wales (11.4% to 9.0% of "
                 "people 5+; ONS 2023), by age band and sex; held at its 2021 level after 2021 (docs/cohorts.md)");
    t += "  trend_csv: \"data/assumptions/carer_trend.csv\"\n" +
         default_line<Carers>("  ", Carers::kTrendReferenceYearFieldNumber) +
         default_line<Carers>("  ", Carers::kTrendEndYearFieldNumber) + "}\n\n";
    t += "send {\n";
    t += comment("  ", "NATIONAL: DfE SEN in England shape (boys 64%)");
    t += "  sen_support_prevalence_csv: \"data/assumptions/sen_support_prevalence.csv\"\n";
    w.derived("  ", "ehc_plan_prevalence_csv", double_quoted((own / "ehc_plan_prevalence.csv").string()),
              "send.ehc_plan_prevalence_csv");
    w.derived("  ", "ehc_growth", fixed(d.ehc_growth, 4), "send.ehc_growth");
    for (const int field : {Send::kEhcExit1625FieldNumber, Send::kAdultLearningDisabilityShareFieldNumber,
                            Send::kSenSupportExitFieldNumber})
        t += default_line<Send>("  ", field);
    t += "}\n\n";
    t += "falls {\n";
    w.field("  ", "falls.admission_probability_csv", "admission_probability_csv",
            "\"data/national/fall_admission_probability.csv\"",
            "PHE Fingertips, emergency admissions for falls 65+, England 2016/17");
    t += "}\n\ncare_homes {\n";
    w.derived("  ", "admission_probability_csv", double_quoted((own / "care_home_admission_probability.csv").string()),
              "care_homes.admission_probability_csv");
    for (const int field : {CareHomes::kRelativeRiskDementiaFieldNumber, CareHomes::kRelativeRiskNoCarerFieldNumber,
                            CareHomes::kRelativeRiskLostCarerFieldNumber, CareHomes::kRelativeRiskFallFieldNumber,
                            CareHomes::kNursingShareFieldNumber})
        t += default_line<CareHomes>("  ", field);
    t += comment(
        "  ",
        "Stay lengths: County Durham's (residential 549, nursing 313 days, 2015/16); no national figure in the pack");
    for (const int field :
         {CareHomes::kResidentialHazardFirstYearFieldNumber, CareHomes::kResidentialHazardLaterFieldNumber,
          CareHomes::kNursingHazardFirstYearFieldNumber, CareHomes::kNursingHazardLaterFieldNumber,
          CareHomes::kDischargeShareFieldNumber})
        t += default_line<CareHomes>("  ", field);
    t += self_funders_section(area.region_name);
    t += "}\n\n";
    t += "home_care {\n  reablement_probability_csv: \"data/assumptions/reablement_probability.csv\"\n";
    for (const int field : {HomeCare::kReablementAfterFallFieldNumber, HomeCare::kNoOngoingCareShareFieldNumber,
                            HomeCare::kReducedCareShareFieldNumber, HomeCare::kReablementMaxDaysFieldNumber})
        t += default_line<HomeCare>("  ", field);
    t += "  home_care_start_probability_csv: \"data/assumptions/home_care_start_probability.csv\"\n" +
         default_line<HomeCare>("  ", HomeCare::kHomeCareStopProbabilityFieldNumber) +
         default_line<HomeCare>("  ", HomeCare::kHomeCareHoursPerWeekFieldNumber) + "}\n\n";
    t += comment("",
                 "Need drives care and death: admissions and home care are drawn among people in need, residents "
                 "die as people at home with the same need (docs/cohorts.md, \"Need\"); the stay hazards above are "
                 "then not used.");
    t += "need {\n  prevalence_csv: \"data/assumptions/need_prevalence.csv\"   # NATIONAL: Health Survey for "
         "England 2014\n}\n\n";
    t += "prevalence_cohorts {\n  rates_csv: \"data/assumptions/prevalence_cohorts.csv\"   # NATIONAL: PANSI/POPPI "
         "rates\n}\n\n";
    t += "# --- Money and market position (docs/money_and_market.md) -------------------------------------------\n";
    const auto money = options.local_dir / area.code / "money_market.txtpb";
    if (std::filesystem::exists(money)) {
        Diagnostics diagnostics;
        const auto text = read_text_file(money, money.string(), diagnostics);
        if (!text) throw InputError(diagnostics);
        t += "# LOCAL: the council's own prices, budgets and capacities (" +
             (std::filesystem::path("data/local") / area.code / "money_market.txtpb").string() + ")\n";
        t += *text;
    } else {
        t += comment("",
                     "NATIONAL unit costs: UK averages 2018 (LaingBuisson residential £622 and nursing £856 a week; "
                     "UKHCA home care £16.12 an hour); other prices are carecast assumptions. No budget envelopes "
                     "and no market capacities: add the council's MTFP envelopes (`envelope { line: ... }`) and "
                     "its beds and hours (`market { ... }`) to see pressure and occupancy (docs/money_and_market.md).");
        // Prices are the schema's defaults but for care homes (UK averages; the schema's are the North
        // East's); their year and uplift, and the funded shares of care homes and direct payments, are the
        // national baseline's own assumptions (the schema's defaults are for a scenario that does not
        // simulate self-funders).
        // schema-truth: the baseline's price year and UK care-home fees
        t += "money {\n  price_base_year: 2018   # every price below is a 2018/19 price (price_year)\n"
             "  residential_care { pence: 62200 price_year: 2018 uplift_bp: 300 }\n"  // schema-truth: as said
             "  nursing_care { pence: 85600 price_year: 2018 uplift_bp: 300 }\n";     // schema-truth: as said
        for (const int field : {Money::kHomeCareFieldNumber, Money::kReablementFieldNumber, Money::kEhcPlanFieldNumber,
                                Money::kCarerSupportFieldNumber, Money::kDirectPaymentFieldNumber})
            t += "  " + schema_field(*Money::descriptor(), field).name() + " { pence: " + default_text<Money>(field) +
                 " price_year: 2018 uplift_bp: 300 }\n";  // schema-truth: the baseline's price year and uplift
        t += "  # Self-funded residents are simulated (care_homes.self_funders): the council pays the whole fee of\n"
             "  # the council-funded ones (their contributions from income are not netted off: carecast assumption).\n"
             "  residential_funded_share_bp: 10000\n  nursing_funded_share_bp: 10000\n";  // schema-truth: as it says
        for (const int field : {Money::kHomeCareFundedShareBpFieldNumber, Money::kReablementFundedShareBpFieldNumber,
                                Money::kEhcPlanFundedShareBpFieldNumber, Money::kCarersSupportedShareBpFieldNumber})
            t += default_line<Money>("  ", field);
        t += "  direct_payment_share_bp: 1100\n}\n";  // schema-truth: the baseline's share (schema default 1000)
    }
    files[slug + "_baseline.txtpb"] = t;
    return files;
}

std::vector<std::filesystem::path> write_file_set(const std::filesystem::path& dir, const FileSet& files, bool force) {
    // Check everything first: nothing is written if any file would be refused.
    std::vector<std::filesystem::path> refused;
    for (const auto& [rel, text] : files) {
        const auto target = dir / rel;
        if (!std::filesystem::exists(target)) continue;
        Diagnostics ignore;
        const auto existing = read_text_file(target, target.string(), ignore);
        if (!force && (!existing || *existing != text)) refused.push_back(target);
    }
    if (!refused.empty()) {
        Diagnostics diagnostics;
        for (const auto& p : refused)
            diagnostics.error(p.string(), 0, 0,
                              "exists with other contents; nothing was written (use --force to replace)");
        throw InputError(diagnostics);
    }
    std::vector<std::filesystem::path> written;
    for (const auto& file : files) {
        // Named, not a structured binding: clang 14 cannot capture a binding in the lambda below.
        const std::string& text = file.second;
        const auto target = dir / file.first;
        std::filesystem::create_directories(target.parent_path());
        if (std::filesystem::exists(target)) {
            Diagnostics ignore;
            if (const auto existing = read_text_file(target, target.string(), ignore); existing && *existing == text)
                continue;
        }
        output::publish_atomically(target, true, [&](const std::filesystem::path& temp) {
            std::ofstream out(temp, std::ios::binary);
            out << text;
            if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
        });
        written.push_back(target);
    }
    return written;
}

}  // namespace carecast::derive

namespace carecast::derive {

FileSet multi_area_files(const AreaPack& pack, const std::vector<DerivedArea>& areas, const std::string& name,
                         const std::string& title, const InitOptions& options) {
    const int base_year = areas.front().base_year;
    const int horizon = options.horizon_year ? options.horizon_year : base_year + 20;
    const int max_age = options.derivation.max_age;
    const std::filesystem::path data = "data", own = data / name;
    // One council's files give the national copies and the cohort sections; per-area values go in tables.
    FileSet files = council_files(pack, areas.front(), options);
    // The single-council scenario's text, its per-area parts replaced below by the tables.
    std::string t = files.at(area_slug(areas.front().area->name) + "_baseline.txtpb");
    for (auto it = files.begin(); it != files.end();)
        it = (it->first.extension() == ".txtpb" || it->first.parent_path() == data / areas.front().area->code)
                 ? files.erase(it)
                 : std::next(it);
    std::string population = "area,year,age,sex,population\n", migration = "area,age,sex,net_per_year\n",
                observed = "area_code,year,sex,age,population\n", ehc = "area_code,year,age_band,ehc_plans\n",
                parameters =
                    "area,area_name,mortality_factor_male,mortality_factor_female,fertility_factor,ehc_plan_scale,"
                    "care_home_admission_scale_65_plus,care_home_admission_scale_18_64,ehc_growth,sources\n";
    for (const auto& d : areas) {
        const PackArea& a = *d.area;
        std::string body = population_table(d.base_population, d.base_year, a.code);
        population += body.substr(body.find('\n') + 1);
        migration += migration_rows(d.net_migration, max_age, a.code);
        body = observed_population(pack, a);
        observed += body.substr(body.find('\n') + 1);
        body = observed_ehc(pack, a);
        ehc += body.substr(body.find('\n') + 1);
        std::string sources;
        for (const auto& s : d.sources)
            sources += (sources.empty() ? "" : ";") + s.parameter + "=" + (s.local ? "local" : "national");
        std::string area_name = a.name;
        std::replace(area_name.begin(), area_name.end(), ',', ' ');
        parameters += a.code + "," + area_name + "," + fixed(d.mortality_factor, 4) + "," +
                      fixed(d.mortality_factor, 4) + "," + fixed(d.fertility_factor, 4) + "," +
                      fixed(d.ehc_scale_vs_shape, 4) + "," + fixed(d.admission_scale_65_plus, 4) + "," +
                      fixed(d.admission_scale_18_64, 4) + "," + fixed(d.ehc_growth, 4) + "," + sources + "\n";
    }
    const std::vector<std::string> mye = {AreaPack::utla_population_file};
    const std::string derived_by = "# Derived by `" + options.command_line + "` (carecast " + engine_version +
                                   ") from the national data pack; method in docs/demography.md.\n";
    const std::string base_file = "base_population_mid" + std::to_string(base_year) + ".csv";
    files[own / base_file] = "# " + title + ": ONS mid-" + std::to_string(base_year) +
                             " population by area, single year of age (0..90+) and sex.\n" + pack_header(pack, mye) +
                             population;
    files[own / "net_migration.csv"] = "# " + title +
                                       ": net migration per year by area, age at end of year and sex (residual of each "
                                       "area's estimates, smoothed).\n" +
                                       derived_by + migration;
    files[own / "area_parameters.csv"] =
        "# " + title +
        ": each area's local levels (mortality and fertility factors against England & Wales, "
        "EHC plans and care-home admissions against the shipped tables) and where each came from.\n" +
        derived_by + parameters;
    files[own / "observed_population.csv"] =
        "# " + title + ": every ONS mid-year estimate in the pack.\n" + pack_header(pack, mye) + observed;
    files[own / "observed_ehc_plans.csv"] =
        "# " + title + ": DfE SEN2 January caseloads.\n" + pack_header(pack, {AreaPack::sen2_file}) + ehc;

    const auto replace_line = [&](const std::string& key, const std::string& line) {
        const auto at = t.find("\n  " + key);
        const auto at4 = t.find("\n    " + key);
        const auto pos = at != std::string::npos ? at : at4;
        if (pos == std::string::npos) return;
        const auto end = t.find('\n', pos + 1);
        const std::string indent = at != std::string::npos ? "  " : "    ";
        t.replace(pos + 1, end - pos - 1, line.empty() ? indent + "# (per area: area_parameters.csv)" : indent + line);
    };
    t = t.substr(t.find("schema_version"));
    t = "# proto-file: proto/carecast/scenario.proto\n# proto-message: carecast.Scenario\n#\n" +
        comment("", title + ": " + std::to_string(areas.size()) +
                        " areas projected together, each with its own population, "
                        "mortality, fertility, migration, EHC and admission levels (data/" +
                        name +
                        "/area_parameters.csv says which are "
                        "local and which national). Written by `" +
                        options.command_line +
                        "`. Migration between areas is not modelled: "
                        "each area's net migration is its own residual. Comments on single values below are those of "
                        "the first area "
                        "and are overridden per area by the tables.") +
        "\n" + t;
    const auto name_at = t.find("name: \"");
    t.replace(name_at, t.find('\n', name_at) - name_at, "name: \"" + name + "_baseline\"");
    const auto description_at = t.find("description: \"");
    t.replace(description_at, t.find('\n', description_at) - description_at,
              "description: \"" + title + " baseline projection " + std::to_string(base_year) + "-" +
                  std::to_string(horizon) + ": ONS mid-" + std::to_string(base_year) +
                  " populations, local levels per area, national cohort defaults.\"");
    replace_line("base_population_csv", "base_population_csv: \"" + (own / base_file).string() + "\"");
    replace_line("area_code", "area_parameters_csv: \"" + (own / "area_parameters.csv").string() + "\"");
    replace_line("net_migration_csv", "net_migration_csv: \"" + (own / "net_migration.csv").string() + "\"");
    replace_line("population_csv", "population_csv: \"" + (own / "observed_population.csv").string() + "\"");
    replace_line("ehc_plans_csv", "ehc_plans_csv: \"" + (own / "observed_ehc_plans.csv").string() + "\"");
    replace_line("ehc_plan_prevalence_csv", "ehc_plan_prevalence_csv: \"data/assumptions/ehc_plan_prevalence.csv\"");
    replace_line("admission_probability_csv: \"data/" + areas.front().area->code,
                 "admission_probability_csv: \"data/assumptions/care_home_admission_probability.csv\"");
    for (const auto* table :
         {"assumptions/ehc_plan_prevalence.csv", "assumptions/care_home_admission_probability.csv"}) {
        Diagnostics diagnostics;
        const auto text = read_text_file(options.derivation.national_dir / table,
                                         (options.derivation.national_dir / table).string(), diagnostics);
        if (!text) throw InputError(diagnostics);
        files[data / table] = *text;
    }
    files[name + "_baseline.txtpb"] = t;
    return files;
}

}  // namespace carecast::derive
