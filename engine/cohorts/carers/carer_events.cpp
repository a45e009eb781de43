#include "cohorts/carers/carer_events.hpp"

#include <algorithm>
#include <cassert>

#include "cohorts/carers/carers.hpp"
#include "cohorts/person_year.hpp"

// The AVX-512 twins: core/avx512_begin.hpp (closed at the end of the file).
#include "core/avx512_begin.hpp"
#include "core/avx512_lanes.hpp"

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

// DrawBlock::bernoulli_from_word in vectors: avx512::bernoulli (core/avx512_lanes.hpp). A word not read
// (below caring_words_from_age) is 0, as in the portable twin.
__attribute__((target("avx512f,avx512dq,avx512vl"))) CarerEvents carer_events_avx512(
    const CarerRates& rates, const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner, std::size_t n) {
    assert(n <= 64);
    using namespace avx512;
    const __m512d stop = _mm512_set1_pd(rates.stop_probability);
    const __m512d partner_start = _mm512_set1_pd(rates.partner_start_probability);
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
        const __m512d caring_word = words_of(run.draws, blocks_from(k), slot::caring.word, words);
        const __m512d partner_word = words_of(run.draws, blocks_from(k), slot::partner_caring.word, words);
        const __mmask8 stop_drawn = bernoulli(caring_word, stop);
        const __mmask8 partner_drawn = bernoulli(partner_word, partner_start);
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(widen(run.sex + k), ages), age);
        const __mmask8 start_drawn = bernoulli(caring_word, _mm512_i32gather_pd(at, rates.start, 8)) &
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
