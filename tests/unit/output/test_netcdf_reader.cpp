// read_netcdf4 against write_netcdf4: a dataset written and read back is equal in every dimension,
// coordinate, variable, value, type and attribute, in the same order; bad files give clear errors.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "output/dataset_digest.hpp"
#include "output/netcdf_reader.hpp"
#include "output/netcdf_writer.hpp"

namespace fs = std::filesystem;
using carecast::output::Attribute;
using carecast::output::Dataset;
using carecast::output::Dimension;
using carecast::output::Variable;
using Catch::Matchers::Contains;

namespace {

/// A fresh directory, removed with its contents at scope exit.
class ReaderTempDir {
public:
    ReaderTempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("carecast_reader_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~ReaderTempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    ReaderTempDir(const ReaderTempDir&) = delete;
    ReaderTempDir& operator=(const ReaderTempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// Every kind of thing the writer supports: int and string coordinates, a bare dimension, int32,
/// int64 and double variables (one large enough to be chunked and compressed), extra attributes.
Dataset round_trip_dataset() {
    Dataset dataset;
    dataset.dimensions = {
        {"replicate", 3, "Monte-Carlo replicate number", "", {4, 5, 6}, {}},
        {"year", 2, "calendar year", "", {2025, 2026}, {}},
        {"sex", 2, "sex", "", {}, {"female", "male \u00e9"}},
        {"age", 3, "age in completed years", "years", {0, 1, 2}, {}},
        {"person", 5000, "", "", {}, {}},
        {"statistic", 2, "statistic", "", {}, {"mean", "p50"}},
    };
    std::vector<std::int32_t> counts(3 * 2 * 2 * 3);
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = static_cast<std::int32_t>(i * 7 - 20);
    std::vector<double> wealth(2 * 5000);
    for (std::size_t i = 0; i < wealth.size(); ++i) wealth[i] = 0.1 * static_cast<double>(i) - 3.0e-300;
    dataset.variables = {
        {"population",
         {"replicate", "year", "sex", "age"},
         "people",
         "1",
         counts,
         {{"measure_kind", "stock"}, {"inflows", "births immigrants"}}},
        {"population_summary",
         {"statistic", "year", "sex", "age"},
         "people (statistics)",
         "1",
         std::vector<double>(2 * 2 * 2 * 3, 1.5),
         {}},
        {"cost",
         {"replicate", "year"},
         "cost in pence",
         "1",
         std::vector<std::int64_t>{5'000'000'000'000LL, -1, 0, 1, 2, INT64_MIN},
         {}},
        {"wealth", {"year", "person"}, "wealth", "GBP", wealth, {}},
        {"budget", {"year"}, "budget envelope", "1", std::vector<double>{1.0, 2.0}, {{"description", "x"}}},
    };
    dataset.global_attributes = {
        {"Conventions", "CF-1.8"}, {"seed", "42"}, {"empty", ""}, {"scenario_text", "line one\nline two \u00e9"}};
    return dataset;
}

void require_equal(const Dataset& read, const Dataset& written) {
    REQUIRE(read.dimensions.size() == written.dimensions.size());
    for (std::size_t i = 0; i < written.dimensions.size(); ++i) {
        const Dimension& a = read.dimensions[i];
        const Dimension& b = written.dimensions[i];
        INFO("dimension " << b.name);
        CHECK(a.name == b.name);
        CHECK(a.size == b.size);
        CHECK(a.long_name == b.long_name);
        CHECK(a.units == b.units);
        CHECK(a.int_coordinates == b.int_coordinates);
        CHECK(a.string_coordinates == b.string_coordinates);
    }
    REQUIRE(read.variables.size() == written.variables.size());
    for (std::size_t i = 0; i < written.variables.size(); ++i) {
        const Variable& a = read.variables[i];
        const Variable& b = written.variables[i];
        INFO("variable " << b.name);
        CHECK(a.name == b.name);
        CHECK(a.dimensions == b.dimensions);
        CHECK(a.long_name == b.long_name);
        CHECK(a.units == b.units);
        CHECK(a.data.index() == b.data.index());
        CHECK(a.data == b.data);
        REQUIRE(a.attributes.size() == b.attributes.size());
        for (std::size_t k = 0; k < b.attributes.size(); ++k) {
            CHECK(a.attributes[k].name == b.attributes[k].name);
            CHECK(a.attributes[k].value == b.attributes[k].value);
        }
    }
    REQUIRE(read.global_attributes.size() == written.global_attributes.size());
    for (std::size_t k = 0; k < written.global_attributes.size(); ++k) {
        CHECK(read.global_attributes[k].name == written.global_attributes[k].name);
        CHECK(read.global_attributes[k].value == written.global_attributes[k].value);
    }
}

}  // namespace

TEST_CASE("read_netcdf4 reads back exactly what write_netcdf4 wrote", "[output]") {
    const ReaderTempDir dir;
    const Dataset written = round_trip_dataset();
    carecast::output::write_netcdf4(written, dir.path() / "a.nc");
    const Dataset read = carecast::output::read_netcdf4(dir.path() / "a.nc");
    require_equal(read, written);

    SECTION("writing what was read gives an identical file again") {
        carecast::output::write_netcdf4(read, dir.path() / "b.nc");
        require_equal(carecast::output::read_netcdf4(dir.path() / "b.nc"), written);
    }
}

TEST_CASE("A deferred variable is written as if its values were held", "[output]") {
    // Dataset::deferred: the writer computes the values (here a small and a chunked, compressed one)
    // as it writes, and the file is the one written from the values held.
    const ReaderTempDir dir;
    const Dataset held = round_trip_dataset();
    Dataset deferred = held;
    for (const std::string name : {"population_summary", "wealth"}) {
        Variable* variable = nullptr;
        for (auto& v : deferred.variables)
            if (v.name == name) variable = &v;
        REQUIRE(variable != nullptr);
        const carecast::output::Values values = variable->data;
        std::visit([](auto& array) { array.clear(); }, variable->data);
        deferred.deferred.emplace(name, [values](const Dataset&) { return values; });
    }
    carecast::output::write_netcdf4(deferred, dir.path() / "deferred.nc");
    carecast::output::write_netcdf4(held, dir.path() / "held.nc");
    const Dataset read = carecast::output::read_netcdf4(dir.path() / "deferred.nc");
    require_equal(read, held);
    require_equal(carecast::output::read_netcdf4(dir.path() / "held.nc"), read);

    SECTION("compute_deferred holds the values in memory") {
        carecast::output::compute_deferred(deferred);
        CHECK(deferred.deferred.empty());
        require_equal(deferred, held);
    }
    SECTION("values computed in the wrong number are refused, and no file is left") {
        deferred.deferred["wealth"] = [](const Dataset&) { return carecast::output::Values{std::vector<double>(3)}; };
        CHECK_THROWS_WITH(carecast::output::write_netcdf4_file(deferred, dir.path() / "wrong.nc", false),
                          Contains("wealth") && Contains("3 values") && Contains("10000"));
        CHECK_FALSE(fs::exists(dir.path() / "wrong.nc"));
    }
}

TEST_CASE("dataset_results_digest covers replicate variables only", "[output]") {
    Dataset dataset = round_trip_dataset();
    const std::string digest = carecast::output::dataset_results_digest(dataset);
    CHECK(digest.starts_with("fnv1a64:"));
    std::get<std::vector<double>>(dataset.variables[1].data)[0] = 99.0;  // a summary
    std::get<std::vector<double>>(dataset.variables[3].data)[0] = 99.0;  // no replicate dimension
    dataset.global_attributes.clear();
    CHECK(carecast::output::dataset_results_digest(dataset) == digest);
    std::get<std::vector<std::int64_t>>(dataset.variables[2].data)[1] = 0;
    CHECK(carecast::output::dataset_results_digest(dataset) != digest);
}

TEST_CASE("read_netcdf4 names the file when it is missing or not HDF5", "[output]") {
    const ReaderTempDir dir;
    CHECK_THROWS_WITH(carecast::output::read_netcdf4(dir.path() / "missing.nc"),
                      Contains("missing.nc") && Contains("no such file"));
    std::ofstream(dir.path() / "text.nc") << "not a netCDF file\n";
    CHECK_THROWS_WITH(carecast::output::read_netcdf4(dir.path() / "text.nc"),
                      Contains("text.nc") && Contains("not an HDF5"));
}
