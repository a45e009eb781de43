// Checks against reality (docs/validation.md): the base year, life expectancy, the back-test from
// mid-2011 and the reproducibility of the shipped derived data.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "demography/calibration.hpp"
#include "demography/demographic_rates.hpp"
#include "io/csv_table.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("life expectancy of the model's 2016-18 rates is within 0.2 years of County Durham's",
          "[statistical][calibration]") {
    const auto loaded = test::load_baseline();
    const int female = static_cast<int>(Sex::female), male = static_cast<int>(Sex::male);
    // PHE Fingertips, County Durham 2016-18: males 78.2, females 81.4.
    CHECK(std::abs(model_life_expectancy(loaded.demography, loaded.config.demography, male, 2016, 2018) - 78.2) < 0.2);
    CHECK(std::abs(model_life_expectancy(loaded.demography, loaded.config.demography, female, 2016, 2018) - 81.4) <
          0.2);
}

TEST_CASE("a run from mid-2011 reproduces the mid-2014 and mid-2016 estimates", "[statistical][calibration]") {
    const auto loaded = load_scenario(test::source_path("scenarios/checks/county_durham_backtest_2011.txtpb"));
    const Model model = build_model(loaded);
    SimulationOptions options;
    options.seed = loaded.config.run.seed;
    options.replicate_count = 4;
    const auto results = simulate(model, options);
    const auto& grid = model.demography.grid;
    for (const auto& [year, file] : {std::pair<int, const char*>{2014, "scenarios/data/cd_mye2014_syoa_sex.csv"},
                                     {2016, "scenarios/data/cd_base_mid2016_syoa_sex.csv"}}) {
        auto config = loaded.config;
        config.demography.base_population_csv = test::source_path(file);
        Diagnostics d;
        const auto observed = read_demographic_inputs(config, d).base_counts;  // [sex][0..90]
        REQUIRE(d.empty());
        std::vector<double> simulated(observed.size(), 0.0);
        for (const auto& rep : results.replicates)
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = 0; age <= grid.max_age; ++age)
                    simulated[static_cast<std::size_t>(sex * 91 + std::min(age, 90))] +=
                        rep.population()[static_cast<std::size_t>(year - 2011) * grid.cell_count() +
                                         grid.cell(0, sex, age)] /
                        static_cast<double>(results.replicates.size());
        const double sim_total = test::sum_of(simulated), obs_total = test::sum_of(observed);
        INFO("mid-" << year << ": simulated " << sim_total << " observed " << obs_total);
        CHECK(std::abs(sim_total / obs_total - 1) < 0.005);
        for (int sex = 0; sex < sex_count; ++sex)
            for (int band = 0; band <= 90; band += 5) {
                double s = 0, o = 0;
                for (int a = band; a < std::min(band + 5, 91); ++a) {
                    s += simulated[static_cast<std::size_t>(sex * 91 + a)];
                    o += static_cast<double>(observed[static_cast<std::size_t>(sex * 91 + a)]);
                }
                INFO(sex_names[sex] << " " << band << "-" << band + 4 << ": simulated " << s << " observed " << o);
                CHECK(std::abs(s / o - 1) < 0.03);
            }
    }
}

TEST_CASE("the shipped factors and net migration are what carecast-derive produces", "[statistical][calibration]") {
    const auto loaded = test::load_baseline();
    const auto& d = loaded.config.demography;
    auto config = loaded.config;
    // Re-derive the mortality factors (the derivation tool's first step) and compare to 4 decimals.
    const double male = calibrate_mortality_factor(loaded.demography, d, static_cast<int>(Sex::male), 2016, 2018, 78.2);
    const double female =
        calibrate_mortality_factor(loaded.demography, d, static_cast<int>(Sex::female), 2016, 2018, 81.4);
    CHECK(std::abs(male - d.mortality_factor_male) < 5e-5);
    CHECK(std::abs(female - d.mortality_factor_female) < 5e-5);
    // Net migration: run the tool and compare its output with the shipped file byte for byte.
    const auto out = std::filesystem::temp_directory_path() / "carecast_derived_migration.csv";
    std::filesystem::remove(out);
    const std::string command = std::string(CARECAST_BINARY_DIR) + "/carecast-derive --scenario " +
                                test::source_path("scenarios/checks/county_durham_2016.txtpb").string() +
                                " --mye2011 " + test::source_path("scenarios/data/cd_mye2011_syoa_sex.csv").string() +
                                " --mye2014 " + test::source_path("scenarios/data/cd_mye2014_syoa_sex.csv").string() +
                                " --life-expectancy " +
                                test::source_path("scenarios/data/cd_england_le_hle_ascof2a_to2018.csv").string() +
                                " --write-migration " + out.string() + " > /dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream a(out), b(d.net_migration_csv);
    const std::string derived((std::istreambuf_iterator<char>(a)), {}),
        shipped((std::istreambuf_iterator<char>(b)), {});
    CHECK(derived == shipped);
}
