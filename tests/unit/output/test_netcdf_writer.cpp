// Writes small datasets with write_netcdf4 and reads them back with the HDF5 C API, checking the
// netCDF-4 conventions (scales, _Netcdf4Dimid, creation order) and the atomic-publish guarantees.
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/netcdf_writer.hpp"

namespace fs = std::filesystem;
using carecast::output::Dataset;
using carecast::output::Dimension;
using carecast::output::Variable;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t kPersons = 1500;  // year x person = 6000 values: large enough to be compressed

/// A fresh directory, removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("carecast_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::size_t entry_count() const {
        const auto count = std::distance(fs::directory_iterator(path_), fs::directory_iterator());
        return static_cast<std::size_t>(count);
    }

private:
    fs::path path_;
};

/// Owns an HDF5 id in the test's read-back code.
class Id {
public:
    Id(hid_t id, herr_t (*closer)(hid_t)) : id_(id), closer_(closer) { REQUIRE(id >= 0); }
    ~Id() { closer_(id_); }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;
    operator hid_t() const { return id_; }

private:
    hid_t id_;
    herr_t (*closer_)(hid_t);
};

Dataset sample_dataset() {
    Dataset dataset;
    dataset.dimensions = {
        {"replicate", 3, "replicate number", "", {1, 2, 3}, {}},
        {"year", 4, "calendar year", "", {2025, 2026, 2027, 2028}, {}},
        {"sex", 2, "sex", "", {}, {"female", "male"}},
        {"person", kPersons, "", "", {}, {}},
    };
    Variable population{"population", {"replicate", "year", "sex"},  "people alive at 31 December",
                        "1",          std::vector<std::int32_t>(24), {{"cell_methods", "year: point"}}};
    auto& counts = std::get<std::vector<std::int32_t>>(population.data);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        counts[i] = static_cast<std::int32_t>(1000 + i);
    }
    Variable cost{"care_cost",
                  {"year", "sex"},
                  "care cost (pence, GBP)",
                  "1",
                  std::vector<std::int64_t>{5'000'000'000, -1, 0, 7, 8, 9, 10, 11},
                  {}};
    Variable wealth{"wealth", {"year", "person"}, "housing wealth (GBP)", "1", std::vector<double>(4 * kPersons, 0.5),
                    {}};
    std::get<std::vector<double>>(wealth.data).back() = 1.25e6;
    dataset.variables = {population, cost, wealth};
    dataset.global_attributes = {{"Conventions", "CF-1.8"}, {"title", "carecast writer test \u00e9"}};
    return dataset;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
    const Id attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    const Id type(H5Aget_type(attribute), H5Tclose);
    REQUIRE(H5Tis_variable_str(type) > 0);
    REQUIRE(H5Tget_cset(type) == H5T_CSET_UTF8);
    char* text = nullptr;
    REQUIRE(H5Aread(attribute, type, &text) >= 0);
    std::string value(text);
    H5free_memory(text);
    return value;
}

std::int32_t read_int_attribute(hid_t object, const std::string& name) {
    const Id attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    std::int32_t value = -1;
    REQUIRE(H5Aread(attribute, H5T_NATIVE_INT32, &value) >= 0);
    return value;
}

template <typename T>
std::vector<T> read_values(hid_t file, const std::string& name, hid_t memory_type) {
    const Id dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
    const Id space(H5Dget_space(dataset), H5Sclose);
    std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    REQUIRE(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
    return values;
}

std::vector<std::string> read_strings(hid_t file, const std::string& name) {
    const Id dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), H5Dclose);
    const Id type(H5Dget_type(dataset), H5Tclose);
    const Id space(H5Dget_space(dataset), H5Sclose);
    REQUIRE(H5Tis_variable_str(type) > 0);
    std::vector<char*> raw(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    REQUIRE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) >= 0);
    std::vector<std::string> values(raw.begin(), raw.end());
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, raw.data());
    return values;
}

std::string attribute_name_at(hid_t object, hsize_t index) {
    char name[64] = {};
    REQUIRE(H5Aget_name_by_idx(object, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, index, name, sizeof name, H5P_DEFAULT) >
            0);
    return name;
}

void require_attached(hid_t file, const std::string& variable, const std::vector<std::string>& dimensions) {
    const Id dataset(H5Dopen2(file, variable.c_str(), H5P_DEFAULT), H5Dclose);
    for (unsigned axis = 0; axis < dimensions.size(); ++axis) {
        const Id scale(H5Dopen2(file, dimensions[axis].c_str(), H5P_DEFAULT), H5Dclose);
        INFO(variable << " axis " << axis);
        REQUIRE(H5DSis_attached(dataset, scale, axis) > 0);
        REQUIRE(H5DSget_num_scales(dataset, axis) == 1);
    }
}

std::string file_contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// Expects validation to fail with a message containing every fragment.
void require_invalid(const Dataset& dataset, const std::vector<std::string>& fragments) {
    try {
        carecast::output::validate_dataset(dataset);
        FAIL("validation accepted an invalid dataset");
    } catch (const std::invalid_argument& error) {
        for (const std::string& fragment : fragments) {
            CHECK_THAT(error.what(), Contains(fragment));
        }
    }
}

}  // namespace

TEST_CASE("write_netcdf4 writes values and attributes that read back", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    const Dataset dataset = sample_dataset();
    carecast::output::write_netcdf4(dataset, path);
    CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);  // every identifier was closed

    const Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    CHECK(read_values<std::int32_t>(file, "replicate", H5T_NATIVE_INT32) == std::vector<std::int32_t>{1, 2, 3});
    CHECK(read_values<std::int32_t>(file, "year", H5T_NATIVE_INT32) ==
          std::vector<std::int32_t>{2025, 2026, 2027, 2028});
    CHECK(read_strings(file, "sex") == std::vector<std::string>{"female", "male"});
    CHECK(read_values<std::int32_t>(file, "population", H5T_NATIVE_INT32) ==
          std::get<std::vector<std::int32_t>>(dataset.variables[0].data));
    CHECK(read_values<std::int64_t>(file, "care_cost", H5T_NATIVE_INT64) ==
          std::get<std::vector<std::int64_t>>(dataset.variables[1].data));
    CHECK(read_values<double>(file, "wealth", H5T_NATIVE_DOUBLE) ==
          std::get<std::vector<double>>(dataset.variables[2].data));

    const Id population(H5Dopen2(file, "population", H5P_DEFAULT), H5Dclose);
    CHECK(read_string_attribute(population, "long_name") == "people alive at 31 December");
    CHECK(read_string_attribute(population, "units") == "1");
    CHECK(read_string_attribute(population, "cell_methods") == "year: point");
    CHECK(attribute_name_at(population, 0) == "long_name");
    CHECK(attribute_name_at(population, 1) == "units");
    CHECK(read_string_attribute(file, "Conventions") == "CF-1.8");
    CHECK(read_string_attribute(file, "title") == "carecast writer test \u00e9");
    const Id year(H5Dopen2(file, "year", H5P_DEFAULT), H5Dclose);
    CHECK(read_string_attribute(year, "long_name") == "calendar year");
    CHECK(H5Aexists(year, "units") == 0);
}

TEST_CASE("write_netcdf4 makes every dimension a scale attached to every axis", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    carecast::output::write_netcdf4(sample_dataset(), path);

    const Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    const std::vector<std::string> names = {"replicate", "year", "sex", "person"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Id scale(H5Dopen2(file, names[i].c_str(), H5P_DEFAULT), H5Dclose);
        INFO(names[i]);
        CHECK(H5DSis_scale(scale) > 0);
        CHECK(read_int_attribute(scale, "_Netcdf4Dimid") == static_cast<std::int32_t>(i));
    }
    const Id person(H5Dopen2(file, "person", H5P_DEFAULT), H5Dclose);
    char scale_name[128] = {};
    REQUIRE(H5DSget_scale_name(person, scale_name, sizeof scale_name) > 0);
    CHECK(std::string(scale_name) == "This is a netCDF dimension but not a netCDF variable.      1500");
    const Id year(H5Dopen2(file, "year", H5P_DEFAULT), H5Dclose);
    REQUIRE(H5DSget_scale_name(year, scale_name, sizeof scale_name) > 0);
    CHECK(std::string(scale_name) == "year");

    require_attached(file, "population", {"replicate", "year", "sex"});
    require_attached(file, "care_cost", {"year", "sex"});
    require_attached(file, "wealth", {"year", "person"});
}

TEST_CASE("write_netcdf4 follows the netCDF-4 storage conventions", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    carecast::output::write_netcdf4(sample_dataset(), path);

    const Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    H5F_info2_t info{};
    REQUIRE(H5Fget_info2(file, &info) >= 0);
    CHECK(info.super.version == 2);  // libver low bound V18, as netCDF-C writes
    // The file creation list set the root group's orders; H5Fget_create_plist does not report them.
    const Id root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
    const Id root_creation(H5Gget_create_plist(root), H5Pclose);
    unsigned order = 0;
    REQUIRE(H5Pget_link_creation_order(root_creation, &order) >= 0);
    CHECK(order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
    REQUIRE(H5Pget_attr_creation_order(root_creation, &order) >= 0);
    CHECK(order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));

    for (const char* name : {"replicate", "sex", "person", "population", "care_cost", "wealth"}) {
        const Id dataset(H5Dopen2(file, name, H5P_DEFAULT), H5Dclose);
        const Id creation(H5Dget_create_plist(dataset), H5Pclose);
        INFO(name);
        REQUIRE(H5Pget_attr_creation_order(creation, &order) >= 0);
        CHECK(order == (H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED));
    }
    const Id small(H5Dopen2(file, "population", H5P_DEFAULT), H5Dclose);
    const Id small_creation(H5Dget_create_plist(small), H5Pclose);
    CHECK(H5Pget_layout(small_creation) == H5D_CONTIGUOUS);
    const Id large(H5Dopen2(file, "wealth", H5P_DEFAULT), H5Dclose);
    const Id large_creation(H5Dget_create_plist(large), H5Pclose);
    REQUIRE(H5Pget_layout(large_creation) == H5D_CHUNKED);
    hsize_t chunk[2] = {};
    REQUIRE(H5Pget_chunk(large_creation, 2, chunk) == 2);
    CHECK(chunk[0] == 4);
    CHECK(chunk[1] == kPersons);
    // Bytes shuffled, then deflated (netcdf_writer.cpp: counts' high bytes are mostly zero).
    REQUIRE(H5Pget_nfilters(large_creation) == 2);
    unsigned flags = 0;
    std::size_t n_values = 0;
    CHECK(H5Pget_filter2(large_creation, 0, &flags, &n_values, nullptr, 0, nullptr, nullptr) == H5Z_FILTER_SHUFFLE);
    n_values = 1;
    unsigned level = 0;
    CHECK(H5Pget_filter2(large_creation, 1, &flags, &n_values, &level, 0, nullptr, nullptr) == H5Z_FILTER_DEFLATE);
    CHECK(level == 1);  // zlib level 1 (netcdf_writer.cpp: half the time of level 4, files 10% larger)
}

TEST_CASE("write_netcdf4 output is bit-identical across runs", "[output]") {
    const TempDir dir;
    carecast::output::write_netcdf4(sample_dataset(), dir.path() / "a.nc");
    std::this_thread::sleep_for(std::chrono::seconds(1));  // timestamps, if written, would now differ
    carecast::output::write_netcdf4(sample_dataset(), dir.path() / "b.nc");
    CHECK(file_contents(dir.path() / "a.nc") == file_contents(dir.path() / "b.nc"));
}

TEST_CASE("write_netcdf4 refuses an existing path and names it", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    write_text(path, "precious");
    CHECK_THROWS_WITH(carecast::output::write_netcdf4(sample_dataset(), path),
                      Contains(path.string()) && Contains("cannot create the file"));
    CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);
    CHECK(file_contents(path) == "precious");
}

TEST_CASE("write_netcdf4_file refuses to overwrite without force", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    write_text(path, "precious");
    CHECK_THROWS_WITH(carecast::output::write_netcdf4_file(sample_dataset(), path, false),
                      path.string() + " exists; use --force to overwrite it");
    CHECK(file_contents(path) == "precious");
    CHECK(dir.entry_count() == 1);

    bool called = false;
    const auto recording_writer = [&called](const fs::path&) { called = true; };
    CHECK_THROWS_AS(carecast::output::publish_atomically(path, false, recording_writer), std::runtime_error);
    CHECK_FALSE(called);

    carecast::output::write_netcdf4_file(sample_dataset(), path, true);
    CHECK(H5Fis_hdf5(path.c_str()) > 0);
    CHECK(dir.entry_count() == 1);
}

TEST_CASE("publish_atomically leaves nothing behind when the writer throws", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    const auto failing_writer = [&path](const fs::path& temp) {
        CHECK(temp.parent_path() == path.parent_path());
        CHECK_THAT(temp.filename().string(), Contains("out.nc.tmp."));
        write_text(temp, "half-written");
        throw std::runtime_error("disk on fire");
    };
    CHECK_THROWS_WITH(carecast::output::publish_atomically(path, false, failing_writer), "disk on fire");
    CHECK(dir.entry_count() == 0);

    write_text(path, "precious");
    CHECK_THROWS_WITH(carecast::output::publish_atomically(path, true, failing_writer), "disk on fire");
    CHECK(file_contents(path) == "precious");
    CHECK(dir.entry_count() == 1);
}

TEST_CASE("publish_atomically without force never replaces a target that appears while writing", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.nc";
    const auto racing_writer = [&path](const fs::path& temp) {
        write_text(temp, "ours");
        write_text(path, "another run's");
    };
    CHECK_THROWS_WITH(carecast::output::publish_atomically(path, false, racing_writer),
                      path.string() + " exists; use --force to overwrite it");
    CHECK(file_contents(path) == "another run's");
    CHECK(dir.entry_count() == 1);
}

TEST_CASE("publish_atomically writes in the target directory and publishes the result", "[output]") {
    const TempDir dir;
    const fs::path path = dir.path() / "out.txt";
    carecast::output::publish_atomically(path, false, [&](const fs::path& temp) {
        CHECK(temp.parent_path() == path.parent_path());
        CHECK_FALSE(fs::exists(temp));
        write_text(temp, "complete");
    });
    CHECK(file_contents(path) == "complete");
    CHECK(dir.entry_count() == 1);

    CHECK_THROWS_WITH(
        carecast::output::publish_atomically(dir.path() / "missing" / "out.nc", true, [](const fs::path&) {}),
        Contains("does not exist"));
    CHECK_THROWS_WITH(carecast::output::publish_atomically(path, true, [](const fs::path&) {}),
                      Contains("did not create"));
    CHECK(file_contents(path) == "complete");
}

TEST_CASE("write_netcdf4_file writes nothing for an invalid dataset", "[output]") {
    const TempDir dir;
    Dataset dataset = sample_dataset();
    dataset.variables[0].dimensions[0] = "replicat";
    CHECK_THROWS_AS(carecast::output::write_netcdf4_file(dataset, dir.path() / "out.nc", false), std::invalid_argument);
    CHECK(dir.entry_count() == 0);
}

TEST_CASE("validate_dataset names the offending variable or dimension", "[output]") {
    CHECK_NOTHROW(carecast::output::validate_dataset(sample_dataset()));
    Dataset dataset = sample_dataset();

    SECTION("unknown dimension") {
        dataset.variables[1].dimensions[1] = "gender";
        require_invalid(dataset, {"variable 'care_cost'", "unknown dimension 'gender'"});
    }
    SECTION("data size differs from the product of dimension sizes") {
        std::get<std::vector<std::int64_t>>(dataset.variables[1].data).pop_back();
        require_invalid(dataset, {"variable 'care_cost' has 7 values but its dimensions hold 8"});
    }
    SECTION("coordinate count differs from the dimension size") {
        dataset.dimensions[1].int_coordinates.push_back(2029);
        require_invalid(dataset, {"dimension 'year' has 5 coordinates but size 4"});
    }
    SECTION("duplicate names") {
        dataset.variables[2].name = "care_cost";
        dataset.dimensions.push_back(dataset.dimensions[0]);
        dataset.variables[0].attributes.push_back({"units", "GBP"});
        require_invalid(dataset,
                        {"variable 'care_cost' has the same name", "dimension 'replicate' is defined more than once",
                         "variable 'population' attribute 'units' is given more than once"});
    }
    SECTION("variable named like a dimension") {
        dataset.variables[0].name = "year";
        require_invalid(dataset, {"variable 'year' has the same name as another variable or dimension"});
    }
    SECTION("names containing a slash") {
        dataset.variables[0].name = "care/home";
        dataset.dimensions[0].name = "rep/licate";
        require_invalid(dataset, {"variable 'care/home': name contains '/'", "dimension 'rep/licate'"});
    }
    SECTION("reserved attributes and missing metadata") {
        dataset.variables[0].attributes.push_back({"_FillValue", "-1"});
        dataset.variables[1].units.clear();
        dataset.dimensions[3].long_name = "person index";
        require_invalid(dataset, {"variable 'population' attribute '_FillValue' is reserved",
                                  "variable 'care_cost' has no units", "dimension 'person' has long_name"});
    }
    SECTION("zero-length dimension and coordinates of both kinds") {
        dataset.dimensions[3].size = 0;
        dataset.dimensions[2].int_coordinates = {1, 2};
        require_invalid(dataset, {"dimension 'person' has size 0", "dimension 'sex' has both"});
    }
}
