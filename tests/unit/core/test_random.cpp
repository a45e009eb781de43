#include <catch2/catch.hpp>

#include <boost/random/bernoulli_distribution.hpp>

#include "core/person_key.hpp"
#include "core/random.hpp"

using namespace carecast;

namespace {
/// Counts the words a distribution takes from a stream.
struct CountingStream {
    using result_type = std::uint64_t;
    static constexpr result_type min() { return DrawStream::min(); }
    static constexpr result_type max() { return DrawStream::max(); }
    DrawStream& inner;
    int words = 0;
    result_type operator()() {
        ++words;
        return inner();
    }
};
}  // namespace

TEST_CASE("a draw is a pure function of its address", "[random]") {
    const StreamKey key{42, 3, RandomModule::demography};
    DrawStream a(key, 1234, 2020, RandomEvent::stay_length), b(key, 1234, 2020, RandomEvent::stay_length);
    for (int i = 0; i < 10; ++i) CHECK(a() == b());
}

TEST_CASE("every part of the address changes the numbers", "[random]") {
    const StreamKey key{42, 3, RandomModule::demography};
    const auto first = DrawStream(key, 1234, 2020, RandomEvent::stay_length)();
    CHECK(DrawStream({43, 3, RandomModule::demography}, 1234, 2020, RandomEvent::stay_length)() != first);
    CHECK(DrawStream({42, 4, RandomModule::demography}, 1234, 2020, RandomEvent::stay_length)() != first);
    CHECK(DrawStream({42, 3, RandomModule::births}, 1234, 2020, RandomEvent::stay_length)() != first);
    CHECK(DrawStream(key, 1235, 2020, RandomEvent::stay_length)() != first);
    CHECK(DrawStream(key, 1234, 2021, RandomEvent::stay_length)() != first);
    CHECK(DrawStream(key, 1234, 2020, RandomEvent::residence)() != first);
}

TEST_CASE("Boost's Bernoulli takes exactly one word so decision sites never share numbers", "[random]") {
    DrawStream stream({1, 0, RandomModule::demography}, 7, 2016, RandomEvent::onset);
    CountingStream counting{stream};
    for (double p : {0.001, 0.3, 0.999}) {
        boost::random::bernoulli_distribution<double> bernoulli(p);
        bernoulli(counting);
    }
    CHECK(counting.words == 3);
}

TEST_CASE("streams run past one Philox block without repeating", "[random]") {
    DrawStream stream({9, 9, RandomModule::immigration}, 1, 2030, RandomEvent::immigrant_arrivals);
    std::vector<std::uint64_t> words;
    for (int i = 0; i < 12; ++i) words.push_back(stream());
    std::sort(words.begin(), words.end());
    CHECK(std::adjacent_find(words.begin(), words.end()) == words.end());
}

TEST_CASE("uniform doubles lie between 0 and 1 with mean one half", "[random]") {
    double sum = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double u =
            DrawStream({5, 0, RandomModule::demography}, static_cast<std::uint64_t>(i), 2016, RandomEvent::stay_length)
                .uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
    }
    // Standard error of the mean of U(0,1) is sqrt(1/12/n) ~ 0.00091.
    CHECK(std::abs(sum / n - 0.5) < 4 * 0.00091);
}

TEST_CASE("person keys depend only on the person's own origin", "[random]") {
    CHECK(base_person_key(0, 1, 80, 5) == base_person_key(0, 1, 80, 5));
    CHECK(base_person_key(0, 1, 80, 5) != base_person_key(0, 1, 80, 6));
    CHECK(base_person_key(0, 1, 80, 5) != base_person_key(0, 0, 80, 5));
    CHECK(newborn_key(77, 2020) != newborn_key(77, 2021));
    CHECK(immigrant_key(2020, 0, 1, 20, 0) != immigrant_key(2020, 0, 1, 21, 0));
}

TEST_CASE("an area's key comes from its code, not its position in the scenario", "[random]") {
    // ONS codes map one-to-one: (letter - 'A') * 10^8 + the 8 digits.
    STATIC_REQUIRE(area_key("E06000047") == 4u * 100000000u + 6000047u);
    STATIC_REQUIRE(area_key("A00000000") == 0u);
    STATIC_REQUIRE(area_key("Z99999999") == 25u * 100000000u + 99999999u);
    CHECK(area_key("E06000047") != area_key("E06000005"));
    CHECK(area_key("E10000024") != area_key("E08000024"));
    // Anything else is hashed (FNV-1a, 32 bits): stable and distinct for distinct names.
    CHECK(area_key("durham") == area_key("durham"));
    CHECK(area_key("durham") != area_key("darlington"));
    CHECK(area_key("E0600004") != area_key("E06000047"));
    CHECK(base_person_key(area_key("E06000047"), 1, 80, 5) != base_person_key(area_key("E06000005"), 1, 80, 5));
}
