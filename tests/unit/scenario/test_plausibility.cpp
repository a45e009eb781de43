// Plausibility warnings (scenario/plausibility.hpp): legal values that are almost certainly a mistake
// are warned about at their field, never fail validation, and reach the loaded scenario.
#include <catch2/catch.hpp>

#include <fstream>

#include "scenario/plausibility.hpp"
#include "sim/load_scenario.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

std::string warnings_of(const LoadedScenario& loaded) {
    std::string out;
    for (const auto& w : loaded.warnings) out += w + "\n";
    return out;
}

/// Writes a what-if of the baseline next to it (paths in the baseline are relative to its directory).
struct WhatIf {
    std::filesystem::path path;
    explicit WhatIf(const std::string& name, const std::string& text)
        : path(test::source_path("scenarios") / ("test_plausibility_" + name + ".txtpb")) {
        std::ofstream(path) << "extends: \"county_durham_baseline.txtpb\"\nname: \"" << name << "\"\n" << text;
    }
    ~WhatIf() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("a multiplier written as a percent is warned about, with what was likely meant", "[warnings]") {
    WhatIf w("percent", R"(interventions { name: "x" rate: CARE_HOME_ADMISSION start_year: 2020 multiplier: 15 }
interventions { name: "y" rate: REABLEMENT start_year: 2020 multiplier: 0.05 }
)");
    const auto loaded = load_scenario(w.path);
    const auto all = warnings_of(loaded);
    CHECK_THAT(all, Catch::Contains("test_plausibility_percent.txtpb:3:") &&
                        Catch::Contains("warning: interventions[0].multiplier: multiplier 15 is outside the plausible "
                                        "range 0.2..3; a multiplier multiplies the rate (1.15 is +15%, 0.85 is -15%): "
                                        "did you mean 1.15 or 0.85?"));
    CHECK_THAT(all, Catch::Contains("interventions[1].multiplier: multiplier 0.05 is outside the plausible range"));
    CHECK(loaded.warnings.size() == 2);
}

TEST_CASE("a what-if identical to its parent is warned about", "[warnings]") {
    WhatIf same("same", "description: \"changes nothing\"\nrun { seed: 20160630 }\n");
    const auto loaded = load_scenario(same.path);
    CHECK_THAT(warnings_of(loaded), Catch::Contains("warning: extends: this what-if changes nothing"));
    CHECK(loaded.changes.empty());
    WhatIf different("different", "run { seed: 1 }\n");
    const auto other = load_scenario(different.path);
    CHECK(other.warnings.empty());
    REQUIRE(other.changes.size() == 1);
    CHECK(other.changes[0] == "run.seed: 20160630 -> 1");
}

TEST_CASE("the shipped scenarios have no warnings", "[warnings]") {
    for (const auto* name : {"county_durham_baseline.txtpb", "whatif_extra_care_2022.txtpb",
                             "whatif_fee_uplift_5pct.txtpb", "whatif_reablement_expansion.txtpb"}) {
        const auto loaded = load_scenario(test::source_path("scenarios") / name);
        INFO(name << "\n" << warnings_of(loaded));
        CHECK(loaded.warnings.empty());
    }
}
