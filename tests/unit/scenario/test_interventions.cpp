// Interventions: the ramp arithmetic, target levels, combination, and the checks of bad values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "finance/finance_rates.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

InterventionConfig ramp(double multiplier, int start, int full) {
    InterventionConfig i;
    i.name = "r";
    i.rate = DEMENTIA_INCIDENCE;
    i.start_year = start;
    i.full_effect_year = full;
    i.full_multiplier = multiplier;
    return i;
}

std::string baseline_text() {
    std::ifstream in(test::source_path("scenarios/checks/county_durham_2016.txtpb"));
    std::stringstream text;
    text << in.rdbuf() << "\n";
    return text.str();
}

/// The County Durham baseline with `extra` appended, resolved as a file in scenarios/.
ModelConfig resolve_with(const std::string& extra, Diagnostics& d) {
    std::stringstream text;
    text << baseline_text() << extra;
    auto file = parse_scenario_text(text.str(), test::source_path("scenarios/checks/t.txtpb"), d);
    REQUIRE(file);
    return resolve_model_config(*file, d);
}

}  // namespace

TEST_CASE("a ramp reaches its full effect linearly in whole years", "[interventions]") {
    const auto r = ramp(0.8, 2020, 2030);  // dementia incidence -20% by 2030
    CHECK(r.multiplier_in(2019) == 1.0);
    CHECK(r.multiplier_in(2020) == Approx(1 - 0.2 * 1.0 / 11).epsilon(1e-15));
    CHECK(r.multiplier_in(2025) == Approx(1 - 0.2 * 6.0 / 11).epsilon(1e-15));
    CHECK(r.multiplier_in(2030) == 0.8);
    CHECK(r.multiplier_in(2040) == 0.8);
    CHECK(r.ramp_fraction(2024) == 5.0 / 11);
}

TEST_CASE("a step acts in full from its start year", "[interventions]") {
    const auto r = ramp(1.5, 2022, 2022);
    CHECK(r.multiplier_in(2021) == 1.0);
    CHECK(r.multiplier_in(2022) == 1.5);
}

TEST_CASE("interventions on one rate multiply and respect their ages", "[interventions]") {
    auto a = ramp(0.8, 2020, 2020);
    auto b = ramp(0.5, 2025, 2025);
    b.min_age = 80;
    auto other = ramp(3.0, 2016, 2016);
    other.rate = FERTILITY;
    const std::vector<InterventionConfig> all = {a, b, other};
    CHECK(combined_multiplier(all, DEMENTIA_INCIDENCE, 2019, 85) == 1.0);
    CHECK(combined_multiplier(all, DEMENTIA_INCIDENCE, 2024, 85) == 0.8);
    CHECK(combined_multiplier(all, DEMENTIA_INCIDENCE, 2025, 85) == 0.8 * 0.5);
    CHECK(combined_multiplier(all, DEMENTIA_INCIDENCE, 2025, 79) == 0.8);
    CHECK(combined_multiplier(all, FERTILITY, 2030, 30) == 3.0);
}

TEST_CASE("a target level for a table rate is a multiplier of the baseline level", "[interventions]") {
    Diagnostics d;
    const auto config = resolve_with(R"(interventions {
  name: "england" rate: CARE_HOME_ADMISSION start_year: 2019 full_effect_year: 2025
  target_level: 585.6 baseline_level: 762.7 min_age: 65
})",
                                     d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    REQUIRE(config.interventions.size() == 1);
    const auto& i = config.interventions[0];
    CHECK(i.full_multiplier == 585.6 / 762.7);
    CHECK(i.min_age == 65);
    CHECK(i.max_age == 110);
    CHECK(i.multiplier_in(2022) == Approx(1 + (585.6 / 762.7 - 1) * 4.0 / 7));
}

TEST_CASE("a target level for a scalar rate is the parameter's new value", "[interventions]") {
    Diagnostics d;
    const auto config = resolve_with(R"(interventions {
  name: "ehc" rate: EHC_PLAN_GROWTH start_year: 2019 full_effect_year: 2020 target_level: 0.10
})",
                                     d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    CHECK(config.interventions[0].full_multiplier == 0.10 / 0.044);
    CHECK(0.044 * config.interventions[0].multiplier_in(2020) == Approx(0.10));
}

TEST_CASE("bad interventions are reported at their fields", "[interventions]") {
    Diagnostics d;
    resolve_with(
        R"(interventions { name: "a" rate: DEMENTIA_INCIDENCE start_year: 2020 multiplier: 0.8 target_level: 2 }
interventions { name: "a" rate: CARE_HOME_ADMISSION start_year: 2010 target_level: 585.6 }
interventions { name: "bad name" start_year: 2020 multiplier: 0.5 }
interventions { name: "c" rate: DEMENTIA_DIAGNOSIS start_year: 2020 target_level: 1.5 min_age: 70 }
interventions { name: "d" rate: MORTALITY start_year: 2030 full_effect_year: 2025 multiplier: -1 }
)",
        d);
    const auto text = d.to_string();
    INFO(text);
    const auto baseline = baseline_text();
    const auto first_line = std::count(baseline.begin(), baseline.end(), '\n') + 1;
    CHECK_THAT(text,
               Catch::Contains("t.txtpb:" + std::to_string(first_line) +
                               ":1: error: interventions[0]: give exactly one of `multiplier` and `target_level`"));
    CHECK_THAT(text, Catch::Contains("interventions[1].name: 'a' is used twice"));
    CHECK_THAT(text, Catch::Contains("interventions[1].start_year: value 2010 is out of range"));
    CHECK_THAT(text, Catch::Contains("interventions[1].baseline_level: is required with target_level"));
    CHECK_THAT(text, Catch::Contains("interventions[2].name: is required: letters, digits"));
    CHECK_THAT(text, Catch::Contains("interventions[2].rate: is required"));
    CHECK_THAT(text, Catch::Contains("interventions[3].min_age: applies to table rates only"));
    CHECK_THAT(text, Catch::Contains("interventions[3].target_level: value 1.5 is out of range: a value of "
                                     "dementia.annual_diagnosis_probability must be in [0, 1]"));
    CHECK_THAT(text, Catch::Contains("interventions[4].full_effect_year: value 2025 is out of range"));
    CHECK_THAT(text, Catch::Contains("interventions[4].multiplier: value -1 is out of range"));
}

TEST_CASE("an intervention on a cohort the scenario does not simulate is an error", "[interventions]") {
    Diagnostics d;
    auto file = parse_scenario_text(R"(schema_version: 1
name: "t"
demography {
  base_population_csv: "data/cd_base_mid2016_syoa_sex.csv"
  mortality { death_rates_csv: "data/ew_hmd_mx_2011-2016.csv" }
  fertility { fertility_rates_csv: "data/ew_hfd_asfr_2011-2016.csv" }
}
interventions { name: "x" rate: REABLEMENT start_year: 2020 multiplier: 2 }
)",
                                    test::source_path("scenarios/checks/t.txtpb"), d);
    REQUIRE(file);
    resolve_model_config(*file, d);
    CHECK_THAT(d.to_string(),
               Catch::Contains("t.txtpb:8:") &&
                   Catch::Contains(
                       "interventions[0].rate: reablement cannot change: this scenario does not simulate `home_care`"));
}

TEST_CASE("more carers supported raises the supported share from its start year", "[interventions]") {
    Diagnostics d;
    const auto config = resolve_with(R"(interventions {
  name: "carers" rate: CARERS_SUPPORTED start_year: 2020 full_effect_year: 2021 multiplier: 2
})",
                                     d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& money = config.finance.money;
    REQUIRE(money.carer_support_changes.size() == 1);
    CHECK(finance::carers_supported_share_bp(money, 2019) == 700);
    CHECK(finance::carers_supported_share_bp(money, 2020) == 1050);  // half way: x1.5
    CHECK(finance::carers_supported_share_bp(money, 2021) == 1400);
}
