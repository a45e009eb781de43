#include "core/keep_marked.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

#include "core/cpu_paths.hpp"

// The AVX-512 compaction and the popcnt remap are x86-64 code, each chosen at run time from the CPU.
#if defined(__x86_64__)
#include <immintrin.h>
#define CARECAST_X86_64_PATHS 1
#else
#define CARECAST_X86_64_PATHS 0
#endif

namespace carecast {
namespace {

/// Unsigned integer of a size: the columns' elements moved as their bytes.
template <std::size_t Bytes>
using Word = std::conditional_t<
    Bytes == 1, std::uint8_t,
    std::conditional_t<Bytes == 2, std::uint16_t, std::conditional_t<Bytes == 4, std::uint32_t, std::uint64_t>>>;

/// Calls f.template operator()<Word>() for the element size, or throws for any other.
template <typename F>
std::size_t by_element_size(std::size_t element_bytes, F&& f) {
    switch (element_bytes) {
        case 1:
            return f.template operator()<Word<1>>();
        case 2:
            return f.template operator()<Word<2>>();
        case 4:
            return f.template operator()<Word<4>>();
        case 8:
            return f.template operator()<Word<8>>();
    }
    throw std::invalid_argument("keep_marked: elements of 1, 2, 4 or 8 bytes only");
}

template <typename U>
std::size_t keep_one_by_one(U* values, std::size_t n, const std::uint64_t* marks) {
    std::size_t kept = 0;
    for (std::size_t first = 0; first < n; first += 64) {
        std::uint64_t marked = marks[first / 64];
        if (marked == ~std::uint64_t{0} && kept == first) {  // a whole group kept where it is
            kept += 64;
            continue;
        }
        for (; marked != 0; marked &= marked - 1) values[kept++] = values[first + std::countr_zero(marked)];
    }
    return kept;
}

template <typename CountBits>
[[gnu::always_inline]] inline void renumber(std::span<std::uint32_t> indices, const std::uint64_t* marks,
                                            const std::uint32_t* before, std::uint32_t none, CountBits count_bits) {
    for (std::uint32_t& j : indices) {
        // Without a branch: about half the people have a partner, mixed at random through the population,
        // so a branch on it is mispredicted about half the time (`none` looks up index 0 instead, and the
        // result is selected by a mask). The empty asm hides where `linked` and `at` come from: without it
        // GCC puts the branch back.
        std::uint32_t linked = j != none;
        std::uint32_t at = linked ? j : 0;
        __asm__("" : "+r"(linked), "+r"(at));
        const std::uint64_t group = marks[at >> 6];
        const std::uint32_t renumbered = before[at >> 6] + count_bits(group & ((std::uint64_t{1} << (at & 63)) - 1));
        const std::uint32_t kept = 0u - (linked & static_cast<std::uint32_t>((group >> (at & 63)) & 1));
        j = (renumbered & kept) | (none & ~kept);
    }
}

#if CARECAST_X86_64_PATHS

bool cpu_has_popcnt() {
    return __builtin_cpu_supports("popcnt");
}

__attribute__((target("popcnt"))) void renumber_with_popcnt(std::span<std::uint32_t> indices,
                                                            const std::uint64_t* marks, const std::uint32_t* before,
                                                            std::uint32_t none) {
    // Inlined here, the builtin becomes the popcnt instruction (elsewhere, a call into libgcc).
    renumber(indices, marks, before, none,
             [](std::uint64_t x) { return static_cast<std::uint32_t>(__builtin_popcountll(x)); });
}

/// The low `count` bits set, for count up to 64.
constexpr std::uint64_t low_bits(unsigned count) {
    return count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
}

/// Lanes of a vector of Us as an AVX-512 mask.
template <typename U>
using LaneMask = std::conditional_t<
    sizeof(U) == 1, __mmask64,
    std::conditional_t<sizeof(U) == 2, __mmask32, std::conditional_t<sizeof(U) == 4, __mmask16, __mmask8>>>;

/// The lanes of x whose bit is set in `marked`, packed at the bottom (the rest zero).
template <typename U>
__attribute__((target("avx512f,avx512bw,avx512vbmi2"))) inline __m512i packed(__m512i x, std::uint64_t marked) {
    const auto keep = static_cast<LaneMask<U>>(marked);
    if constexpr (sizeof(U) == 1)
        return _mm512_maskz_compress_epi8(keep, x);
    else if constexpr (sizeof(U) == 2)
        return _mm512_maskz_compress_epi16(keep, x);
    else if constexpr (sizeof(U) == 4)
        return _mm512_maskz_compress_epi32(keep, x);
    else
        return _mm512_maskz_compress_epi64(keep, x);
}

/// A group of 64 Us is sizeof(U) vectors, each loaded, packed and stored whole at `kept`: in place, a
/// whole store from `kept` (at or below the vector's own index) ends within the vector just read, so
/// it writes nothing not yet read. Masked loads and stores (slower) only in a last, partial group, so
/// that nothing past n is read or written. About as fast as copying the column (0.4 ns an element of 8
/// bytes here; a memmove per run of kept elements took 1.0).
template <typename U>
__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"))) std::size_t keep_avx512(U* values, std::size_t n,
                                                                                       const std::uint64_t* marks) {
    constexpr unsigned lanes = 64 / sizeof(U);
    constexpr std::uint64_t all_lanes = low_bits(lanes);
    std::size_t kept = 0, first = 0;
    for (; first + 64 <= n; first += 64) {
        const std::uint64_t marked = marks[first / 64];
        if (marked == ~std::uint64_t{0} && kept == first) {  // a whole group kept where it is
            kept += 64;
            continue;
        }
        for (unsigned part = 0; part < sizeof(U); ++part) {
            const std::uint64_t here = (marked >> (part * lanes)) & all_lanes;
            const __m512i x = _mm512_loadu_si512(values + first + part * lanes);
            _mm512_storeu_si512(values + kept, packed<U>(x, here));
            kept += static_cast<std::size_t>(_mm_popcnt_u64(here));
        }
    }
    const std::uint64_t marked = first < n ? marks[first / 64] : 0;
    for (unsigned part = 0; part < sizeof(U) && first + part * lanes < n; ++part) {
        const std::size_t at = first + part * lanes;
        const auto valid =
            static_cast<LaneMask<U>>(low_bits(static_cast<unsigned>(std::min<std::size_t>(lanes, n - at))));
        const std::uint64_t here = (marked >> (part * lanes)) & all_lanes;
        const auto count = static_cast<unsigned>(_mm_popcnt_u64(here));
        const auto store = static_cast<LaneMask<U>>(low_bits(count));
        if constexpr (sizeof(U) == 1) {
            _mm512_mask_storeu_epi8(values + kept, store, packed<U>(_mm512_maskz_loadu_epi8(valid, values + at), here));
        } else if constexpr (sizeof(U) == 2) {
            _mm512_mask_storeu_epi16(values + kept, store,
                                     packed<U>(_mm512_maskz_loadu_epi16(valid, values + at), here));
        } else if constexpr (sizeof(U) == 4) {
            _mm512_mask_storeu_epi32(values + kept, store,
                                     packed<U>(_mm512_maskz_loadu_epi32(valid, values + at), here));
        } else {
            _mm512_mask_storeu_epi64(values + kept, store,
                                     packed<U>(_mm512_maskz_loadu_epi64(valid, values + at), here));
        }
        kept += count;
    }
    return kept;
}

#endif

}  // namespace

namespace detail {

bool cpu_has_avx512_compress() {
#if CARECAST_X86_64_PATHS
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("popcnt");
#else
    return false;
#endif
}

std::size_t keep_marked_one_by_one(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks) {
    return by_element_size(element_bytes,
                           [&]<typename U>() { return keep_one_by_one(static_cast<U*>(values), n, marks); });
}

void renumber_kept_portably(std::span<std::uint32_t> indices, std::span<const std::uint64_t> marks,
                            std::span<const std::uint32_t> before, std::uint32_t none) {
    renumber(indices, marks.data(), before.data(), none, [](std::uint64_t x) { return count_bits(x); });
}

std::size_t keep_marked_avx512(void* values, std::size_t element_bytes, std::size_t n, const std::uint64_t* marks) {
#if CARECAST_X86_64_PATHS
    return by_element_size(element_bytes, [&]<typename U>() { return keep_avx512(static_cast<U*>(values), n, marks); });
#else
    return keep_marked_one_by_one(values, element_bytes, n, marks);
#endif
}

}  // namespace detail

void renumber_kept(std::span<std::uint32_t> indices, std::span<const std::uint64_t> marks,
                   std::span<const std::uint32_t> before, std::uint32_t none) {
#if CARECAST_X86_64_PATHS
    static const bool popcnt = cpu_has_popcnt() && !portable_paths_forced();
    if (popcnt) return renumber_with_popcnt(indices, marks.data(), before.data(), none);
#endif
    detail::renumber_kept_portably(indices, marks, before, none);
}

CpuPath compaction_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512_compress());
    return path;
}

}  // namespace carecast
