#include <algorithm>
#include <bit>
#include <random>

#include <catch2/catch.hpp>

#include "sim/year_step.hpp"

using namespace carecast;

namespace {

/// Survivors of n people with leavers in most groups, at both ends of a group; `expected` receives each
/// person's index after compaction (no_person for leavers).
SurvivorIndex survivors_of(std::size_t n, std::vector<std::uint32_t>& expected) {
    SurvivorIndex survivors;
    survivors.reset(n + 70);  // a larger population first: reset must clear its bits
    for (std::size_t g = 0; g < (n + 70 + 63) / 64; ++g) survivors.set_group(g, 0, ~std::uint64_t{0});
    survivors.reset(n);
    expected.assign(n, no_person);
    std::uint32_t next = 0;
    for (std::size_t first = 0; first < n; first += 64) {
        const std::uint32_t before = next;
        std::uint64_t marks = 0;
        for (std::size_t i = first; i < std::min(first + 64, n); ++i) {
            const bool stays = (i * 7919) % 5 != 0 && i % 64 != 63;
            if (!stays) continue;
            marks |= std::uint64_t{1} << (i - first);
            expected[i] = next++;
        }
        survivors.set_group(first / 64, before, marks);
    }
    return survivors;
}

}  // namespace

TEST_CASE("SurvivorIndex renumbers each survivor to their index after compaction, leavers to no_person",
          "[population]") {
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{1000}}) {
        std::vector<std::uint32_t> expected;
        const SurvivorIndex survivors = survivors_of(n, expected);
        // Everyone, backwards, with no_person between: indices in any order, and no_person kept.
        std::vector<std::uint32_t> indices, want;
        for (std::size_t j = n; j-- > 0;) {
            indices.insert(indices.end(), {static_cast<std::uint32_t>(j), no_person});
            want.insert(want.end(), {expected[j], no_person});
        }
        std::vector<std::uint32_t> portably = indices;
        survivors.renumber(indices);
        detail::renumber_kept_portably(portably, survivors.marks(), survivors.before(), no_person);
        INFO("n " << n);
        CHECK(indices == want);
        CHECK(portably == want);
    }
}

TEST_CASE("count_bits counts set bits as std::popcount does", "[population]") {
    static_assert(count_bits(0) == 0 && count_bits(~std::uint64_t{0}) == 64 && count_bits(0x8000000000000001u) == 2);
    for (int k = 0; k < 64; ++k) {
        const std::uint64_t below = (std::uint64_t{1} << k) - 1;  // what renumber_kept masks
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
