#pragma once
// Many people's first Philox blocks at once, bit for bit those a DrawBlock or DrawStream computes
// (core/random.hpp): the yearly step's passes compute the decision blocks of a run of people ahead of
// their years (sim/year_step.cpp), and the modules' first states the first blocks of their streams
// (for_each_stream). On a CPU with AVX-512 (F and DQ) the Philox4x64-10 rounds run eight blocks to a
// vector, four vectors side by side (whole groups of 32 blocks of one address; what is left, of one
// address or several, four vectors at a time: decision_blocks_together); elsewhere one block at a time
// through Random123. Both paths compute the same integer function, Random123's, so the path taken
// cannot change a result: tests/unit/core/test_philox_batch.cpp checks every block of both against
// Random123. Only the speed differs (bench/floor_bench, 7 December 2026: 3.9-4.0 ns a block against
// 7.3-7.4 one at a time).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/cpu_paths.hpp"
#include "core/random.hpp"

namespace carecast {

/// out[k] = the first block of the address (key, persons[k], year, event) for every k of persons: the
/// four words DrawStream(key, persons[k], year, event) draws first.
void first_blocks(const StreamKey& key, std::int32_t year, RandomEvent event, std::span<const std::uint64_t> persons,
                  DrawBlock::Block* out);

/// out[k] = decision_block(key, persons[k], year) for every k of persons.
inline void decision_blocks(const StreamKey& key, std::int32_t year, std::span<const std::uint64_t> persons,
                            DrawBlock::Block* out) {
    first_blocks(key, year, RandomEvent::decisions, persons, out);
}

/// One module's people for decision_blocks_together: out[k] = decision_block(key, persons[k], year).
struct DecisionBlocksRequest {
    StreamKey key;
    std::span<const std::uint64_t> persons;
    DrawBlock::Block* out;
};

/// decision_blocks for every request (of one year), computed together: the last few people of one
/// request share a vector's rounds with another's instead of filling a vector of their own.
void decision_blocks_together(std::int32_t year, std::span<const DecisionBlocksRequest> requests);

/// People at a time whose streams' first blocks for_each_stream computes together: enough for the
/// batch's vectors, few enough for the blocks to stay in L1.
inline constexpr std::size_t stream_run = 64;

/// For each person i in [begin, end) with draws(i), in index order, body(i, stream): stream is their
/// DrawStream for (key, year, event), whose first block was computed together with those of the others
/// of a run of stream_run people (first_blocks); it draws the same words as DrawStream(key,
/// person_keys[i], year, event). `draws` is asked for a whole run before the run's bodies, so it must not
/// read what `body` writes.
template <typename Draws, typename Body>
void for_each_stream(const StreamKey& key, std::int32_t year, RandomEvent event,
                     std::span<const std::uint64_t> person_keys, std::size_t begin, std::size_t end, Draws&& draws,
                     Body&& body) {
    std::array<std::uint32_t, stream_run> who;
    std::array<std::uint64_t, stream_run> keys;
    std::array<DrawBlock::Block, stream_run> blocks;
    for (std::size_t first = begin; first < end; first += stream_run) {
        const std::size_t last = std::min(first + stream_run, end);
        std::size_t count = 0;
        for (std::size_t i = first; i < last; ++i) {  // without a branch: listed, then kept or not
            who[count] = static_cast<std::uint32_t>(i - first);
            keys[count] = person_keys[i];
            count += draws(i) ? 1 : 0;
        }
        first_blocks(key, year, event, {keys.data(), count}, blocks.data());
        for (std::size_t k = 0; k < count; ++k) {
            DrawStream stream(key, keys[k], year, event, blocks[k]);
            body(first + who[k], stream);
        }
    }
}

/// Which way first_blocks (and decision_blocks) computes: chosen once per process from the CPU
/// (portable: one block at a time; AVX-512: 8 blocks a vector).
CpuPath philox_batch_path();

namespace detail {
/// The two ways, for the tests and floor_bench; first_blocks_avx512 only where cpu_has_avx512().
bool cpu_has_avx512();
void first_blocks_one_at_a_time(const StreamKey& key, std::int32_t year, RandomEvent event,
                                std::span<const std::uint64_t> persons, DrawBlock::Block* out);
void first_blocks_avx512(const StreamKey& key, std::int32_t year, RandomEvent event,
                         std::span<const std::uint64_t> persons, DrawBlock::Block* out);
void decision_blocks_together_one_at_a_time(std::int32_t year, std::span<const DecisionBlocksRequest> requests);
void decision_blocks_together_avx512(std::int32_t year, std::span<const DecisionBlocksRequest> requests);
}  // namespace detail

}  // namespace carecast
