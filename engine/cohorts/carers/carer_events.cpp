#include "cohorts/carers/carer_events.hpp"

#include <algorithm>
#include <cassert>

#include "cohorts/carers/carers.hpp"
#include "cohorts/person_year.hpp"

// The AVX-512 twins: core/avx512_begin.hpp (closed at the end of the file).
#include "core/avx512_begin.hpp"

namespace carecast {
namespace detail {

CarerEvents carer_events_one_by_one(const CarerRates& rates, const CarerInputs& run, std::uint64_t decided,
                                    std::uint64_t has_partner, std::size_t n) {
    assert(n <= 64);
    CarerEvents events;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint64_t bit = std::uint64_t{1} << k;
        if (!(decided & bit)) continue;
        const std::uint8_t outcome = run.outcome[k];
        const bool partnered = has_partner & bit;
        const std::uint8_t partner_outcome = partnered ? run.partner_outcome[k] : 0;
        if (partnered && (!(outcome & stays) || !(partner_outcome & stays))) events.partnership_ends |= bit;
        const std::uint8_t carer = run.carer[k];
        if (!at_home_at_end(outcome)) {
            if (carer) events.stops |= bit;
            continue;
        }
        const bool partner_present = partnered && at_home_at_end(partner_outcome);
        if (partnered && (partner_outcome & was_partner_carer) && !partner_present) events.carer_losses |= bit;
        const int age = run.age[k];
        const bool words = reads_caring_words(outcome, age);
        const std::uint32_t caring = words ? DrawBlock::word_of(run.draws[k], slot::caring.word) : 0;
        const std::uint32_t partner_caring = words ? DrawBlock::word_of(run.draws[k], slot::partner_caring.word) : 0;
        if (carer & partner_carer_bit) {
            if (!partner_present) events.stops |= bit;
        } else if (carer) {
            if (DrawBlock::bernoulli_from_word(caring, rates.stop_probability)) events.stops |= bit;
        } else if (partner_present && (partner_outcome & had_dementia) &&
                   DrawBlock::bernoulli_from_word(partner_caring, rates.partner_start_probability)) {
            events.partner_starts |= bit;
        } else if (age >= first_caring_age &&
                   DrawBlock::bernoulli_from_word(
                       caring,
                       rates.start[static_cast<std::size_t>(run.sex[k]) * static_cast<std::size_t>(rates.age_count) +
                                   static_cast<std::size_t>(age)])) {
            events.starts |= bit;
        }
    }
    return events;
}

#if CARECAST_AVX512_PATHS

bool cpu_has_avx512_carers() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
}

namespace {

/// 8 bytes of a column as 8 lanes of 32 bits.
__attribute__((target("avx512f,avx512vl"))) inline __m256i widen(const std::uint8_t* bytes) {
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(bytes)));
}

/// Whether each lane's value has any of `bits`.
__attribute__((target("avx512f,avx512vl"))) inline __mmask8 any_of(__m256i values, int bits) {
    return _mm256_test_epi32_mask(values, _mm256_set1_epi32(bits));
}

/// Word `word` of the blocks of people k .. k + 7 (DrawBlock::word_of), as doubles.
__attribute__((target("avx512f,avx512dq,avx512vl"))) inline __m512d words_of(const DrawBlock::Block* draws,
                                                                             std::size_t k, int word) {
    static_assert(sizeof(DrawBlock::Block) == 4 * sizeof(std::uint64_t));
    const __m256i element = _mm256_add_epi32(_mm256_setr_epi32(0, 4, 8, 12, 16, 20, 24, 28),
                                             _mm256_set1_epi32(static_cast<int>(4 * k) + (word >> 1)));
    const __m512i halves = _mm512_i32gather_epi64(element, draws, 8);
    return _mm512_cvtepu32_pd(_mm512_cvtepi64_epi32(_mm512_srli_epi64(halves, static_cast<unsigned>((word & 1) * 32))));
}

}  // namespace

// DrawBlock::bernoulli_from_word(word, p) is p > 0 and word <= min(p, 1) (2^32 - 1): the product in the
// explicitly rounded intrinsic, as elsewhere (sim/leaving.cpp), and _mm512_min_pd(p, 1) is p < 1 ? p : 1,
// the same number as std::min(p, 1.0). A word not read (below caring_words_from_age) is 0.
__attribute__((target("avx512f,avx512dq,avx512vl"))) CarerEvents carer_events_avx512(
    const CarerRates& rates, const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner, std::size_t n) {
    assert(n <= 64);
    constexpr int nearest = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
    const __m512d one = _mm512_set1_pd(1.0), zero = _mm512_setzero_pd(), max_word = _mm512_set1_pd(4294967295.0);
    const __m512d stop_threshold = _mm512_set1_pd(std::min(rates.stop_probability, 1.0) * 4294967295.0);
    const __m512d partner_threshold = _mm512_set1_pd(std::min(rates.partner_start_probability, 1.0) * 4294967295.0);
    const __mmask8 stop_possible = rates.stop_probability > 0.0 ? 0xff : 0;
    const __mmask8 partner_possible = rates.partner_start_probability > 0.0 ? 0xff : 0;
    const __m256i ages = _mm256_set1_epi32(rates.age_count);
    CarerEvents events;
    for (std::size_t k = 0; k + 8 <= n; k += 8) {
        const auto in_run = static_cast<__mmask8>(decided >> k);
        if (in_run == 0) continue;
        const auto partnered = static_cast<__mmask8>(has_partner >> k);
        const __m256i outcome = widen(run.outcome + k);
        // Read for everyone, used only with `partnered` (every mask below that reads it includes it).
        const __m256i partner_outcome = widen(run.partner_outcome + k);
        const __mmask8 own_stays = any_of(outcome, stays);
        const __mmask8 at_home = own_stays & _mm256_testn_epi32_mask(outcome, _mm256_set1_epi32(away_from_home));
        const __mmask8 partner_stays = any_of(partner_outcome, stays);
        const __mmask8 partner_home =
            partnered & partner_stays & _mm256_testn_epi32_mask(partner_outcome, _mm256_set1_epi32(away_from_home));
        const __mmask8 partnership_ends = partnered & static_cast<__mmask8>(~own_stays | ~partner_stays);
        const __mmask8 losses =
            at_home & partnered & any_of(partner_outcome, was_partner_carer) & static_cast<__mmask8>(~partner_home);
        const __m256i carer = widen(run.carer + k);
        const __mmask8 caring = _mm256_test_epi32_mask(carer, carer);
        const __mmask8 for_partner = any_of(carer, partner_carer_bit);
        const __m256i age = widen(run.age + k);
        const __mmask8 words = own_stays & _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(caring_words_from_age));
        const __m512d caring_word = _mm512_maskz_mov_pd(words, words_of(run.draws, k, slot::caring.word));
        const __m512d partner_word = _mm512_maskz_mov_pd(words, words_of(run.draws, k, slot::partner_caring.word));
        const __mmask8 stop_drawn = stop_possible & _mm512_cmp_pd_mask(caring_word, stop_threshold, _CMP_LE_OQ);
        const __mmask8 partner_drawn =
            partner_possible & _mm512_cmp_pd_mask(partner_word, partner_threshold, _CMP_LE_OQ);
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(widen(run.sex + k), ages), age);
        const __m512d start = _mm512_i32gather_pd(at, rates.start, 8);
        const __m512d start_threshold = _mm512_mul_round_pd(_mm512_min_pd(start, one), max_word, nearest);
        const __mmask8 start_drawn = _mm512_cmp_pd_mask(start, zero, _CMP_GT_OQ) &
                                     _mm512_cmp_pd_mask(caring_word, start_threshold, _CMP_LE_OQ) &
                                     _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(first_caring_age));
        const auto stops = static_cast<__mmask8>(caring & (static_cast<__mmask8>(~at_home) |
                                                           (for_partner & static_cast<__mmask8>(~partner_home)) |
                                                           (static_cast<__mmask8>(~for_partner) & stop_drawn)));
        const auto not_caring_at_home = static_cast<__mmask8>(at_home & ~caring);
        const auto partner_starts = static_cast<__mmask8>(not_caring_at_home & partner_home &
                                                          any_of(partner_outcome, had_dementia) & partner_drawn);
        const auto starts = static_cast<__mmask8>(not_caring_at_home & ~partner_starts & start_drawn);
        events.partnership_ends |= std::uint64_t{static_cast<__mmask8>(in_run & partnership_ends)} << k;
        events.carer_losses |= std::uint64_t{static_cast<__mmask8>(in_run & losses)} << k;
        events.stops |= std::uint64_t{static_cast<__mmask8>(in_run & stops)} << k;
        events.partner_starts |= std::uint64_t{static_cast<__mmask8>(in_run & partner_starts)} << k;
        events.starts |= std::uint64_t{static_cast<__mmask8>(in_run & starts)} << k;
    }
    return events;
}

#else

bool cpu_has_avx512_carers() {
    return false;
}

CarerEvents carer_events_avx512(const CarerRates&, const CarerInputs&, std::uint64_t, std::uint64_t, std::size_t) {
    return {};
}

#endif

}  // namespace detail

CpuPath carer_events_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512_carers());
    return path;
}

CarerEvents carer_events(const CarerRates& rates, const CarerInputs& run, std::uint64_t decided,
                         std::uint64_t has_partner, std::size_t n) {
    if (carer_events_path() == CpuPath::portable)
        return detail::carer_events_one_by_one(rates, run, decided, has_partner, n);
    CarerEvents events = detail::carer_events_avx512(rates, run, decided, has_partner, n);
    const std::size_t done = n / 8 * 8;
    if (done == n) return events;
    const CarerInputs rest{run.outcome + done, run.partner_outcome + done,
                           run.carer + done,   run.age + done,
                           run.sex + done,     run.draws + done};
    const CarerEvents tail =
        detail::carer_events_one_by_one(rates, rest, decided >> done, has_partner >> done, n - done);
    events.partnership_ends |= tail.partnership_ends << done;
    events.carer_losses |= tail.carer_losses << done;
    events.stops |= tail.stops << done;
    events.partner_starts |= tail.partner_starts << done;
    events.starts |= tail.starts << done;
    return events;
}

}  // namespace carecast

#include "core/avx512_end.hpp"
