// write_run_file: the results digest computed beside the writing ends up in the file and the dataset,
// equal to the digest computed first, in the same place among the global attributes.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>

#include "output/netcdf_reader.hpp"
#include "results/run_dataset.hpp"
#include "sim/load_scenario.hpp"
#include "sim/simulation.hpp"

using namespace carecast;

namespace {

std::vector<std::string> attribute_names(const output::Dataset& d) {
    std::vector<std::string> names;
    for (const auto& a : d.global_attributes) names.push_back(a.name);
    return names;
}

std::string attribute(const output::Dataset& d, const std::string& name) {
    for (const auto& a : d.global_attributes)
        if (a.name == name) return a.value;
    return "(absent)";
}

}  // namespace

TEST_CASE("a run file's digest computed beside the writing equals the digest computed first", "[output]") {
    const auto path = std::filesystem::path(CARECAST_SOURCE_DIR) / "tests/end_to_end/small_cohorts.txtpb";
    const auto loaded = load_scenario(path);
    const Model model = build_model(loaded);
    const auto results = simulate(model, {7, 0, 2, nullptr});
    const output::Provenance provenance{"small", "", path.string(), "", "", "", "test", 7, 1, "test-host", {}, {}};
    const output::Dataset first = output::make_run_dataset(results, provenance);
    output::Dataset later = output::make_run_dataset(results, provenance, nullptr, output::ResultsDigest::later);
    CHECK(attribute(later, "results_digest") == output::pending_results_digest);
    CHECK(attribute(first, "results_digest").rfind("fnv1a64:", 0) == 0);

    const auto dir = std::filesystem::temp_directory_path() / ("carecast_run_file_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "run.nc";
    output::write_run_file(later, file, false);
    CHECK(attribute(later, "results_digest") == attribute(first, "results_digest"));
    const output::Dataset read = output::read_netcdf4(file);
    CHECK(attribute(read, "results_digest") == attribute(first, "results_digest"));
    CHECK(attribute_names(read) == attribute_names(first));  // overwritten in its place

    // Only for a dataset whose digest is pending, and never over a file that exists.
    output::Dataset done = first;
    CHECK_THROWS_AS(output::write_run_file(done, dir / "other.nc", false), std::logic_error);
    output::Dataset again = output::make_run_dataset(results, provenance, nullptr, output::ResultsDigest::later);
    CHECK_THROWS_AS(output::write_run_file(again, file, false), std::runtime_error);
    CHECK(output::read_netcdf4(file).global_attributes.size() == read.global_attributes.size());
    std::filesystem::remove_all(dir);
}
