#include "cohorts/carers/single_carer_events.hpp"

#include <algorithm>
#include <cassert>

#include "cohorts/carers/carers.hpp"
#include "cohorts/person_year.hpp"
#include "core/cpu_paths.hpp"
#include "core/population.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define CARECAST_CARERS_AVX512 1
#else
#define CARECAST_CARERS_AVX512 0
#endif

// GCC 12 reports its own AVX-512 intrinsics as reading uninitialised values (_mm512_undefined, GCC bug
// 105593): a false warning, silenced for this file only (pushed and popped, as the unity build joins files).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace carecast {
namespace detail {

SingleCarerEvents single_carer_events_one_by_one(const SingleCarerRates& rates, const SingleCarerInputs& run,
                                                 std::size_t n) {
    assert(n <= 64);
    SingleCarerEvents events;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint8_t outcome = run.outcome[k];
        if (run.partner[k] != no_person || (outcome & forms_partnership)) continue;
        const std::uint64_t bit = std::uint64_t{1} << k;
        events.single |= bit;
        const std::uint8_t carer = run.carer[k];
        const int age = run.age[k];
        const std::uint32_t word =
            age >= caring_words_from_age ? DrawBlock::word_of(run.draws[k], slot::caring.word) : 0;
        if (!at_home_at_end(outcome) || (carer & partner_carer_bit)) {
            if (carer) events.stops |= bit;
        } else if (carer) {
            if (DrawBlock::bernoulli_from_word(word, rates.stop_probability)) events.stops |= bit;
        } else if (age >= first_caring_age &&
                   DrawBlock::bernoulli_from_word(
                       word,
                       rates.start[static_cast<std::size_t>(run.sex[k]) * static_cast<std::size_t>(rates.age_count) +
                                   static_cast<std::size_t>(age)])) {
            events.starts |= bit;
        }
    }
    return events;
}

#if CARECAST_CARERS_AVX512

bool cpu_has_avx512_carers() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
}

namespace {

/// 8 bytes of a column as 8 lanes of 32 bits.
__attribute__((target("avx512f,avx512vl"))) inline __m256i widen(const std::uint8_t* bytes) {
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes)));
}

}  // namespace

// DrawBlock::bernoulli_from_word(word, p) is p > 0 and word <= min(p, 1) (2^32 - 1): the product in the
// explicitly rounded intrinsic, as elsewhere (sim/leaving.cpp), and _mm512_min_pd(p, 1) is p < 1 ? p : 1,
// the same number as std::min(p, 1.0).
__attribute__((target("avx512f,avx512dq,avx512vl"))) SingleCarerEvents single_carer_events_avx512(
    const SingleCarerRates& rates, const SingleCarerInputs& run, std::size_t n) {
    assert(n <= 64);
    constexpr int nearest = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
    const __m512d one = _mm512_set1_pd(1.0), zero = _mm512_setzero_pd(), max_word = _mm512_set1_pd(4294967295.0);
    const __m512d stop_threshold = _mm512_set1_pd(std::min(rates.stop_probability, 1.0) * 4294967295.0);
    const __mmask8 stop_possible = rates.stop_probability > 0.0 ? 0xff : 0;
    const __m256i ages = _mm256_set1_epi32(rates.age_count);
    static_assert(sizeof(DrawBlock::Block) == 4 * sizeof(std::uint64_t));
    const __m256i block_step = _mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28);
    const __m256i half_of_block = _mm256_set1_epi32(slot::caring.word >> 1);
    constexpr unsigned word_shift = (slot::caring.word & 1) * 32;
    SingleCarerEvents events;
    for (std::size_t k = 0; k + 8 <= n; k += 8) {
        const __m256i outcome = widen(run.outcome + k);
        const __mmask8 single =
            _mm256_cmpeq_epi32_mask(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(run.partner + k)),
                                    _mm256_set1_epi32(static_cast<int>(no_person))) &
            _mm256_testn_epi32_mask(outcome, _mm256_set1_epi32(forms_partnership));
        // at_home_at_end: stays, and not away from home.
        const __mmask8 at_home = _mm256_test_epi32_mask(outcome, _mm256_set1_epi32(stays)) &
                                 _mm256_testn_epi32_mask(outcome, _mm256_set1_epi32(away_from_home));
        const __m256i carer = widen(run.carer + k);
        const __mmask8 caring = _mm256_test_epi32_mask(carer, carer);
        const __mmask8 for_partner = _mm256_test_epi32_mask(carer, _mm256_set1_epi32(partner_carer_bit));
        const __m256i age = widen(run.age + k);
        const __mmask8 reads_words = _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(caring_words_from_age));
        const __m256i block_element =
            _mm256_add_epi32(_mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(4 * k)), block_step), half_of_block);
        const __m256i words = _mm256_maskz_mov_epi32(
            reads_words,
            _mm512_cvtepi64_epi32(_mm512_srli_epi64(_mm512_i32gather_epi64(block_element, run.draws, 8), word_shift)));
        const __m512d word = _mm512_cvtepu32_pd(words);
        const __mmask8 stop_drawn = stop_possible & _mm512_cmp_pd_mask(word, stop_threshold, _CMP_LE_OQ);
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(widen(run.sex + k), ages), age);
        const __m512d start = _mm512_i32gather_pd(at, rates.start, 8);
        const __m512d start_threshold = _mm512_mul_round_pd(_mm512_min_pd(start, one), max_word, nearest);
        const __mmask8 start_drawn = _mm512_cmp_pd_mask(start, zero, _CMP_GT_OQ) &
                                     _mm512_cmp_pd_mask(word, start_threshold, _CMP_LE_OQ) &
                                     _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(first_caring_age));
        const auto leaves_or_lost = static_cast<__mmask8>(~at_home | for_partner);
        const auto stops = static_cast<__mmask8>(single & caring & (leaves_or_lost | stop_drawn));
        const auto starts = static_cast<__mmask8>(single & ~leaves_or_lost & ~caring & start_drawn);
        events.single |= std::uint64_t{single} << k;
        events.stops |= std::uint64_t{stops} << k;
        events.starts |= std::uint64_t{starts} << k;
    }
    return events;
}

#else

bool cpu_has_avx512_carers() {
    return false;
}

SingleCarerEvents single_carer_events_avx512(const SingleCarerRates&, const SingleCarerInputs&, std::size_t) {
    return {};
}

#endif

}  // namespace detail

SingleCarerEvents single_carer_events(const SingleCarerRates& rates, const SingleCarerInputs& run, std::size_t n) {
    static const bool vectors = detail::cpu_has_avx512_carers() && !portable_paths_forced();
    if (!vectors) return detail::single_carer_events_one_by_one(rates, run, n);
    SingleCarerEvents events = detail::single_carer_events_avx512(rates, run, n);
    const std::size_t done = n / 8 * 8;
    if (done == n) return events;
    const SingleCarerInputs rest{run.outcome + done, run.partner + done, run.carer + done,
                                 run.age + done,     run.sex + done,     run.draws + done};
    const SingleCarerEvents tail = detail::single_carer_events_one_by_one(rates, rest, n - done);
    events.single |= tail.single << done;
    events.stops |= tail.stops << done;
    events.starts |= tail.starts << done;
    return events;
}

}  // namespace carecast

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
