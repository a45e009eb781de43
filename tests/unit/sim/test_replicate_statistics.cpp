#include <catch2/catch.hpp>
#include <cstring>
#include <limits>
#include <vector>

#include "sim/replicate_statistics.hpp"

using namespace carecast;

TEST_CASE("percentiles interpolate like R type 7 and numpy", "[statistics]") {
    std::vector<double> v{4, 1, 3, 2};
    const auto s = summarise(v);
    CHECK(s[0] == Approx(2.5));   // mean
    CHECK(s[1] == Approx(1.15));  // numpy.percentile([1,2,3,4], 5)
    CHECK(s[2] == Approx(2.5));
    CHECK(s[3] == Approx(3.85));
}

TEST_CASE("one replicate: every statistic is the value", "[statistics]") {
    std::vector<double> v{7};
    const auto s = summarise(v);
    for (double x : s) CHECK(x == 7);
}

TEST_CASE("statistics over replicates are laid out statistic-major", "[statistics]") {
    const std::vector<std::int32_t> data{1, 10, 3, 30};  // 2 replicates x 2 cells
    const auto out = summarise_over_replicates(data, 2);
    REQUIRE(out.size() == 8);
    CHECK(out[0] == 2);   // mean, cell 0
    CHECK(out[1] == 20);  // mean, cell 1
}

TEST_CASE("one replicate over many cells: the same bits as summarise on each value", "[statistics]") {
    // An England run summarises one replicate: every cell must give summarise's bits, also for a signed
    // zero, infinities and NaN.
    const std::vector<double> data{0.0,
                                   -0.0,
                                   1.5,
                                   -2.25,
                                   1e300,
                                   -1e-310,
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN()};
    const auto out = summarise_over_replicates(data, 1);
    REQUIRE(out.size() == statistic_count * data.size());
    for (std::size_t c = 0; c < data.size(); ++c) {
        std::vector<double> one{data[c]};
        const auto expected = summarise(one);
        for (int s = 0; s < statistic_count; ++s) {
            INFO("cell " << c << ", statistic " << s);
            CHECK(std::memcmp(&out[static_cast<std::size_t>(s) * data.size() + c],
                              &expected[static_cast<std::size_t>(s)], sizeof(double)) == 0);
        }
    }
    const std::vector<std::int32_t> counts{0, 5, -3};
    const auto from_counts = summarise_over_replicates(counts, 1);
    CHECK(from_counts == std::vector<double>{0, 5, -3, 0, 5, -3, 0, 5, -3, 0, 5, -3});
}

TEST_CASE("counts equal in every replicate: the same bits as summarise, without its sort", "[statistics]") {
    // summarise_over_replicates skips the sort where every replicate holds one count: the extremes of
    // int32, zero and ordinary counts, over 1, 3 and 20 replicates, beside cells that differ.
    const std::vector<std::int32_t> cell_values{0,
                                                1,
                                                7,
                                                -3,
                                                std::numeric_limits<std::int32_t>::max(),
                                                -1000,
                                                52731,
                                                40000,
                                                std::numeric_limits<std::int32_t>::min()};
    for (const std::size_t replicates : {1u, 3u, 20u}) {
        const std::size_t cells = cell_values.size() + 1;
        std::vector<std::int32_t> data(replicates * cells);
        for (std::size_t r = 0; r < replicates; ++r) {
            for (std::size_t c = 0; c < cell_values.size(); ++c) data[r * cells + c] = cell_values[c];
            data[r * cells + cell_values.size()] = static_cast<std::int32_t>(r * r);  // differs between replicates
        }
        const auto out = summarise_over_replicates(data, replicates);
        for (std::size_t c = 0; c < cells; ++c) {
            std::vector<double> values;
            for (std::size_t r = 0; r < replicates; ++r) values.push_back(data[r * cells + c]);
            const auto expected = summarise(values);
            for (int s = 0; s < statistic_count; ++s) {
                INFO(replicates << " replicates, cell " << c << ", statistic " << s);
                CHECK(std::memcmp(&out[static_cast<std::size_t>(s) * cells + c], &expected[static_cast<std::size_t>(s)],
                                  sizeof(double)) == 0);
            }
        }
    }
}
