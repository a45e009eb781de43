#pragma once
// Counts Philox4x64 blocks, by random module, in a special build of the engine and carecast_bench (never
// the one that is timed): bench/count_philox.sh force-includes this header into every source file
// (-include), so that every `r123::Philox4x64` the engine names (DrawBlock, DrawStream, parameter draws)
// becomes the counting type below, with no change to the engine's code or results.
// carecast_bench prints the counts on its RESULT line (philox_blocks=, philox_by_module=).
#include <Random123/philox.h>

#include <array>
#include <atomic>
#include <cstdint>

#define CARECAST_COUNT_PHILOX 1

namespace carecast::philox_count {
/// Blocks computed, by random module id (key word 1 >> 32; 0 collects ids out of range).
inline std::array<std::atomic<std::uint64_t>, 32> by_module{};
}  // namespace carecast::philox_count

namespace r123 {
/// Philox4x64-10 that counts its calls.
struct CountingPhilox4x64 : Philox4x64_R<10> {
    ctr_type operator()(ctr_type ctr, key_type key) const {
        const std::uint64_t module = key.v[1] >> 32;
        carecast::philox_count::by_module[module < 32 ? module : 0].fetch_add(1, std::memory_order_relaxed);
        return Philox4x64_R<10>::operator()(ctr, key);
    }
};
}  // namespace r123

// From here on, the engine's r123::Philox4x64 is the counting one (philox.h, included above, is done).
#define Philox4x64 CountingPhilox4x64
