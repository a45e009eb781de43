// read_batch_file and batch.proto: the batch file's numbers have their unit, range and default in the
// schema, and the generic range check reports them at the place they were written (issue 14).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "batch/batch_file.hpp"
#include "batch/replicate_range.hpp"
#include "carecast/batch.pb.h"
#include "carecast/scenario.pb.h"
#include "scenario/schema_rules.hpp"
#include "schema_test_support.hpp"
#include "test_support.hpp"

using carecast::Batch;
using carecast::BatchScenario;
using carecast::InputError;
using carecast::is_schema_number;
using carecast::schema_default;
using carecast::schema_field;
using carecast::schema_max;
using carecast::within_schema_range;
using carecast::batch::max_replicate_count;
using carecast::batch::read_batch_file;
using Catch::Matchers::Contains;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

namespace {

/// The messages a user writes in a batch file (the manifest messages are written by carecast).
const Descriptor* const user_messages[] = {Batch::descriptor(), BatchScenario::descriptor()};

/// A batch file of one existing scenario, with `extra` lines and `scenario_fields` inside its scenario.
std::filesystem::path batch_file(const std::string& name, const std::string& extra,
                                 const std::string& scenario_fields = "") {
    const auto scenario = carecast::test::source_path("tests/end_to_end/small_cohorts.txtpb").string();
    return carecast::test::write_temp(name, "schema_version: 1\noutput_directory: \"out\"\n" + extra +
                                                "scenario {\n  path: \"" + scenario + "\"\n" + scenario_fields + "}\n");
}

}  // namespace

TEST_CASE("every number of the batch schema has a unit and a range, or says why not", "[batch][schema]") {
    int numbers = 0;
    for (const Descriptor* message : user_messages) {
        for (int i = 0; i < message->field_count(); ++i) {
            const FieldDescriptor& f = *message->field(i);
            if (!is_schema_number(f)) continue;
            ++numbers;
            carecast::test::check_unit_and_range(f);
            INFO(f.full_name());
            if (f.options().HasExtension(carecast::default_value))
                CHECK(within_schema_range(f, f.options().GetExtension(carecast::default_value)));
        }
    }
    CHECK(numbers ==
          5);  // schema_version, replicates_per_unit, area_parts_per_unit, scenario.replicates, scenario.seed
}

TEST_CASE("the batch schema's replicate counts end at the engine's limit, the scenario's run.replicates",
          "[batch][schema]") {
    const auto& per_unit = schema_field(*Batch::descriptor(), Batch::kReplicatesPerUnitFieldNumber);
    const auto& replicates = schema_field(*BatchScenario::descriptor(), BatchScenario::kReplicatesFieldNumber);
    const auto& run = schema_field(*carecast::RunSettings::descriptor(), carecast::RunSettings::kReplicatesFieldNumber);
    CHECK(max_replicate_count() == schema_max(run));
    CHECK(schema_max(per_unit) == max_replicate_count());
    CHECK(schema_max(replicates) == max_replicate_count());
    CHECK(carecast::batch::parse_replicate_range("replicates", "0:" + std::to_string(max_replicate_count())).count ==
          max_replicate_count());
    CHECK_THROWS_WITH(
        carecast::batch::parse_replicate_range("replicates", "1:" + std::to_string(max_replicate_count() + 2)),
        Contains("too many replicates") && Contains("at most " + std::to_string(max_replicate_count())));
}

TEST_CASE("a batch file without replicates_per_unit takes the schema's default", "[batch][schema]") {
    const auto expected = schema_default<Batch, std::uint32_t>(Batch::kReplicatesPerUnitFieldNumber);
    CHECK(expected >= 1);
    CHECK(read_batch_file(batch_file("default.txtpb", "")).replicates_per_unit == expected);
    CHECK(read_batch_file(batch_file("zero.txtpb", "replicates_per_unit: 0\n")).replicates_per_unit == expected);
    CHECK(read_batch_file(batch_file("three.txtpb", "replicates_per_unit: 3\n")).replicates_per_unit == 3);
    CHECK(read_batch_file(batch_file("default.txtpb", "")).area_parts_per_unit == 0);
    CHECK(read_batch_file(batch_file("areas.txtpb", "area_parts_per_unit: 4\n")).area_parts_per_unit == 4);
}

TEST_CASE("a batch file's numbers are checked against the schema where they were written", "[batch][schema]") {
    const auto path = batch_file("ranges.txtpb", "replicates_per_unit: 100001\n", "  replicates: 0\n");
    try {
        read_batch_file(path);
        FAIL("read_batch_file accepted numbers out of range");
    } catch (const InputError& e) {
        const std::string file = path.string();
        CHECK_THAT(e.what(), Contains(file + ":3:1: error: replicates_per_unit: value 100001 is out of range: a "
                                             "number must be in [1, 100000]"));
        CHECK_THAT(e.what(), Contains(file + ":6:3: error: scenario[0].replicates: value 0 is out of range: a "
                                             "number must be in [1, 100000]"));
    }
}
