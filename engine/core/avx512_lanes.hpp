#pragma once
// Building blocks of the step's AVX-512 sweeps over runs of people (sim/leaving.cpp,
// cohorts/carers/carer_events.cpp): 8 people at a time, a person's byte
// column widened to a 32-bit lane, their 32-bit decision words to doubles, and the scalar decision
// rules (DrawBlock) in vectors, bit for bit. Include after core/avx512_begin.hpp; empty where
// CARECAST_AVX512_PATHS is 0.
//
// The arithmetic goes through the explicitly rounded intrinsics (round to nearest, as the scalar code):
// GCC may fuse a plain vector multiply and add into one FMA, whose single rounding would give other
// bits than the portable twins' two. _mm512_min_pd(p, 1) is p < 1 ? p : 1, the same number as
// std::min(p, 1.0) (which is 1 < p ? 1 : p) for every number.
#include <cstddef>
#include <cstdint>

#include "core/random.hpp"

#if CARECAST_AVX512_PATHS

namespace carecast::avx512 {

inline constexpr int nearest = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;

/// 8 bytes of a column as 8 lanes of 32 bits.
__attribute__((target("avx512f,avx512vl"))) inline __m256i widen(const std::uint8_t* bytes) {
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes)));
}

/// Whether each lane's value has any of `bits`.
__attribute__((target("avx512f,avx512vl"))) inline __mmask8 any_of(__m256i values, int bits) {
    return _mm256_test_epi32_mask(values, _mm256_set1_epi32(bits));
}

/// The first 64-bit element of blocks k .. k + 7 (an element index: 4 per block).
__attribute__((target("avx512f,avx512vl"))) inline __m256i blocks_from(std::size_t k) {
    static_assert(sizeof(DrawBlock::Block) == 4 * sizeof(std::uint64_t));
    return _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(4 * k)), _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28));
}

/// 64-bit element `e` (0..3) of the blocks whose first elements are `element` (blocks_from, or 4 x a
/// gathered index), in the lanes of `lanes`; 0 in the others, which read nothing.
__attribute__((target("avx512f,avx512vl"))) inline __m512i elements_of(const DrawBlock::Block* blocks, __m256i element,
                                                                       int e, __mmask8 lanes = 0xff) {
    return _mm512_mask_i32gather_epi64(_mm512_setzero_si512(), lanes, _mm256_add_epi32(element, _mm256_set1_epi32(e)),
                                       blocks, 8);
}

/// The low (high = 0) or high (high = 1) 32-bit word of each 64-bit element, as doubles.
__attribute__((target("avx512f,avx512dq"))) inline __m512d word_of_elements(__m512i elements, int high) {
    return _mm512_cvtepu32_pd(_mm512_cvtepi64_epi32(_mm512_srli_epi64(elements, static_cast<unsigned>(high * 32))));
}

/// Word `word` (DrawBlock::word_of) of the blocks whose first elements are `element`, as doubles, in
/// the lanes of `lanes`; 0 in the others, which read nothing.
__attribute__((target("avx512f,avx512dq,avx512vl"))) inline __m512d words_of(const DrawBlock::Block* blocks,
                                                                             __m256i element, int word,
                                                                             __mmask8 lanes = 0xff) {
    return word_of_elements(elements_of(blocks, element, word >> 1, lanes), word & 1);
}

/// DrawBlock::uniform_from_word of 8 words (as doubles): (word + 0.5) 2^-32.
__attribute__((target("avx512f"))) inline __m512d uniform(__m512d words) {
    return _mm512_mul_round_pd(_mm512_add_round_pd(words, _mm512_set1_pd(0.5), nearest), _mm512_set1_pd(0x1.0p-32),
                               nearest);
}

/// DrawBlock::bernoulli_from_word of 8 words (as doubles) and 8 probabilities: p > 0 and
/// word <= min(p, 1) (2^32 - 1).
__attribute__((target("avx512f"))) inline __mmask8 bernoulli(__m512d words, __m512d p) {
    const __m512d threshold =
        _mm512_mul_round_pd(_mm512_min_pd(p, _mm512_set1_pd(1.0)), _mm512_set1_pd(4294967295.0), nearest);
    return _mm512_cmp_pd_mask(p, _mm512_setzero_pd(), _CMP_GT_OQ) & _mm512_cmp_pd_mask(words, threshold, _CMP_LE_OQ);
}

}  // namespace carecast::avx512

#endif
