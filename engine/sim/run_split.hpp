#pragma once
// Who of a run of at most 64 people draws which of the decision blocks pass 1 computes ahead
// (sim/year_step.cpp, BlocksAhead): the adults' (couples and need decisions), the young people's (SEND)
// and the births' (women at ages with births). With AVX-512 (BW, VBMI, VBMI2) the run is split a vector
// at a time: its ages and sexes compared as 64 bytes, its lists packed by mask; the portable twin gives
// the same lists (CARECAST_CPU_PATHS=portable, core/cpu_paths.hpp).
#include <array>
#include <cstddef>
#include <cstdint>

#include "core/cpu_paths.hpp"

namespace carecast {

/// The most people in a run.
inline constexpr std::size_t run_capacity = 64;

/// Which people draw which blocks.
struct RunSplitRule {
    bool adult = false;   // adults draw their couples block: age >= adult_from_age
    bool social = false;  // young people draw their social block: age <= social_to_age
    int adult_from_age = 0;
    int social_to_age = 0;
    /// Non-zero at the ages (0..255) at which a woman draws her births block (a birth probability above 0).
    const std::uint8_t* birth_ages = nullptr;
    int max_age = 0;  // of the population (the AVX-512 path looks ages up in a table of 128)
};

/// A run split: for each module, the keys of its drawers in person order and each person's place among
/// them (`none` where they draw none).
struct RunSplit {
    static constexpr std::uint8_t none = 0xff;
    static_assert(run_capacity < none);
    std::array<std::uint8_t, run_capacity> adult_slot, births_slot, social_slot;
    std::array<std::uint64_t, run_capacity> adult_keys, birth_keys, social_keys;
    std::size_t adult_count = 0, birth_count = 0, social_count = 0;
};

/// Splits people [0, n) (n <= run_capacity) of a run by `rule`, from their sex (Sex: 0 female), age and
/// key columns. Slots past n are unspecified.
void split_run(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age, const std::uint64_t* keys,
               std::size_t n, RunSplit& out);

/// The path split_run takes on this CPU (AVX-512 F, BW, VBMI and VBMI2, and popcnt), unless
/// CARECAST_CPU_PATHS=portable (or an age above 127).
CpuPath run_split_path();

namespace detail {
void split_run_one_by_one(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age,
                          const std::uint64_t* keys, std::size_t n, RunSplit& out);
/// split_run with AVX-512, which the CPU must have, for populations of ages up to 127.
void split_run_avx512(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age,
                      const std::uint64_t* keys, std::size_t n, RunSplit& out);
bool cpu_has_avx512_split();
}  // namespace detail

}  // namespace carecast
