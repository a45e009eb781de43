#include <catch2/catch.hpp>

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
