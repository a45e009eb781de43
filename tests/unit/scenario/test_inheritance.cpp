// Scenario inheritance (`extends`): the merge rules of scenario/scenario_inheritance.hpp, one case each.
#include <catch2/catch.hpp>

#include <fstream>

#include <google/protobuf/text_format.h>

#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_inheritance.hpp"
#include "sim/load_scenario.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// A fresh directory holding scenario files for one test.
struct ScenarioDir {
    std::filesystem::path root;
    explicit ScenarioDir(const std::string& name)
        : root(std::filesystem::temp_directory_path() / ("carecast-inheritance-" + name)) {
        std::filesystem::remove_all(root);
        std::filesystem::create_directories(root / "whatif");
    }
    ~ScenarioDir() { std::filesystem::remove_all(root); }
    std::filesystem::path write(const std::string& relative, const std::string& text) const {
        std::ofstream(root / relative) << text;
        return root / relative;
    }
};

/// A parent with every kind of field: scalars, nested messages, repeated fields and a table path.
std::string parent_text() {
    const auto data = test::source_path("scenarios/data").string();
    return R"(schema_version: 1
name: "parent"
description: "the parent"
run { base_year: 2016 horizon_year: 2030 seed: 7 replicates: 3 }
demography {
  base_population_csv: ")" +
           data + R"(/cd_base_mid2016_syoa_sex.csv"
  mortality { death_rates_csv: ")" +
           data + R"(/ew_hmd_mx_2011-2016.csv" local_factor_male: 1.1 local_factor_female: 1.2 }
  fertility { fertility_rates_csv: ")" +
           data + R"(/ew_hfd_asfr_2011-2016.csv" }
  migration { net_migration_csv: "local_migration.csv" scale: 1.0 }
}
carers {
  prevalence_csv: "carers.csv"
  hours_shares_under_65: [0.66, 0.14, 0.20]
  annual_stop_probability: 0.2
}
couples { partnered_share_csv: "couples.csv" }
interventions { name: "a" rate: MORTALITY start_year: 2020 multiplier: 0.9 }
interventions { name: "b" rate: FERTILITY start_year: 2020 multiplier: 1.1 }
)";
}

std::unique_ptr<ScenarioFile> parse(const std::filesystem::path& path, Diagnostics& d) {
    return parse_scenario_file(path, d);
}

}  // namespace

TEST_CASE("a scalar written in the child replaces the parent value and others are kept", "[inheritance]") {
    ScenarioDir dir("scalars");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("child.txtpb", R"(extends: "parent.txtpb"
name: "child"
run { seed: 0 }
demography { mortality { local_factor_male: 1.3 } }
)");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    INFO(d.to_string());
    CHECK(d.empty());
    const auto& s = file->scenario;
    CHECK(s.run().seed() == 0);        // written as 0: still replaces
    CHECK(s.run().replicates() == 3);  // kept
    CHECK(s.run().horizon_year() == 2030);
    CHECK(s.demography().mortality().local_factor_male() == 1.3);
    CHECK(s.demography().mortality().local_factor_female() == 1.2);  // nested: merged field by field
    CHECK(s.extends().empty());
    REQUIRE(file->parent);
    CHECK(file->parent->scenario.name() == "parent");
}

TEST_CASE("name and description are never inherited", "[inheritance]") {
    ScenarioDir dir("names");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("child.txtpb", "extends: \"parent.txtpb\"\n");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    CHECK(file->scenario.name().empty());
    CHECK(file->scenario.description().empty());
    resolve_model_config(*file, d);
    CHECK_THAT(d.to_string(), Catch::Contains("child.txtpb") && Catch::Contains("name: is required"));
}

TEST_CASE("a list of entries written in the child is added to, a list of numbers replaced", "[inheritance]") {
    ScenarioDir dir("repeated");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("child.txtpb", R"(extends: "parent.txtpb"
name: "child"
carers { hours_shares_under_65: [0.5, 0.25, 0.25] }
interventions { name: "c" rate: EMIGRATION start_year: 2021 multiplier: 0.5 }
interventions { name: "a" rate: MORTALITY start_year: 2022 multiplier: 0.8 }
)");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    const auto& s = file->scenario;
    REQUIRE(s.carers().hours_shares_under_65_size() == 3);
    CHECK(s.carers().hours_shares_under_65(0) == 0.5);
    // "a" is replaced in place (same name), "b" kept, "c" appended.
    REQUIRE(s.interventions_size() == 3);
    CHECK(s.interventions(0).name() == "a");
    CHECK(s.interventions(0).multiplier() == 0.8);
    CHECK(s.interventions(1).name() == "b");
    CHECK(s.interventions(2).name() == "c");
    CHECK(s.carers().annual_stop_probability() == 0.2);
}

TEST_CASE("list_edits removes entries by name and replaces a list only when asked", "[inheritance]") {
    ScenarioDir dir("list-edits");
    dir.write("parent.txtpb", parent_text() + R"(money {
  saving { name: "s2019" financial_year: 2019 pounds: 10 }
  saving { name: "s2020" financial_year: 2020 pounds: 20 }
  saving { financial_year: 2021 pounds: 30 }
}
)");
    const auto remove = dir.write("remove.txtpb", R"(extends: "parent.txtpb"
name: "remove"
list_edits { remove: "interventions:a" remove: "money.saving:s2020" }
money { saving { name: "s2025" financial_year: 2025 pounds: 5 } }
)");
    Diagnostics d;
    auto file = parse(remove, d);
    INFO(d.to_string());
    REQUIRE(file);
    REQUIRE(d.empty());
    REQUIRE(file->scenario.interventions_size() == 1);
    CHECK(file->scenario.interventions(0).name() == "b");
    const auto& savings = file->scenario.money().saving();
    REQUIRE(savings.size() == 3);  // the parent's four savings are not silently dropped (issue 12)
    CHECK(savings[0].name() == "s2019");
    CHECK(savings[1].pounds() == 30);
    CHECK(savings[2].name() == "s2025");
    CHECK_FALSE(file->scenario.has_list_edits());
    const auto changes = describe_changes(file->parent->scenario, file->parent->path, file->scenario, file->path);
    const auto all = [&] {
        std::string out;
        for (const auto& c : changes) out += c + "\n";
        return out;
    }();
    CHECK_THAT(all, Catch::Contains("interventions: removed 'a'"));
    CHECK_THAT(all, Catch::Contains("money.saving: removed 's2020'"));
    CHECK_THAT(all, Catch::Contains("money.saving: added 's2025'"));

    const auto replace = dir.write("replace.txtpb", R"(extends: "parent.txtpb"
name: "replace"
list_edits { replace: "money.saving" }
money { saving { financial_year: 2025 pounds: 5 } }
run { seed: 8 }
)");
    Diagnostics d2;
    file = parse(replace, d2);
    REQUIRE(file);
    REQUIRE(file->scenario.money().saving_size() == 1);
    CHECK(file->scenario.money().saving(0).pounds() == 5);
    const auto changed = describe_changes(file->parent->scenario, file->parent->path, file->scenario, file->path);
    CHECK(std::find(changed.begin(), changed.end(), "run.seed: 7 -> 8") != changed.end());

    const auto bad = dir.write("bad.txtpb", R"(extends: "parent.txtpb"
name: "bad"
list_edits { remove: "money.saving:s2021" remove: "money.savings:s2019" replace: "money.envelopes" }
)");
    Diagnostics d3;
    parse(bad, d3);
    const auto errors = d3.to_string();
    CHECK_THAT(errors, Catch::Contains("bad.txtpb:3:14: error: list_edits.remove[0]: the parent's money.saving has no "
                                       "entry 's2021'; did you mean 's2020'?"));
    CHECK_THAT(errors, Catch::Contains("list_edits.remove[1]: 'money.savings' is not a list of the scenario; did you "
                                       "mean 'money.saving'?"));
    CHECK_THAT(errors, Catch::Contains("list_edits.replace[0]: 'money.envelopes' is not a list of the scenario; did "
                                       "you mean 'money.envelope'?"));
}

TEST_CASE("a repeated field not written in the child keeps the parent list", "[inheritance]") {
    ScenarioDir dir("repeated-kept");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("child.txtpb", "extends: \"parent.txtpb\"\nname: \"child\"\n");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    REQUIRE(file->scenario.interventions_size() == 2);
    CHECK(file->scenario.interventions(1).name() == "b");
}

TEST_CASE("table paths are relative to the file that names them and replace as a whole", "[inheritance]") {
    ScenarioDir dir("tables");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("whatif/child.txtpb", R"(extends: "../parent.txtpb"
name: "child"
couples { partnered_share_csv: "my_couples.csv" }
)");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    const auto& s = file->scenario;
    // The parent's paths are rebased to the child's directory; the child's own path is kept.
    CHECK(s.demography().migration().net_migration_csv() == "../local_migration.csv");
    CHECK(s.carers().prevalence_csv() == "../carers.csv");
    CHECK(s.couples().partnered_share_csv() == "my_couples.csv");
    CHECK(file->resolve(s.carers().prevalence_csv()).lexically_normal() ==
          (dir.root / "carers.csv").lexically_normal());
    // The what-if's changes list the one path it changed, not the parent's paths it only rebased.
    const auto changes = describe_changes(file->parent->scenario, file->parent->path, s, file->path);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0] == "couples.partnered_share_csv: \"../couples.csv\" -> \"my_couples.csv\"");
}

TEST_CASE("errors point at the file that wrote the field", "[inheritance]") {
    ScenarioDir dir("locations");
    dir.write("parent.txtpb", parent_text());
    const auto child = dir.write("child.txtpb", R"(extends: "parent.txtpb"
name: "child"
run { replicates: 0 }
)");
    Diagnostics d;
    const auto file = parse(child, d);
    REQUIRE(file);
    const auto in_child = file->locate("run.replicates");
    CHECK(in_child.file == child);
    CHECK(in_child.line == 3);
    const auto in_parent = file->locate("run.horizon_year");
    CHECK(in_parent.file == dir.root / "parent.txtpb");
    CHECK(in_parent.line == 4);
    const auto second = file->locate("interventions[1].multiplier");
    CHECK(second.file == dir.root / "parent.txtpb");
    CHECK(second.line == 18);
}

TEST_CASE("a cycle of scenarios is an error at extends", "[inheritance]") {
    ScenarioDir dir("cycle");
    dir.write("a.txtpb", "extends: \"b.txtpb\"\nname: \"a\"\n");
    dir.write("b.txtpb", "schema_version: 1\nextends: \"a.txtpb\"\nname: \"b\"\n");
    Diagnostics d;
    CHECK_FALSE(parse(dir.root / "a.txtpb", d));
    CHECK_THAT(d.to_string(), Catch::Contains("b.txtpb:2:") && Catch::Contains("extends: 'a.txtpb' makes a cycle") &&
                                  Catch::Contains("a.txtpb -> b.txtpb -> a.txtpb"));
}

TEST_CASE("a missing parent is an error at extends", "[inheritance]") {
    ScenarioDir dir("missing");
    const auto child = dir.write("child.txtpb", "name: \"c\"\nextends: \"nowhere.txtpb\"\n");
    Diagnostics d;
    CHECK_FALSE(parse(child, d));
    CHECK_THAT(d.to_string(),
               Catch::Contains("child.txtpb:2:1: error: extends: cannot open") && Catch::Contains("nowhere.txtpb"));
}

TEST_CASE("syntax errors in a parent name the parent file", "[inheritance]") {
    ScenarioDir dir("parent-syntax");
    dir.write("parent.txtpb", "schema_version: 1\nrun { seeds: 3 }\n");
    const auto child = dir.write("child.txtpb", "extends: \"parent.txtpb\"\nname: \"c\"\n");
    Diagnostics d;
    CHECK_FALSE(parse(child, d));
    CHECK_THAT(d.to_string(), Catch::Contains("parent.txtpb:2:") && Catch::Contains("seeds"));
}

TEST_CASE("the resolved scenario is itself a valid scenario with the same digest", "[inheritance]") {
    const auto whatif = test::source_path("scenarios/whatif_dementia_prevention.txtpb");
    const auto loaded = load_scenario(whatif);
    CHECK(loaded.file->parent);
    // Parse the printed resolution as a file in the same directory: same scenario, same digest.
    Diagnostics d;
    auto again = parse_scenario_text(loaded.resolved_text, whatif, d);
    REQUIRE(again);
    CHECK(d.empty());
    std::string printed;
    google::protobuf::TextFormat::PrintToString(again->scenario, &printed);
    CHECK(printed == loaded.resolved_text);
}
