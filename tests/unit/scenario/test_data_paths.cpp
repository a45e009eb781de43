// Data paths resolve under the scenario's folder by default (issue 11, item 4).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// Unsets CARECAST_DATA_ROOT (which the test harness sets) for the test's duration.
struct NoDataRootFromEnvironment {
    std::string saved;
    bool had = false;
    NoDataRootFromEnvironment() {
        if (const char* v = std::getenv("CARECAST_DATA_ROOT")) {
            had = true;
            saved = v;
        }
        ::unsetenv("CARECAST_DATA_ROOT");
    }
    ~NoDataRootFromEnvironment() {
        if (had) ::setenv("CARECAST_DATA_ROOT", saved.c_str(), 1);
    }
};

std::string messages_with_base_population(const std::string& base_population, const std::string& extra = "") {
    Diagnostics d;
    const std::string text = "schema_version: 1\nname: \"t\"\ndemography {\n  base_population_csv: \"" +
                             base_population +
                             "\"\n  mortality { death_rates_csv: \"data/ew_hmd_mx_2011-2016.csv\" }\n"
                             "  fertility { fertility_rates_csv: \"data/ew_hfd_asfr_2011-2016.csv\" }\n}\n" +
                             extra;
    auto file = parse_scenario_text(text, test::source_path("scenarios/s.txtpb"), d);
    REQUIRE(file);
    resolve_model_config(*file, d);
    return d.to_string();
}

}  // namespace

TEST_CASE("data files must lie under the scenario's folder unless data_root allows more", "[scenario]") {
    const NoDataRootFromEnvironment guard;
    CHECK(messages_with_base_population("data/cd_base_mid2016_syoa_sex.csv").empty());
    CHECK_THAT(messages_with_base_population("../tests/bad_inputs/data/fertility_wrong_header.csv"),
               Catch::Contains("is outside the folders data files may be read from"));
    CHECK_THAT(messages_with_base_population("/etc/passwd"), Catch::Contains("is outside the folders"));
    CHECK_THAT(messages_with_base_population("data/../../tests/bad_inputs/data/fertility_wrong_header.csv"),
               Catch::Contains("is outside the folders"));
    CHECK(messages_with_base_population("../tests/bad_inputs/data/fertility_wrong_header.csv", "data_root: \"..\"\n")
              .empty());
}

TEST_CASE("data files that are not regular files are refused", "[scenario]") {
    const NoDataRootFromEnvironment guard;
    CHECK_THAT(messages_with_base_population("/dev/zero", "data_root: \"/\"\n"), Catch::Contains("not a regular file"));
    CHECK_THAT(messages_with_base_population("data", "data_root: \"/\"\n"), Catch::Contains("not a regular file"));
}
