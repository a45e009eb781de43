#pragma once
// Compaction of one column: the elements whose bit is set kept, moved down in place, their order kept.
// Compaction (sim/year_step.cpp) does this to every column of the population each year. With AVX-512
// VBMI2 (vpcompress on bytes and words) a group of 64 people costs a handful of instructions per column
// whatever the pattern of who left; the portable way moves the kept elements one by one. The two give the
// same bytes (tests/unit/core/test_keep_marked.cpp); before, a memmove per run of consecutive survivors
// (about 30 people between deaths and emigrations) made compaction a tenth of a full model's year.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "core/cpu_paths.hpp"

namespace carecast {

/// Which way keep_marked moves elements: chosen once per process from the CPU (portable: one element
/// at a time; AVX-512 VBMI2: a vector at a time).
CpuPath compaction_path();

/// The number of set bits of x, inline: std::popcount is a call into libgcc on the baseline x86-64
/// target, which has no popcnt instruction. Bits summed in pairs, nibbles and bytes, then the bytes
/// added by one multiplication.
constexpr std::uint32_t count_bits(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return static_cast<std::uint32_t>((x * 0x0101010101010101u) >> 56);
}

namespace detail {
/// renumber_kept without popcnt, for the tests.
void renumber_kept_portably(std::span<std::uint32_t> indices, std::span<const std::uint64_t> marks,
                            std::span<const std::uint32_t> before, std::uint32_t none);
/// The ways, by element size (1, 2, 4 or 8 bytes): keep_marked's, for the tests. The AVX-512 one only
/// where cpu_has_avx512_compress().
bool cpu_has_avx512_compress();
std::size_t keep_marked_one_by_one(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks);
std::size_t keep_marked_avx512(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks);
}  // namespace detail

/// Every index j in `indices` other than `none` replaced by its index among the kept (marked) elements,
/// or by `none` if j is not marked: before[j / 64] + the marked bits below j in marks[j / 64] (before
/// holds the marked elements before each group of 64). Compaction's partner remap. The marked bits
/// are counted with the CPU's popcnt where it has one (the baseline x86-64 target has none, and the
/// bit arithmetic that stands in for it was most of the remap's time).
void renumber_kept(std::span<std::uint32_t> indices, std::span<const std::uint64_t> marks,
                   std::span<const std::uint32_t> before, std::uint32_t none);

/// Keeps the elements i of values[0, n) whose mark is set (bit i % 64 of marks[i / 64]; marks holds
/// (n + 63) / 64 words, bits at or past n clear), moved down in place in index order; returns how many.
/// The elements past the returned count are left unspecified up to n; nothing past n is written.
template <typename T>
std::size_t keep_marked(std::span<T> values, std::span<const std::uint64_t> marks) {
    // Moved as unsigned integers of their size: integers and enums only (a float moved through an
    // integer pointer would break strict aliasing).
    static_assert((std::is_integral_v<T> || std::is_enum_v<T>)&&(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 ||
                                                                 sizeof(T) == 8));
    const std::size_t n = values.size();
    assert(marks.size() >= (n + 63) / 64);
    assert(n % 64 == 0 || (marks[n / 64] >> (n % 64)) == 0);  // no mark at or past n
    if (compaction_path() == CpuPath::avx512)
        return detail::keep_marked_avx512(values.data(), sizeof(T), n, marks.data());
    return detail::keep_marked_one_by_one(values.data(), sizeof(T), n, marks.data());
}

}  // namespace carecast
