#include "core/philox_batch.hpp"

#include <algorithm>
#include <array>
#include <type_traits>

#include "core/cpu_paths.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define CARECAST_HAS_AVX512_PATH 1
#else
#define CARECAST_HAS_AVX512_PATH 0
#endif

// GCC 12 reports its own AVX-512 intrinsics as reading uninitialised values (_mm512_undefined, GCC bug
// 105593, fixed in GCC 13): a false warning, silenced for this file only (pushed and popped, as the
// unity build joins files).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace carecast {
namespace detail {

void first_blocks_one_at_a_time(const StreamKey& key, std::int32_t year, RandomEvent event,
                                std::span<const std::uint64_t> persons, DrawBlock::Block* out) {
    const r123::Philox4x64 philox;
    for (const std::uint64_t person : persons) {
        const PhiloxAddress address = philox_address(key, person, year, event);
        *out++ = philox(address.counter, address.key);
    }
}

#if CARECAST_HAS_AVX512_PATH

bool cpu_has_avx512() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}

namespace {

// Random123's Philox4x64 constants (philox.h): the round multipliers and the key's Weyl increments.
constexpr std::uint64_t multiplier_0 = PHILOX_M4x64_0, multiplier_1 = PHILOX_M4x64_1;
constexpr std::uint64_t key_step_0 = PHILOX_W64_0, key_step_1 = PHILOX_W64_1;
constexpr int rounds = 10;  // r123::Philox4x64 is Philox4x64_R<10>
static_assert(std::is_same_v<r123::Philox4x64, r123::Philox4x64_R<rounds>>);
static_assert(sizeof(DrawBlock::Block) == 4 * sizeof(std::uint64_t));

/// The 128-bit product a * m of each lane, as its low and high 64 bits (Random123's mulhilo64). AVX-512
/// multiplies 32 x 32 bits only (vpmuludq), so the product is summed from the four 32-bit partial
/// products with their carries: with a = ah 2^32 + al and m = mh 2^32 + ml,
///   t = ah ml + (al ml >> 32)          < 2^64 (at most (2^32 - 1)^2 + 2^32 - 1),
///   w = (t mod 2^32) + al mh           < 2^64 likewise,
///   hi = ah mh + (t >> 32) + (w >> 32), lo = (w mod 2^32) 2^32 + (al ml mod 2^32).
/// Four multiplications and no vpmullq: the multiplier ports are what a round waits for.
__attribute__((target("avx512f,avx512dq"))) inline void multiply_wide(__m512i a, std::uint64_t m, __m512i& lo,
                                                                      __m512i& hi) {
    const __m512i m_low = _mm512_set1_epi64(static_cast<long long>(m & 0xffffffffu));
    const __m512i m_high = _mm512_set1_epi64(static_cast<long long>(m >> 32));
    const __m512i a_high = _mm512_srli_epi64(a, 32);
    const __m512i ll = _mm512_mul_epu32(a, m_low), lh = _mm512_mul_epu32(a, m_high);
    const __m512i hl = _mm512_mul_epu32(a_high, m_low), hh = _mm512_mul_epu32(a_high, m_high);
    const __m512i low_32 = _mm512_set1_epi64(0xffffffff);
    const __m512i t = _mm512_add_epi64(hl, _mm512_srli_epi64(ll, 32));
    const __m512i w = _mm512_add_epi64(_mm512_and_si512(t, low_32), lh);
    hi = _mm512_add_epi64(hh, _mm512_add_epi64(_mm512_srli_epi64(t, 32), _mm512_srli_epi64(w, 32)));
    // The low 32 bits of each lane from ll, the high 32 from w's low 32 (0xAAAA: the odd 32-bit elements).
    lo = _mm512_mask_blend_epi32(0xAAAA, ll, _mm512_slli_epi64(w, 32));
}

/// 8 x V blocks: counters (persons[k], counter_1..3), one key. The lanes of x0..x3 are the counters'
/// words 0..3; V vectors side by side give the core independent multiplications to overlap.
template <int V>
__attribute__((target("avx512f,avx512dq"))) void philox_lanes(const PhiloxAddress& address,
                                                              const std::uint64_t* persons, DrawBlock::Block* out) {
    __m512i x0[V], x1[V], x2[V], x3[V];
    for (int v = 0; v < V; ++v) {
        x0[v] = _mm512_loadu_si512(persons + 8 * v);
        x1[v] = _mm512_set1_epi64(static_cast<long long>(address.counter.v[1]));
        x2[v] = _mm512_set1_epi64(static_cast<long long>(address.counter.v[2]));
        x3[v] = _mm512_set1_epi64(static_cast<long long>(address.counter.v[3]));
    }
    std::uint64_t k0 = address.key.v[0], k1 = address.key.v[1];
    for (int r = 0; r < rounds; ++r) {
        const __m512i key0 = _mm512_set1_epi64(static_cast<long long>(k0));
        const __m512i key1 = _mm512_set1_epi64(static_cast<long long>(k1));
        for (int v = 0; v < V; ++v) {
            __m512i lo0, hi0, lo1, hi1;
            multiply_wide(x0[v], multiplier_0, lo0, hi0);
            multiply_wide(x2[v], multiplier_1, lo1, hi1);
            // Random123's round: {hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0} (0x96: three-way xor).
            x0[v] = _mm512_ternarylogic_epi64(hi1, x1[v], key0, 0x96);
            x1[v] = lo1;
            x2[v] = _mm512_ternarylogic_epi64(hi0, x3[v], key1, 0x96);
            x3[v] = lo0;
        }
        k0 += key_step_0;
        k1 += key_step_1;
    }
    for (int v = 0; v < V; ++v) {
        // Lanes to blocks (a 4 x 8 transpose): pairs (x0, x1) and (x2, x3) of each lane, then 128-bit
        // quarters to their blocks, two blocks to a store.
        const __m512i a_even = _mm512_unpacklo_epi64(x0[v], x1[v]), a_odd = _mm512_unpackhi_epi64(x0[v], x1[v]);
        const __m512i b_even = _mm512_unpacklo_epi64(x2[v], x3[v]), b_odd = _mm512_unpackhi_epi64(x2[v], x3[v]);
        const __m512i first_even = _mm512_shuffle_i64x2(a_even, b_even, 0x44);
        const __m512i first_odd = _mm512_shuffle_i64x2(a_odd, b_odd, 0x44);
        const __m512i second_even = _mm512_shuffle_i64x2(a_even, b_even, 0xEE);
        const __m512i second_odd = _mm512_shuffle_i64x2(a_odd, b_odd, 0xEE);
        DrawBlock::Block* blocks = out + 8 * v;
        _mm512_storeu_si512(blocks, _mm512_shuffle_i64x2(first_even, first_odd, 0x88));        // blocks 0, 1
        _mm512_storeu_si512(blocks + 2, _mm512_shuffle_i64x2(first_even, first_odd, 0xDD));    // 2, 3
        _mm512_storeu_si512(blocks + 4, _mm512_shuffle_i64x2(second_even, second_odd, 0x88));  // 4, 5
        _mm512_storeu_si512(blocks + 6, _mm512_shuffle_i64x2(second_even, second_odd, 0xDD));  // 6, 7
    }
}

}  // namespace

void first_blocks_avx512(const StreamKey& key, std::int32_t year, RandomEvent event,
                         std::span<const std::uint64_t> people, DrawBlock::Block* out) {
    const std::uint64_t* persons = people.data();
    const std::size_t n = people.size();
    const PhiloxAddress address = philox_address(key, 0, year, event);
    std::size_t k = 0;
    for (; k + 32 <= n; k += 32) philox_lanes<4>(address, persons + k, out + k);
    for (; k + 8 <= n; k += 8) philox_lanes<1>(address, persons + k, out + k);
    if (k < n) {  // the last 1-7: a padded vector
        std::array<std::uint64_t, 8> tail{};
        std::array<DrawBlock::Block, 8> blocks;
        std::copy(persons + k, persons + n, tail.begin());
        philox_lanes<1>(address, tail.data(), blocks.data());
        std::copy_n(blocks.begin(), n - k, out + k);
    }
}

#else

bool cpu_has_avx512() {
    return false;
}
void first_blocks_avx512(const StreamKey& key, std::int32_t year, RandomEvent event,
                         std::span<const std::uint64_t> persons, DrawBlock::Block* out) {
    first_blocks_one_at_a_time(key, year, event, persons, out);
}

#endif

}  // namespace detail

PhiloxBatchPath philox_batch_path() {
    static const PhiloxBatchPath path =
        detail::cpu_has_avx512() && !portable_paths_forced() ? PhiloxBatchPath::avx512 : PhiloxBatchPath::one_at_a_time;
    return path;
}

const char* to_string(PhiloxBatchPath path) {
    switch (path) {
        case PhiloxBatchPath::one_at_a_time:
            return "one block at a time";
        case PhiloxBatchPath::avx512:
            return "AVX-512, 8 blocks a vector";
    }
    return "?";
}

void first_blocks(const StreamKey& key, std::int32_t year, RandomEvent event, std::span<const std::uint64_t> persons,
                  DrawBlock::Block* out) {
    if (philox_batch_path() == PhiloxBatchPath::avx512)
        detail::first_blocks_avx512(key, year, event, persons, out);
    else
        detail::first_blocks_one_at_a_time(key, year, event, persons, out);
}

}  // namespace carecast

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
