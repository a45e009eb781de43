#pragma once
// Helpers for tests of the scenario schema: a scenario given as text, parsed and resolved.
#include <catch2/catch.hpp>

#include <string>

#include "core/diagnostics.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

namespace carecast::test {

/// The smallest valid scenario: County Durham's 2016 population, mortality and fertility, nothing else.
inline const char* const minimal_scenario = R"(schema_version: 1
name: "t"
demography {
  base_population_csv: "data/cd_base_mid2016_syoa_sex.csv"
  mortality { death_rates_csv: "data/ew_hmd_mx_2011-2016.csv" }
  fertility { fertility_rates_csv: "data/ew_hfd_asfr_2011-2016.csv" }
}
)";

/// `text` parsed as a scenario file in scenarios/ and resolved; problems go to `d`.
inline ModelConfig resolve_scenario_text(const std::string& text, Diagnostics& d) {
    auto file = parse_scenario_text(text, source_path("scenarios/s.txtpb"), d);
    REQUIRE(file);
    return resolve_model_config(*file, d);
}

/// The problems resolving `text` reports, one per line ("" when it is valid).
inline std::string resolve_messages(const std::string& text) {
    Diagnostics d;
    resolve_scenario_text(text, d);
    return d.to_string();
}

}  // namespace carecast::test
