#pragma once
// Many people's decision blocks at once, bit for bit those of decision_block (core/random.hpp): the
// yearly step's passes compute the blocks of a run of people ahead of their years (sim/year_step.cpp).
// On a CPU with AVX-512 (F and DQ) the Philox4x64-10 rounds run eight blocks to a vector, four vectors
// side by side; elsewhere one block at a time through Random123. Both paths compute the same integer
// function, Random123's, so the path taken cannot change a result: tests/unit/core/test_philox_batch.cpp
// checks every block of both against decision_block. Only the speed differs (bench/floor_bench: 4.3-4.6
// ns a block against 7.1-7.5 one at a time).
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/random.hpp"

namespace carecast {

/// out[k] = decision_block(key, persons[k], year) for every k of persons.
void decision_blocks(const StreamKey& key, std::int32_t year, std::span<const std::uint64_t> persons,
                     DrawBlock::Block* out);

/// Which way decision_blocks computes: chosen once per process from the CPU.
enum class PhiloxBatchPath { one_at_a_time, avx512 };
PhiloxBatchPath philox_batch_path();
const char* to_string(PhiloxBatchPath path);

namespace detail {
/// The two ways, for the tests and floor_bench; decision_blocks_avx512 only where cpu_has_avx512().
bool cpu_has_avx512();
void decision_blocks_one_at_a_time(const StreamKey& key, std::int32_t year, std::span<const std::uint64_t> persons,
                                   DrawBlock::Block* out);
void decision_blocks_avx512(const StreamKey& key, std::int32_t year, std::span<const std::uint64_t> persons,
                            DrawBlock::Block* out);
}  // namespace detail

}  // namespace carecast
