// The bytes MPI ranks send: encode then decode gives the same dataset; damaged bytes are refused.
#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "batch/dataset_codec.hpp"
#include "batch/replicate_range.hpp"

using carecast::batch::decode_dataset;
using carecast::batch::encode_dataset;
using carecast::output::Dataset;

TEST_CASE("decode_dataset inverts encode_dataset", "[batch]") {
    Dataset d;
    d.dimensions = {{"replicate", 2, "replicate", "", {7, 8}, {}},
                    {"sex", 2, "sex", "", {}, {"female", "male"}},
                    {"bare", 3, "", "", {}, {}}};
    d.variables = {{"a", {"replicate", "sex"}, "a", "1", std::vector<std::int32_t>{1, -2, 3, 4}, {{"k", "v"}}},
                   {"b", {"replicate"}, "b", "1", std::vector<std::int64_t>{INT64_MIN, INT64_MAX}, {}},
                   {"c", {"bare"}, "c", "GBP", std::vector<double>{0.1, -0.0, 1e300}, {}}};
    d.global_attributes = {{"scenario_text", std::string("with\0nul and \xc3\xa9", 14)}, {"empty", ""}};
    const std::string bytes = encode_dataset(d);
    const Dataset back = decode_dataset(bytes);
    CHECK(encode_dataset(back) == bytes);
    REQUIRE(back.variables.size() == 3);
    CHECK(back.variables[1].data == d.variables[1].data);
    CHECK(back.dimensions[1].string_coordinates == d.dimensions[1].string_coordinates);
    CHECK(back.global_attributes[0].value == d.global_attributes[0].value);

    CHECK_THROWS_AS(decode_dataset(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
    CHECK_THROWS_AS(decode_dataset(bytes + "x"), std::runtime_error);
    CHECK_THROWS_AS(decode_dataset(std::string(8, '\xff')), std::runtime_error);
}

TEST_CASE("encode_dataset sends a deferred variable's values computed", "[batch]") {
    Dataset d;
    d.dimensions = {{"replicate", 2, "replicate", "", {0, 1}, {}}, {"statistic", 1, "", "", {}, {}}};
    d.variables = {{"a", {"replicate"}, "a", "1", std::vector<std::int32_t>{3, 5}, {}},
                   {"a_summary", {"statistic"}, "a (statistics)", "1", std::vector<double>{}, {}}};
    d.deferred.emplace("a_summary", [](const Dataset& of) {
        const auto& a = std::get<std::vector<std::int32_t>>(of.variables[0].data);
        return carecast::output::Values{std::vector<double>{(a[0] + a[1]) / 2.0}};
    });
    const Dataset back = decode_dataset(encode_dataset(d));
    CHECK(back.deferred.empty());
    CHECK(back.variables[1].data == carecast::output::Values{std::vector<double>{4.0}});
}

TEST_CASE("decode_area_part inverts encode_area_part", "[batch]") {
    carecast::AreaPart part{3, 2, {}};
    part.replicates.resize(2);
    part.replicates[0].values = {{1, 2, 3}, {}, {-4}};
    part.replicates[0].stays = {{0, 1, 400}, {2, 0, 31}};
    part.replicates[0].parameters = {0.25};
    part.replicates[1].values = {{5}, {6, 7}, {}};
    part.replicates[1].money_draws = {-12.5, 3};
    const std::string bytes = carecast::batch::encode_area_part(part, "node-7");
    std::string host;
    const carecast::AreaPart back = carecast::batch::decode_area_part(bytes, host);
    CHECK(host == "node-7");
    CHECK(back.first_area == 3);
    CHECK(back.area_count == 2);
    REQUIRE(back.replicates.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(back.replicates[i].values == part.replicates[i].values);
        CHECK(back.replicates[i].parameters == part.replicates[i].parameters);
        CHECK(back.replicates[i].money_draws == part.replicates[i].money_draws);
        REQUIRE(back.replicates[i].stays.size() == part.replicates[i].stays.size());
    }
    CHECK(back.replicates[0].stays[1].days == 31);
    CHECK(carecast::batch::encode_area_part(back, host) == bytes);

    CHECK_THROWS_AS(carecast::batch::decode_area_part(bytes.substr(0, bytes.size() - 1), host), std::runtime_error);
    CHECK_THROWS_AS(carecast::batch::decode_area_part(bytes + "x", host), std::runtime_error);
    CHECK_THROWS_AS(carecast::batch::decode_area_part(std::string(8, '\xff'), host), std::runtime_error);
}

TEST_CASE("parse_replicate_range reads A:B as replicates A to B-1", "[batch]") {
    using carecast::batch::parse_replicate_range;
    const auto range = parse_replicate_range("replicates", "10:20");
    CHECK(range.first == 10);
    CHECK(range.count == 10);
    CHECK(range.end() == 20);
    CHECK(range.to_string() == "10:20");
    for (const char* bad : {"5", "5:5", "6:5", "-1:3", "a:3", "1:", ":4", "0:100001", "1:2:3", "0:2000000000"})
        CHECK_THROWS_AS(parse_replicate_range("replicates", bad), std::invalid_argument);
}
