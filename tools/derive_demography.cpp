// carecast-derive: re-estimates County Durham's demographic parameters from the data files, so that
// anyone can check and reproduce the shipped defaults (docs/demography.md describes the method).
//
//   carecast-derive --scenario scenarios/county_durham_baseline.txtpb
//                   --write-migration scenarios/data/derived/cd_net_migration_2011_2016.csv --force
//
// prints the local mortality and fertility factors to put in the scenario, a report of checks, and
// writes the net migration table.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>

#include <boost/program_options.hpp>

#include "demography/calibration.hpp"
#include "io/csv_table.hpp"
#include "output/atomic_file.hpp"
#include "sim/load_scenario.hpp"

namespace {

using namespace carecast;
namespace po = boost::program_options;

struct Derived {
    double mortality_factor[sex_count] = {1, 1};
    double fertility_factor = 1;
    std::vector<double> net_migration;
};

/// The scenario's configuration and data with net migration left out (it is what we estimate).
std::pair<ModelConfig, DemographicInputs> read_without_migration(const std::filesystem::path& scenario,
                                                                 const std::filesystem::path& base_csv, int base_year) {
    Diagnostics diagnostics;
    auto file = parse_scenario_file(scenario, diagnostics);
    if (!file) throw InputError(diagnostics);
    file->scenario.mutable_demography()->mutable_migration()->clear_net_migration_csv();
    auto config = resolve_model_config(*file, diagnostics);
    if (!base_csv.empty()) config.demography.base_population_csv = base_csv;
    config.run.base_year = base_year;
    config.run.horizon_year = std::max(config.run.horizon_year, base_year + 1);
    auto inputs = read_demographic_inputs(config, diagnostics);
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return {config, inputs};
}

ObservedPopulation observed(const DemographicInputs& inputs, int year) {
    ObservedPopulation obs{year,
                           std::vector<std::int64_t>(sex_count * static_cast<std::size_t>(inputs.open_age + 1), 0)};
    for (std::size_t i = 0; i < inputs.base_counts.size(); ++i)
        obs.counts[i % obs.counts.size()] += inputs.base_counts[i];
    return obs;
}

/// County Durham life expectancy at birth for a period ("2016 - 18") from the Fingertips extract.
double life_expectancy_target(const std::filesystem::path& csv, const std::string& period, const std::string& sex) {
    Diagnostics diagnostics;
    const auto table = CsvTable::read(csv, csv.string(), diagnostics);
    if (!table.require_columns({"area_code", "period", "indicator", "value", "sex"}, diagnostics))
        throw InputError(diagnostics);
    for (const auto& row : table.rows())
        if (row.fields[*table.column("area_code")] == "E06000047" && row.fields[*table.column("period")] == period &&
            row.fields[*table.column("indicator")] == "Life expectancy at birth" &&
            row.fields[*table.column("sex")] == sex)
            return std::stod(row.fields[*table.column("value")]);
    throw std::runtime_error("no County Durham life expectancy for " + period + " " + sex + " in " + csv.string());
}

void print_life_expectancy(const DemographicInputs& inputs, const DemographyConfig& config,
                           const std::filesystem::path& le_csv) {
    std::printf("\nLife expectancy at birth implied by the model's local rates (target: County Durham, PHE):\n");
    const char* sex_label[] = {"Female", "Male"};
    for (const auto& [period, first] : {std::pair<std::string, int>{"2015 - 17", 2015}, {"2016 - 18", 2016}})
        for (int sex = 0; sex < sex_count; ++sex)
            std::printf("  %s %-6s model %.2f  target %.1f\n", period.c_str(), sex_label[sex],
                        model_life_expectancy(inputs, config, sex, first, first + 2),
                        life_expectancy_target(le_csv, period, sex_label[sex]));
}

void print_backtest(const DemographicInputs& inputs11, ModelConfig config11,
                    const std::vector<ObservedPopulation>& later) {
    std::printf("\nBack-test (expected values) from mid-2011: total and worst 5-year band x sex:\n");
    const int open = inputs11.open_age;
    for (const auto& obs : later) {
        config11.run.horizon_year = obs.year;
        const auto expected = expected_at_open_ages(inputs11, config11, obs.year, open);
        const double e_total = std::accumulate(expected.begin(), expected.end(), 0.0);
        const double o_total =
            static_cast<double>(std::accumulate(obs.counts.begin(), obs.counts.end(), std::int64_t{0}));
        double worst = 0;
        for (int sex = 0; sex < sex_count; ++sex)
            for (int band = 0; band <= open; band += 5) {
                double e = 0, o = 0;
                for (int a = band; a < std::min(band + 5, open + 1); ++a) {
                    e += expected[static_cast<std::size_t>(sex * (open + 1) + a)];
                    o += static_cast<double>(obs.counts[static_cast<std::size_t>(sex * (open + 1) + a)]);
                }
                worst = std::max(worst, std::abs(e / o - 1));
            }
        std::printf("  mid-%d: expected %.0f observed %.0f (%+.3f%%); worst band %.2f%%\n", obs.year, e_total, o_total,
                    100 * (e_total / o_total - 1), 100 * worst);
    }
}

void write_migration(const std::filesystem::path& path, bool force, const Derived& d, int max_age) {
    output::publish_atomically(path, force, [&](const std::filesystem::path& temp) {
        std::ofstream out(temp);
        out << "# County Durham (E06000047) net migration per year by single year of age reached at the end of the "
               "year "
               "and sex (in minus out), estimated as the residual of the ONS mid-2011, mid-2014 and mid-2016 estimates "
               "after the model's births and deaths.\n"
               "# Derived, not published: generated by `carecast-derive` (tools/derive_demography.cpp) from "
               "cd_mye2011_syoa_sex.csv, cd_mye2014_syoa_sex.csv, cd_base_mid2016_syoa_sex.csv, "
               "ew_hmd_mx_2011-2016.csv "
               "and ew_hfd_asfr_2011-2016.csv; method in docs/demography.md. Do not edit by hand.\n"
               "age,sex,net_per_year\n";
        const char* sexes[] = {"F", "M"};
        char line[64];
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= max_age; ++age) {
                const double v = d.net_migration[static_cast<std::size_t>(sex * (max_age + 1) + age)];
                std::snprintf(line, sizeof line, "%d,%s,%.3f\n", age, sexes[sex], std::abs(v) < 5e-4 ? 0.0 : v);
                out << line;
            }
        if (!out.flush()) throw std::runtime_error("cannot write " + temp.string());
    });
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("carecast-derive: estimate local demographic parameters from the data");
    options.add_options()("help,h", "show this help")(
        "scenario", po::value<std::string>()->default_value("scenarios/county_durham_baseline.txtpb"),
        "baseline scenario")("mye2011",
                             po::value<std::string>()->default_value("scenarios/data/cd_mye2011_syoa_sex.csv"),
                             "mid-2011 population")(
        "mye2014", po::value<std::string>()->default_value("scenarios/data/cd_mye2014_syoa_sex.csv"),
        "mid-2014 population")(
        "life-expectancy",
        po::value<std::string>()->default_value("scenarios/data/cd_england_le_hle_ascof2a_to2018.csv"),
        "life expectancy targets")("write-migration", po::value<std::string>(), "write the net migration CSV here")(
        "force", "overwrite the migration CSV if it exists");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv)
                      .options(options)
                      .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                      .run(),
                  vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options;
            return 0;
        }
        auto [config16, inputs16] = read_without_migration(vm["scenario"].as<std::string>(), {}, 2016);
        const auto [config11, inputs11] =
            read_without_migration(vm["scenario"].as<std::string>(), vm["mye2011"].as<std::string>(), 2011);
        const auto [config14, inputs14] =
            read_without_migration(vm["scenario"].as<std::string>(), vm["mye2014"].as<std::string>(), 2014);
        const std::filesystem::path le_csv = vm["life-expectancy"].as<std::string>();
        Derived d;
        const char* sex_label[] = {"Female", "Male"};
        for (int sex = 0; sex < sex_count; ++sex)
            d.mortality_factor[sex] =
                calibrate_mortality_factor(inputs16, config16.demography, sex, 2016, 2018,
                                           life_expectancy_target(le_csv, "2016 - 18", sex_label[sex]));
        config16.demography.mortality_factor_female = d.mortality_factor[0];
        config16.demography.mortality_factor_male = d.mortality_factor[1];
        const std::vector<ObservedPopulation> all{observed(inputs11, 2011), observed(inputs14, 2014),
                                                  observed(inputs16, 2016)};
        d.fertility_factor = calibrate_fertility_factor(inputs16, config16.demography, all, inputs16.open_age);
        ModelConfig c11 = config11;
        c11.demography.mortality_factor_female = d.mortality_factor[0];
        c11.demography.mortality_factor_male = d.mortality_factor[1];
        c11.demography.fertility_factor = d.fertility_factor;
        const std::vector<ObservedPopulation> later{all[1], all[2]};
        d.net_migration = estimate_net_migration(inputs11, c11, later, 30);
        std::printf(
            "Put these in the scenario:\n  mortality.local_factor_male: %.4f\n  mortality.local_factor_female: %.4f\n"
            "  fertility.local_factor: %.4f\n",
            d.mortality_factor[1], d.mortality_factor[0], d.fertility_factor);
        print_life_expectancy(inputs16, config16.demography, le_csv);
        DemographicInputs with_migration = inputs11;
        with_migration.net_migration = d.net_migration;
        print_backtest(with_migration, c11, later);
        const double net_total = std::accumulate(d.net_migration.begin(), d.net_migration.end(), 0.0);
        std::printf("\nNet migration: %+.0f a year (%+.0f over 2011-2016)\n", net_total, 5 * net_total);
        if (vm.count("write-migration"))
            write_migration(vm["write-migration"].as<std::string>(), vm.count("force") > 0, d, inputs11.grid.max_age);
        return 0;
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string();
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "carecast-derive: error: " << e.what() << "\n";
        return 1;
    }
}
