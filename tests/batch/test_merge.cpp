// merge_parts on small synthetic runs: concatenation in replicate order, summaries recomputed as
// summarise_over_replicates would over all replicates, digests recomputed; every refusal named.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "batch/merge.hpp"
#include "output/dataset_digest.hpp"
#include "sim/replicate_statistics.hpp"

using carecast::batch::global_attribute;
using carecast::batch::merge_parts;
using carecast::batch::MergeError;
using carecast::batch::MergePart;
using carecast::output::Dataset;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t kCells = 3;

std::int32_t count_for(int replicate, std::size_t cell) {
    return replicate * 100 + static_cast<int>(cell) * 7 % 5;
}

/// A run of replicates [first, first + count): a count per cell with its summary, a double per
/// replicate, and a variable without a replicate dimension.
Dataset run_of(int first, int count, const std::string& seed = "1", const std::string& host = "node1") {
    Dataset d;
    std::vector<std::int32_t> replicates;
    std::vector<std::int32_t> counts;
    std::vector<double> means;
    for (int r = first; r < first + count; ++r) {
        replicates.push_back(r);
        for (std::size_t c = 0; c < kCells; ++c) counts.push_back(count_for(r, c));
        means.push_back(0.5 * r);
    }
    d.dimensions = {{"replicate", static_cast<std::size_t>(count), "replicate", "", replicates, {}},
                    {"cell", kCells, "cell", "", {0, 1, 2}, {}},
                    {"statistic", 4, "statistic", "", {}, {"mean", "p5", "p50", "p95"}}};
    auto summary = carecast::summarise_over_replicates(counts, static_cast<std::size_t>(count));
    d.variables = {{"people", {"replicate", "cell"}, "people", "1", counts, {{"measure_kind", "stock"}}},
                   {"people_summary", {"statistic", "cell"}, "people (statistics)", "1", summary, {}},
                   {"mean_stay", {"replicate"}, "mean stay", "days", means, {}},
                   {"capacity", {"cell"}, "beds", "1", std::vector<std::int64_t>{10, 20, 30}, {}}};
    d.global_attributes = {{"history", "carecast run"},
                           {"scenario_digest", "fnv1a64:00000000000000aa"},
                           {"seed", seed},
                           {"carecast_version", "0.1.0"},
                           {"replicates", std::to_string(count)},
                           {"first_replicate", std::to_string(first)},
                           {"command_line", "carecast run"},
                           {"host", host},
                           {"threads", "2"},
                           {"results_digest", carecast::output::dataset_results_digest(d)}};
    return d;
}

template <typename T>
const std::vector<T>& values(const Dataset& d, std::size_t v) {
    return std::get<std::vector<T>>(d.variables[v].data);
}

}  // namespace

TEST_CASE("merge_parts equals the same replicates run at once", "[batch]") {
    const Dataset whole = run_of(0, 5);
    Dataset merged = merge_parts({{"c.nc", run_of(4, 1)}, {"a.nc", run_of(0, 2)}, {"b.nc", run_of(2, 2)}}, "");
    CHECK(merged.deferred.contains("people_summary"));  // computed as the file is written
    carecast::output::compute_deferred(merged);
    REQUIRE(merged.dimensions[0].size == 5);
    CHECK(merged.dimensions[0].int_coordinates == whole.dimensions[0].int_coordinates);
    CHECK(values<std::int32_t>(merged, 0) == values<std::int32_t>(whole, 0));
    CHECK(values<double>(merged, 1) == values<double>(whole, 1));  // summary recomputed over all five
    CHECK(values<double>(merged, 2) == values<double>(whole, 2));
    CHECK(values<std::int64_t>(merged, 3) == values<std::int64_t>(whole, 3));
    CHECK(global_attribute(merged, "results_digest") == global_attribute(whole, "results_digest"));
    CHECK(global_attribute(merged, "replicates") == "5");
    CHECK(global_attribute(merged, "first_replicate") == "0");
    CHECK(global_attribute(merged, "history") == "carecast run");
}

TEST_CASE("merge_parts records the merge command line", "[batch]") {
    const Dataset merged = merge_parts({{"a.nc", run_of(3, 2)}}, "carecast merge a.nc -o m.nc");
    CHECK(global_attribute(merged, "command_line") == "carecast merge a.nc -o m.nc");
    CHECK(global_attribute(merged, "history") == "carecast run\ncarecast merge a.nc -o m.nc");
    CHECK(global_attribute(merged, "first_replicate") == "3");
}

/// A part as `carecast run --replicates A:B` on `host` writes it.
Dataset part_run(int first, int count, const std::string& host) {
    Dataset d = run_of(first, count, "1", host);
    const std::string command = "carecast run s.txtpb --replicates " + std::to_string(first) + ":" +
                                std::to_string(first + count) + " -o part.nc";
    for (auto& attribute : d.global_attributes)
        if (attribute.name == "history" || attribute.name == "command_line") attribute.value = command;
    return d;
}

TEST_CASE("merge_parts records every part's command line and host, in replicate order", "[batch]") {
    const Dataset merged = merge_parts(
        {{"p2.nc", part_run(4, 1, "node2")}, {"p0.nc", part_run(0, 2, "node1")}, {"p1.nc", part_run(2, 2, "node2")}},
        "carecast merge p2.nc p0.nc p1.nc -o m.nc");
    CHECK(global_attribute(merged, "merged_from") ==
          "replicates 0..1 from p0.nc on host node1, 2 thread(s): carecast run s.txtpb --replicates 0:2 -o part.nc\n"
          "replicates 2..3 from p1.nc on host node2, 2 thread(s): carecast run s.txtpb --replicates 2:4 -o part.nc\n"
          "replicate 4 from p2.nc on host node2, 2 thread(s): carecast run s.txtpb --replicates 4:5 -o part.nc");
    CHECK(global_attribute(merged, "history") ==
          "carecast run s.txtpb --replicates 0:2 -o part.nc\ncarecast run s.txtpb --replicates 2:4 -o part.nc\n"
          "carecast run s.txtpb --replicates 4:5 -o part.nc\ncarecast merge p2.nc p0.nc p1.nc -o m.nc");
    CHECK(global_attribute(merged, "host") == "node1, node2");
    CHECK(global_attribute(merged, "command_line") == "carecast merge p2.nc p0.nc p1.nc -o m.nc");

    // Merging a merged file again keeps the provenance of the original parts.
    Dataset first_half = merged;
    const Dataset again = merge_parts({{"m.nc", first_half}, {"p5.nc", part_run(5, 1, "node3")}}, "carecast merge m2");
    CHECK(global_attribute(again, "merged_from") ==
          global_attribute(merged, "merged_from") +
              "\nreplicate 5 from p5.nc on host node3, 2 thread(s): carecast run s.txtpb --replicates 5:6 -o part.nc");
    CHECK(global_attribute(again, "host") == "node1, node2, node3");
    CHECK(global_attribute(again, "history")
              .ends_with("carecast merge p2.nc p0.nc p1.nc -o m.nc\n"
                         "carecast run s.txtpb --replicates 5:6 -o part.nc\n"
                         "carecast merge m2"));
}

TEST_CASE("merge_parts names missing and doubled replicates and their files", "[batch]") {
    CHECK_THROWS_WITH(merge_parts({{"a.nc", run_of(0, 2)}, {"b.nc", run_of(5, 1)}}, ""),
                      Contains("replicates 2..4 are missing: a.nc ends at 1, b.nc starts at 5"));
    CHECK_THROWS_WITH(merge_parts({{"a.nc", run_of(0, 3)}, {"b.nc", run_of(2, 2)}}, ""),
                      Contains("replicate 2 is in both a.nc and b.nc (doubled)"));
    CHECK_THROWS_AS(merge_parts({}, ""), MergeError);
}

TEST_CASE("merge_parts refuses parts of different runs", "[batch]") {
    CHECK_THROWS_WITH(merge_parts({{"a.nc", run_of(0, 2)}, {"b.nc", run_of(2, 2, "2")}}, ""),
                      Contains("a.nc and b.nc differ in seed (1 vs 2)"));
    Dataset other_capacity = run_of(2, 2);
    std::get<std::vector<std::int64_t>>(other_capacity.variables[3].data)[0] = 11;
    CHECK_THROWS_WITH(merge_parts({{"a.nc", run_of(0, 2)}, {"b.nc", other_capacity}}, ""),
                      Contains("differ in variable 'capacity'"));
    Dataset altered = run_of(2, 2);
    std::get<std::vector<std::int32_t>>(altered.variables[0].data)[0] += 1;
    CHECK_THROWS_WITH(merge_parts({{"a.nc", run_of(0, 2)}, {"b.nc", altered}}, ""),
                      Contains("b.nc: results_digest") && Contains("does not match its arrays"));
}

TEST_CASE("merge_parts keeps published figures with unpublished (NaN) cells as they are", "[batch]") {
    // observed_* variables (results/observed_dataset.hpp) have no replicate dimension and use NaN for a
    // figure not published: equal NaNs must count as equal, and the values pass through unchanged.
    const auto with_observed = [](Dataset d) {
        d.variables.push_back({"observed_ehc_plans",
                               {"cell"},
                               "published",
                               "1",
                               std::vector<double>{2519, std::nan(""), 3442},
                               {{"source", "DfE SEN2"}}});
        return d;
    };
    const Dataset merged =
        merge_parts({{"b.nc", with_observed(run_of(2, 1))}, {"a.nc", with_observed(run_of(0, 2))}}, "");
    const auto& observed = values<double>(merged, 4);
    REQUIRE(observed.size() == 3);
    CHECK(observed[0] == 2519);
    CHECK(std::isnan(observed[1]));
    CHECK(observed[2] == 3442);
    Dataset changed = with_observed(run_of(2, 1));
    std::get<std::vector<double>>(changed.variables[4].data)[1] = 0;  // NaN is not 0
    CHECK_THROWS_WITH(merge_parts({{"a.nc", with_observed(run_of(0, 2))}, {"b.nc", changed}}, ""),
                      Contains("differ in variable 'observed_ehc_plans'"));
}
