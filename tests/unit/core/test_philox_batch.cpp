#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/cpu_paths.hpp"
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

using Batch = void (*)(const StreamKey&, std::int32_t, RandomEvent, std::span<const std::uint64_t>, DrawBlock::Block*);

/// The first four words of a DrawStream, as a block.
DrawBlock::Block first_words(DrawStream stream) {
    DrawBlock::Block block;
    for (auto& word : block.v) word = stream();
    return block;
}

/// Every count from 0 to 100 (whole vectors of 32 and 8 and every tail) at several keys, years and events:
/// each block equal to the first four words of DrawStream (and for `decisions` to decision_block's),
/// and nothing written past the last.
void check_against_random123(Batch batch) {
    const std::vector<std::uint64_t> keys = person_keys(100);
    const StreamKey streams[] = {{0, 0, RandomModule::demography},
                                 {42, 7, RandomModule::couples},
                                 {std::numeric_limits<std::uint64_t>::max(), 0xffffffffu, RandomModule::births}};
    for (const StreamKey& stream : streams)
        for (const std::int32_t year : {2016, 2043, -1})
            for (const RandomEvent event : {RandomEvent::decisions, RandomEvent::onset, RandomEvent::partnered})
                for (std::size_t n = 0; n <= keys.size(); ++n) {
                    std::vector<DrawBlock::Block> out(n + 1);
                    const DrawBlock::Block sentinel{{1, 2, 3, 4}};
                    out[n] = sentinel;
                    batch(stream, year, event, {keys.data(), n}, out.data());
                    for (std::size_t k = 0; k < n; ++k) {
                        INFO("seed " << stream.seed << ", year " << year << ", event "
                                     << static_cast<std::uint64_t>(event) << ", " << n << " people, person " << k);
                        REQUIRE(out[k] == first_words(DrawStream(stream, keys[k], year, event)));
                        if (event == RandomEvent::decisions) REQUIRE(out[k] == decision_block(stream, keys[k], year));
                    }
                    REQUIRE(out[n] == sentinel);
                }
}
}  // namespace

TEST_CASE("first_blocks gives Random123's first blocks, one at a time", "[random]") {
    check_against_random123(&detail::first_blocks_one_at_a_time);
}

TEST_CASE("first_blocks gives Random123's first blocks, eight to an AVX-512 vector", "[random]") {
    if (!detail::cpu_has_avx512()) {
        WARN("this CPU has no AVX-512 (F and DQ): the vector path is not exercised here");
        return;
    }
    check_against_random123(&detail::first_blocks_avx512);
}

TEST_CASE("first_blocks takes the CPU's path and gives the same blocks", "[random]") {
    CHECK(philox_batch_path() == cpu_path(detail::cpu_has_avx512()));
    CHECK(std::string(to_string(philox_batch_path())).size() > 0);
    check_against_random123(&first_blocks);
}

TEST_CASE("decision_blocks gives decision_block's blocks", "[random]") {
    const std::vector<std::uint64_t> keys = person_keys(70);
    const StreamKey stream{42, 7, RandomModule::couples};
    std::vector<DrawBlock::Block> out(keys.size());
    decision_blocks(stream, 2030, keys, out.data());
    for (std::size_t k = 0; k < keys.size(); ++k) REQUIRE(out[k] == decision_block(stream, keys[k], 2030));
}

namespace {
using Together = void (*)(std::int32_t, std::span<const DecisionBlocksRequest>);

/// Three requests of different keys (and one empty) at every mix of counts that fill whole groups of
/// 32, whole vectors of 8 and partial ones, so that vectors of different keys share a computation: each
/// block equal to decision_block's, nothing written past a request's last.
void check_together(Together together) {
    const std::vector<std::uint64_t> keys = person_keys(70);
    const StreamKey streams[] = {{42, 7, RandomModule::demography},
                                 {42, 7, RandomModule::couples},
                                 {std::numeric_limits<std::uint64_t>::max(), 0xffffffffu, RandomModule::social}};
    const std::size_t counts[] = {0, 1, 7, 8, 9, 31, 32, 33, 41, 70};
    const DrawBlock::Block sentinel{{1, 2, 3, 4}};
    for (const std::size_t a : counts)
        for (const std::size_t b : counts)
            for (const std::size_t c : counts) {
                const std::size_t n[] = {a, b, c};
                std::vector<DrawBlock::Block> out[3];
                std::vector<DecisionBlocksRequest> requests;
                for (int r = 0; r < 3; ++r) {
                    out[r].assign(n[r] + 1, sentinel);
                    // Requests 0 and 1: the first people under two keys; request 2 the last people.
                    requests.push_back({streams[r], {keys.data() + (70 - n[r]) * (r == 2), n[r]}, out[r].data()});
                    if (r == 0) requests.push_back({streams[1], {}, nullptr});  // an empty request
                }
                together(2031, requests);
                for (int r = 0; r < 3; ++r) {
                    const auto& request = requests[r == 0 ? 0 : static_cast<std::size_t>(r) + 1];
                    for (std::size_t k = 0; k < n[r]; ++k) {
                        INFO("counts " << a << ", " << b << ", " << c << ": request " << r << ", person " << k);
                        REQUIRE(out[r][k] == decision_block(streams[r], request.persons[k], 2031));
                    }
                    REQUIRE(out[r][n[r]] == sentinel);
                }
            }
}
}  // namespace

TEST_CASE("decision_blocks_together gives each request's decision blocks, one at a time", "[random]") {
    check_together(&detail::decision_blocks_together_one_at_a_time);
}

TEST_CASE("decision_blocks_together gives each request's decision blocks, vectors of several keys together",
          "[random]") {
    if (!detail::cpu_has_avx512()) {
        WARN("this CPU has no AVX-512 (F and DQ): the vector path is not exercised here");
        return;
    }
    check_together(&detail::decision_blocks_together_avx512);
}

TEST_CASE("decision_blocks_together takes the CPU's path", "[random]") {
    check_together(&decision_blocks_together);
}

TEST_CASE("for_each_stream draws each chosen person's stream from its first block on, in index order", "[random]") {
    const std::vector<std::uint64_t> keys = person_keys(200);
    const StreamKey stream{7, 3, RandomModule::base_states};
    for (const std::size_t begin : {std::size_t{0}, std::size_t{5}})
        for (const std::size_t end : {begin, begin + 1, begin + 63, begin + 64, begin + 65, std::size_t{200}}) {
            std::vector<std::size_t> seen;
            auto chosen = [](std::size_t i) { return i % 3 != 1; };
            for_each_stream(stream, 2024, RandomEvent::onset, keys, begin, end, chosen,
                            [&](std::size_t i, DrawStream& drawn) {
                                DrawStream alone(stream, keys[i], 2024, RandomEvent::onset);
                                for (int word = 0; word < 9; ++word)
                                    REQUIRE(drawn() == alone());  // past the first block
                                seen.push_back(i);
                            });
            std::vector<std::size_t> expected;
            for (std::size_t i = begin; i < end; ++i)
                if (chosen(i)) expected.push_back(i);
            REQUIRE(seen == expected);
        }
}
