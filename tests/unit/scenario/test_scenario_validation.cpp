#include <catch2/catch.hpp>

#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario_test_support.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {
std::string diagnostic_text(const Diagnostics& d) {
    return d.to_string();
}
}  // namespace

TEST_CASE("a minimal scenario resolves with documented defaults", "[scenario]") {
    Diagnostics d;
    const auto config = test::resolve_scenario_text(test::minimal_scenario, d);
    CHECK(d.empty());
    CHECK(config.run.base_year == 2016);
    CHECK(config.run.horizon_year == 2040);
    CHECK(config.demography.max_age == 110);
    CHECK(config.demography.mortality_improvement == Approx(0.012));
    CHECK(config.demography.base_population_csv == test::source_path("scenarios/data/cd_base_mid2016_syoa_sex.csv"));
}

TEST_CASE("unknown fields are syntax errors with a position", "[scenario]") {
    Diagnostics d;
    CHECK_FALSE(parse_scenario_text("schema_version: 1\nnmae: \"x\"\n", "s.txtpb", d));
    // At the misspelt word (protobuf reports the token after it), with the nearest valid names.
    CHECK_THAT(diagnostic_text(d),
               Catch::Contains("s.txtpb:2:1: error:") && Catch::Contains("no field named \"nmae\"") &&
                   Catch::Contains("did you mean 'name'?") && Catch::Contains("valid fields: schema_version"));
}

TEST_CASE("an unknown enum value is reported at its line with did-you-mean and the valid values", "[scenario]") {
    Diagnostics d;
    const std::string text = "schema_version: 1\ninterventions {\n  rate: CARE_HOME_ADMISSIONS\n}\n";
    CHECK_FALSE(parse_scenario_text(text, "s.txtpb", d));
    CHECK_THAT(diagnostic_text(d),
               Catch::Contains("s.txtpb:3:9: error: unknown value \"CARE_HOME_ADMISSIONS\" for field "
                               "\"rate\"; did you mean 'CARE_HOME_ADMISSION'?") &&
                   Catch::Contains("valid values: MORTALITY"));
}

TEST_CASE("a misspelt field deep in a section is placed on its own line", "[scenario]") {
    Diagnostics d;
    const std::string text = "schema_version: 1\ninterventions {\n  name: \"x\"\n  start_yaer: 2020\n}\n";
    CHECK_FALSE(parse_scenario_text(text, "s.txtpb", d));
    CHECK_THAT(diagnostic_text(d),
               Catch::Contains("s.txtpb:4:3: error: no field named \"start_yaer\" in Intervention; did "
                               "you mean 'start_year'?"));
}

TEST_CASE("semantic errors name the field and its line and the allowed range all at once", "[scenario]") {
    Diagnostics d;
    std::string text = test::minimal_scenario;
    text += "run { base_year: 2030 horizon_year: 2020 replicates: 0 }\n";
    text.replace(text.find("fertility {"), 11, "fertility { probability_male_at_birth: 1.5 local_factor: -1");
    test::resolve_scenario_text(text, d);
    const auto all = diagnostic_text(d);
    CHECK_THAT(all, Catch::Contains("s.txtpb:8:23: error: run.horizon_year: years are reversed"));
    CHECK_THAT(all, Catch::Contains("run.replicates: value 0 is out of range"));
    CHECK_THAT(all, Catch::Contains("demography.fertility.probability_male_at_birth: value 1.5 is out of range: "
                                    "a probability must be in [0, 1]"));
    CHECK_THAT(all, Catch::Contains("demography.fertility.local_factor: value -1 is out of range"));
    CHECK(d.items().size() == 4);
}

TEST_CASE("missing required files and a wrong schema version are reported", "[scenario]") {
    Diagnostics d;
    test::resolve_scenario_text("schema_version: 2\nname: \"bad name!\"\n", d);
    const auto all = diagnostic_text(d);
    CHECK_THAT(all, Catch::Contains("schema_version: is 2; this engine reads schema_version 1"));
    CHECK_THAT(all, Catch::Contains("name: may contain only letters"));
    CHECK_THAT(all, Catch::Contains("demography.base_population_csv: is required"));
    CHECK_THAT(all, Catch::Contains("demography.mortality.death_rates_csv: is required"));
}

TEST_CASE("a missing data file is reported at the field that names it", "[scenario]") {
    Diagnostics d;
    std::string text = test::minimal_scenario;
    text.replace(text.find("data/ew_hfd"), 11, "data/nofile");
    test::resolve_scenario_text(text, d);
    REQUIRE(d.items().size() == 1);
    CHECK_THAT(diagnostic_text(d),
               Catch::Contains("s.txtpb:6:15: error: demography.fertility.fertility_rates_csv: cannot open"));
}

TEST_CASE("data paths resolve relative to the scenario file", "[scenario]") {
    Diagnostics d;
    auto file = parse_scenario_text(test::minimal_scenario, "dir/sub/s.txtpb", d);
    REQUIRE(file);
    CHECK(file->resolve("data/x.csv") == std::filesystem::path("dir/sub/data/x.csv"));
    CHECK(file->resolve("/abs/x.csv") == std::filesystem::path("/abs/x.csv"));
}
