#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/philox_batch.hpp"

using namespace carecast;

namespace {
/// Person keys that reach every bit: small numbers, the extremes, and splitmix64's mixed words.
std::vector<std::uint64_t> person_keys(std::size_t n) {
    std::vector<std::uint64_t> keys;
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    for (std::size_t k = 0; k < n; ++k) {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        keys.push_back(k % 5 == 0 ? k : k % 7 == 0 ? std::numeric_limits<std::uint64_t>::max() - k : z ^ (z >> 31));
    }
    return keys;
}

using Batch = void (*)(const StreamKey&, std::int32_t, std::span<const std::uint64_t>, DrawBlock::Block*);

/// Every count from 0 to 100 (whole vectors of 32 and 8 and every tail) at several keys and years:
/// each block equal to decision_block's, and nothing written past the last.
void check_against_random123(Batch batch) {
    const std::vector<std::uint64_t> keys = person_keys(100);
    const StreamKey streams[] = {{0, 0, RandomModule::demography},
                                 {42, 7, RandomModule::couples},
                                 {std::numeric_limits<std::uint64_t>::max(), 0xffffffffu, RandomModule::births}};
    for (const StreamKey& stream : streams)
        for (const std::int32_t year : {2016, 2043, -1})
            for (std::size_t n = 0; n <= keys.size(); ++n) {
                std::vector<DrawBlock::Block> out(n + 1);
                const DrawBlock::Block sentinel{{1, 2, 3, 4}};
                out[n] = sentinel;
                batch(stream, year, {keys.data(), n}, out.data());
                for (std::size_t k = 0; k < n; ++k) {
                    INFO("seed " << stream.seed << ", year " << year << ", " << n << " people, person " << k);
                    REQUIRE(out[k] == decision_block(stream, keys[k], year));
                }
                REQUIRE(out[n] == sentinel);
            }
}
}  // namespace

TEST_CASE("decision_blocks gives decision_block's blocks, one at a time", "[random]") {
    check_against_random123(&detail::decision_blocks_one_at_a_time);
}

TEST_CASE("decision_blocks gives decision_block's blocks, eight to an AVX-512 vector", "[random]") {
    if (!detail::cpu_has_avx512()) {
        WARN("this CPU has no AVX-512 (F and DQ): the vector path is not exercised here");
        return;
    }
    check_against_random123(&detail::decision_blocks_avx512);
}

TEST_CASE("decision_blocks takes the CPU's path and gives the same blocks", "[random]") {
    CHECK(philox_batch_path() == (detail::cpu_has_avx512() ? PhiloxBatchPath::avx512 : PhiloxBatchPath::one_at_a_time));
    CHECK(std::string(to_string(philox_batch_path())).size() > 0);
    check_against_random123(&decision_blocks);
}
