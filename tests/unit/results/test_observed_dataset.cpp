// add_observed: the published figures become observed_* variables with their own year dimensions,
// NaN for unpublished cells, source attributes; written and read back unchanged; not in results_digest.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "output/dataset.hpp"
#include "output/dataset_digest.hpp"
#include "output/netcdf_reader.hpp"
#include "output/netcdf_writer.hpp"
#include "results/observed_dataset.hpp"

using namespace carecast;
using carecast::output::Dataset;

namespace {

std::string attribute(const output::Variable& v, const std::string& name) {
    for (const auto& a : v.attributes)
        if (a.name == name) return a.value;
    return "";
}

/// Two areas; population for 2011 and 2016 (area 2 has no rows); EHC plans for 2015 with one blank.
ObservedInputs sample() {
    ObservedInputs o;
    o.source = "ONS and DfE";
    o.areas = {"E06000047", "E06000005"};
    o.population.file = "pop.csv";
    o.population.header = {"# ONS mid-year estimates"};
    o.population.years = {2011, 2016};
    o.population.values.assign(2 * 2 * 2 * 91, std::nan(""));
    for (std::size_t i = 0; i < 2 * 2 * 91; ++i) o.population.values[i] = static_cast<double>(i);
    o.population.areas_without_rows = {"E06000005"};
    o.ehc_plans.file = "ehc.csv";
    o.ehc_plans.years = {2015};
    o.ehc_plans.values = {1, 2, 3, 4, std::nan(""), 10, 5, 6, 7, 8, 9, 35};
    return o;
}

Dataset run_like() {
    Dataset d;
    d.dimensions = {{"replicate", 1, "replicate", "", {0}, {}},
                    {"area", 2, "area code (ONS)", "", {}, {"E06000047", "E06000005"}},
                    {"sex", 2, "sex", "", {}, {"female", "male"}}};
    d.variables = {{"population_total", {"replicate", "area"}, "people", "1", std::vector<std::int32_t>{5, 6}, {}}};
    return d;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("observed variables: dimensions and attributes and NaN for unpublished", "[observed]") {
    Dataset d = run_like();
    const auto digest_before = output::dataset_results_digest(d);
    output::add_observed(d, sample());
    CHECK(output::dataset_results_digest(d) == digest_before);  // published figures are not results

    const auto* population = output::find_variable(d, "observed_population");
    REQUIRE(population);
    CHECK(population->dimensions == std::vector<std::string>{"area", "observed_year", "sex", "observed_age"});
    CHECK(output::find_dimension(d, "observed_year")->int_coordinates == std::vector<std::int32_t>{2011, 2016});
    CHECK(output::find_dimension(d, "observed_age")->size == 91);
    CHECK(attribute(*population, "source") == "ONS and DfE\n# ONS mid-year estimates");
    CHECK(attribute(*population, "source_file") == "pop.csv");
    CHECK_THAT(attribute(*population, "note"), Catch::Matchers::Contains("E06000005"));
    CHECK_THAT(attribute(*population, "comment"), Catch::Matchers::Contains("NaN"));

    const auto* ehc = output::find_variable(d, "observed_ehc_plans");
    REQUIRE(ehc);
    CHECK(ehc->dimensions == std::vector<std::string>{"area", "observed_ehc_year", "ehc_age_band"});
    CHECK(output::find_dimension(d, "ehc_age_band")->string_coordinates ==
          std::vector<std::string>{"under_5", "5_to_10", "11_to_15", "16_to_19", "20_to_25", "total"});
    CHECK(attribute(*ehc, "note").empty());
}

TEST_CASE("observed variables survive a write and a read with NaN included", "[observed]") {
    Dataset d = run_like();
    output::add_observed(d, sample());
    output::validate_dataset(d);
    const auto path =
        std::filesystem::temp_directory_path() / ("carecast_observed_dataset_" + std::to_string(::getpid()) + ".nc");
    std::filesystem::remove(path);
    output::write_netcdf4(d, path);
    const Dataset back = output::read_netcdf4(path);
    std::filesystem::remove(path);
    for (const char* name : {"observed_population", "observed_ehc_plans"}) {
        INFO(name);
        const auto* a = output::find_variable(d, name);
        const auto* b = output::find_variable(back, name);
        REQUIRE(b);
        CHECK(b->dimensions == a->dimensions);
        CHECK(same_bits(std::get<std::vector<double>>(a->data), std::get<std::vector<double>>(b->data)));
        CHECK(attribute(*b, "source") == attribute(*a, "source"));
    }
    CHECK(output::find_dimension(back, "observed_ehc_year")->int_coordinates == std::vector<std::int32_t>{2015});
}

TEST_CASE("no observed section: the dataset is unchanged", "[observed]") {
    Dataset d = run_like();
    output::add_observed(d, ObservedInputs{});
    CHECK(d.variables.size() == 1);
    CHECK(d.dimensions.size() == 3);
}
