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
