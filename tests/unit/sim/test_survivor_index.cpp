#include <bit>
#include <random>

#include <catch2/catch.hpp>

#include "sim/year_step.hpp"

using namespace carecast;

TEST_CASE("SurvivorIndex gives each survivor its index after compaction, and no_person to leavers", "[population]") {
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{1000}}) {
        SurvivorIndex survivors;
        survivors.reset(n + 70);  // a larger population first: reset must clear its bits
        for (std::size_t i = 0; i < n + 70; ++i) survivors.add(i, static_cast<std::uint32_t>(i), true);
        survivors.reset(n);
        std::vector<std::uint32_t> expected(n, no_person);
        std::uint32_t next = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool stays = (i * 7919) % 5 != 0 && i % 64 != 63;  // leavers in most groups, at both ends
            survivors.add(i, next, stays);
            if (stays) expected[i] = next++;
        }
        for (std::size_t j = 0; j < n; ++j) {
            INFO("n " << n << " person " << j);
            CHECK(survivors(static_cast<std::uint32_t>(j)) == expected[j]);
        }
    }
}

TEST_CASE("count_bits counts set bits as std::popcount does", "[population]") {
    static_assert(count_bits(0) == 0 && count_bits(~std::uint64_t{0}) == 64 && count_bits(0x8000000000000001u) == 2);
    for (int k = 0; k < 64; ++k) {
        const std::uint64_t below = (std::uint64_t{1} << k) - 1;  // what SurvivorIndex masks
        CHECK(count_bits(below) == static_cast<std::uint32_t>(k));
        CHECK(count_bits(~below) == static_cast<std::uint32_t>(64 - k));
    }
    std::mt19937_64 random(20261206);
    for (int n = 0; n < 100000; ++n) {
        const std::uint64_t x = random() & random();  // sparser and denser words than uniform alone
        const std::uint64_t y = random() | random();
        REQUIRE(count_bits(x) == static_cast<std::uint32_t>(std::popcount(x)));
        REQUIRE(count_bits(y) == static_cast<std::uint32_t>(std::popcount(y)));
    }
}
