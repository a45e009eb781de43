// Any council from the national data pack: the pack reader, and the derivation checked against its
// defining arithmetic (not against itself): fitted levels reproduce registered deaths and births,
// migration reproduces ONS's net flow, EHC tables reproduce SEN2 counts, and a back-test's fit never
// sees data from after its base year.
#include <catch2/catch.hpp>

#include <fstream>
#include <numeric>
#include <sstream>

#include <zlib.h>

#include "demography/expected_projection.hpp"
#include "derive/area_derivation.hpp"
#include "derive/council_files.hpp"
#include "io/text_file.hpp"
#include "sim/run_results.hpp"
#include "test_support.hpp"

using namespace carecast;
using namespace carecast::derive;
namespace fs = std::filesystem;

namespace {

const AreaPack& shipped_pack() {
    static const AreaPack pack = AreaPack::open(test::source_path("scenarios/data/england"));
    return pack;
}

DerivationOptions options_for(int base_year) {
    DerivationOptions o;
    o.base_year = base_year;
    o.national_dir = test::source_path("scenarios/data");
    return o;
}

std::int64_t total(const SexAgeCounts& c) {
    return std::accumulate(c.begin(), c.end(), std::int64_t{0});
}

/// Expected deaths and births of the model for `counts` over the year from mid-`year` at `factor`.
std::pair<double, double> model_deaths_births(const SexAgeCounts& counts, int year, double mortality,
                                              double fertility) {
    ModelConfig config;
    config.demography.death_rates_csv = test::source_path("scenarios/data/ew_hmd_mx_2011-2016.csv");
    config.demography.fertility_rates_csv = test::source_path("scenarios/data/ew_hfd_asfr_2011-2016.csv");
    config.demography.mortality_factor_male = config.demography.mortality_factor_female = mortality;
    config.demography.fertility_factor = fertility;
    config.run.base_year = year;
    config.run.horizon_year = year + 1;
    Diagnostics diagnostics;
    auto inputs = read_demographic_inputs(config, diagnostics);
    REQUIRE(diagnostics.empty());
    inputs.grid.areas = {"X"};
    inputs.base_counts.assign(counts.begin(), counts.end());
    const auto rates = build_demographic_rates(inputs, config);
    const auto step = expected_step(rates, 0, std::vector<double>(rates.base_counts.begin(), rates.base_counts.end()));
    const auto sum = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    return {sum(step.flows[static_cast<int>(Flow::deaths)]), sum(step.flows[static_cast<int>(Flow::births)])};
}

/// Field `column` of a CSV line as a year (quoted fields may hold commas).
int year_of(const std::string& line, int column) {
    int c = 0;
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"') quoted = !quoted;
        if (i == line.size() || (line[i] == ',' && !quoted)) {
            if (c == column) return std::stoi(line.substr(start, i - start));
            ++c;
            start = i + 1;
        }
    }
    return 0;
}

/// A copy of the pack with every row dated after `last_year` removed (ASCOF 2020-21 dropped whole).
fs::path pack_up_to(int last_year) {
    const fs::path dir = fs::temp_directory_path() / ("carecast-pack-to-" + std::to_string(last_year));
    fs::create_directories(dir);
    const fs::path source = test::source_path("scenarios/data/england");
    for (const auto& entry : fs::directory_iterator(source)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("ascof", 0) == 0) continue;
        Diagnostics diagnostics;
        const auto text = read_text_file(entry.path(), name, diagnostics);
        REQUIRE(text);
        // Keep the `#` lines and the header; drop data rows whose year (or year_to_mid) is later.
        std::istringstream in(*text);
        std::string line, kept;
        int year_column = -1;
        bool header_seen = false;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#' || !header_seen) {
                if (!line.empty() && line[0] != '#') {
                    header_seen = true;
                    std::istringstream h(line);
                    std::string field;
                    for (int c = 0; std::getline(h, field, ','); ++c)
                        if (field == "year" || field == "year_to_mid") year_column = c;
                }
                kept += line + "\n";
                continue;
            }
            if (year_column >= 0 && year_of(line, year_column) > last_year) continue;
            kept += line + "\n";
        }
        if (entry.path().extension() == ".gz") {
            gzFile out = gzopen((dir / name).c_str(), "wb");
            gzwrite(out, kept.data(), static_cast<unsigned>(kept.size()));
            gzclose(out);
        } else {
            std::ofstream(dir / name) << kept;
        }
    }
    return dir;
}

}  // namespace

TEST_CASE("The national pack: 152 councils, names and codes matched, districts, published totals", "[derive]") {
    const auto& pack = shipped_pack();
    const auto councils =
        std::count_if(pack.areas().begin(), pack.areas().end(), [](const PackArea& a) { return a.council(); });
    CHECK(councils == 152);
    CHECK(pack.match("county durham", true).size() == 1);
    CHECK(pack.match("E06000005", true).front()->name == "Darlington");
    CHECK(pack.match("Kingston upon Hull, City of", true).size() == 1);  // a quoted name with a comma
    CHECK(pack.match("north", true).size() > 1);                         // ambiguous: the caller lists them
    CHECK(pack.suggestions("thurok", 3).front()->code == "E06000034");
    CHECK(pack.districts("E10000024").size() == 7);  // Nottinghamshire
    CHECK(pack.districts("E06000047").empty());      // a unitary council is its own district
    REQUIRE(pack.population("E06000047", 2016));
    CHECK(total(*pack.population("E06000047", 2016)) == 522143);  // original mid-2016 release (README)
    CHECK(total(*pack.population("E06000047", 2011)) == 512994);
    CHECK(pack.all_population_years() == std::vector<int>{2011, 2014, 2015, 2016, 2017, 2018, 2019, 2020});
    CHECK(pack.ehc_plans("E06000047", 2016, -1).value() == 2572);  // TARGETS.md: SEN2 January 2016
}

TEST_CASE("Derived levels reproduce the area's registered deaths and births", "[derive]") {
    const auto& pack = shipped_pack();
    for (const char* code : {"E06000034", "E06000047", "E06000018", "E06000005"}) {
        const auto d = derive_area(pack, *pack.find(code), options_for(2020));
        INFO(code);
        REQUIRE(d.component_years == std::vector<int>{2016, 2017, 2018, 2019});  // year to mid-2020 (COVID) left out
        double deaths = 0, births = 0;
        for (int y : d.component_years) {
            const auto [dd, bb] =
                model_deaths_births(*pack.population(code, y - 1), y - 1, d.mortality_factor, d.fertility_factor);
            deaths += dd;
            births += bb;
        }
        CHECK(deaths == Approx(static_cast<double>(d.observed_deaths)).epsilon(1e-6));
        CHECK(births == Approx(static_cast<double>(d.observed_births)).epsilon(1e-9));
        std::int64_t registered = 0;
        for (int y : d.component_years) registered += pack.components(code, y)->deaths;
        CHECK(registered == d.observed_deaths);
        // Net migration's level is ONS's own net flow over the fit years.
        double net = std::accumulate(d.net_migration.begin(), d.net_migration.end(), 0.0);
        double ons = 0;
        for (int y = 2016; y <= 2020; ++y) ons += static_cast<double>(pack.components(code, y)->net_migration());
        CHECK(net == Approx(ons / 5).margin(0.5));
        CHECK(d.base_year == 2020);
        CHECK(total(d.base_population) == total(*pack.population(code, 2020)));
    }
}

TEST_CASE("EHC tables reproduce the SEN2 count of each published band", "[derive]") {
    const auto& pack = shipped_pack();
    const auto d = derive_area(pack, *pack.find("E06000034"), options_for(2020));
    std::vector<double> expected(sen2_bands.size(), 0.0);
    for (const auto& line : d.ehc_table_lines) {
        std::istringstream in(line);
        std::string lo, hi, sex, value;
        std::getline(in, lo, ',');
        std::getline(in, hi, ',');
        std::getline(in, sex, ',');
        std::getline(in, value, ',');
        for (int a = std::stoi(lo); a <= std::stoi(hi); ++a)
            for (std::size_t b = 0; b < sen2_bands.size(); ++b)
                if (a >= sen2_band_ages[b][0] && a <= sen2_band_ages[b][1])
                    expected[b] += std::stod(value) * static_cast<double>(d.base_population[static_cast<std::size_t>(
                                                          (sex == "M") * pack_age_count + std::min(a, 90))]);
    }
    for (std::size_t b = 0; b < sen2_bands.size(); ++b)
        if (const auto count = pack.ehc_plans("E06000034", 2020, static_cast<int>(b))) {
            INFO(sen2_bands[b]);
            CHECK(expected[b] == Approx(static_cast<double>(*count)).epsilon(1e-4));
        }
}

TEST_CASE("A back-test's fit uses no data from after its base year", "[derive]") {
    // The same derivation from a pack that holds nothing after 2016 gives exactly the same parameters.
    const fs::path truncated = pack_up_to(2016);
    const auto full = AreaPack::open(test::source_path("scenarios/data/england"));
    const auto cut = AreaPack::open(truncated);
    for (const char* code : {"E06000047", "E06000034", "E10000024"}) {
        INFO(code);
        const auto a = derive_area(full, *full.find(code), options_for(2016));
        const auto b = derive_area(cut, *cut.find(code), options_for(2016));
        CHECK(a.mortality_factor == b.mortality_factor);
        CHECK(a.fertility_factor == b.fertility_factor);
        CHECK(a.net_migration == b.net_migration);
        CHECK(a.ehc_table_lines == b.ehc_table_lines);
        CHECK(a.ehc_growth == b.ehc_growth);
        CHECK(a.admission_table_lines == b.admission_table_lines);
        CHECK(a.migration_years == std::vector<int>{2011, 2014, 2015, 2016});
    }
    fs::remove_all(truncated);
}

TEST_CASE("A base year the data lacks, and an area missing from a fit year, are errors naming them", "[derive]") {
    const auto& pack = shipped_pack();
    try {
        derive_area(pack, *pack.find("E06000034"), options_for(2013));
        FAIL("2013 accepted");
    } catch (const InputError& e) {
        const std::string text = e.diagnostics().to_string();
        CHECK(text.find("base year 2013 is not in the data") != std::string::npos);
        CHECK(text.find("2011, 2014, 2015, 2016, 2017, 2018, 2019, 2020") != std::string::npos);
    }
}

TEST_CASE("Council files: the scenario names every value local or national", "[derive]") {
    const auto& pack = shipped_pack();
    InitOptions init;
    init.derivation = options_for(2020);
    init.local_dir = test::source_path("scenarios/data/local");
    init.command_line = "carecast init E06000034 -o DIR";
    const auto files = council_files(pack, derive_area(pack, *pack.find("E06000034"), init.derivation), init);
    const std::string& scenario = files.at("thurrock_baseline.txtpb");
    CHECK(scenario.find("base_year: 2020") != std::string::npos);
    CHECK(scenario.find("horizon_year: 2040") != std::string::npos);
    CHECK(scenario.find("# LOCAL: 4949 registered deaths") != std::string::npos);
    CHECK(scenario.find("# NATIONAL: CFAS II unscaled") != std::string::npos);
    CHECK(files.count("data/E06000034/base_population_mid2020.csv") == 1);
    CHECK(files.count("data/ew_hmd_mx_2011-2016.csv") == 1);
    // County Durham's own figures (data/local) replace the national defaults and say so.
    const auto durham = council_files(pack, derive_area(pack, *pack.find("E06000047"), init.derivation), init);
    const std::string& cd = durham.at("county_durham_baseline.txtpb");
    CHECK(cd.find("prevalence_scale: 1.1230") != std::string::npos);
    CHECK(cd.find("# LOCAL: CFAS II times 1.123") != std::string::npos);
    CHECK(cd.find("envelope { line: \"residential_care\"") != std::string::npos);
}
