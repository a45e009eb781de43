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

void caring_draws_one_by_one(const CarerRates& rates, const CaringDrawInputs& run, std::size_t n, std::uint8_t* drawn) {
    assert(n <= 64);
    const CarersConfig& cfg = *rates.config;
    for (std::size_t k = 0; k < n; ++k) {
        const int age = run.age[k];
        const bool words = reads_caring_words(run.outcome[k], age);
        const std::uint32_t caring = words ? DrawBlock::word_of(run.draws[k], slot::caring.word) : 0;
        const std::uint32_t partner_caring = words ? DrawBlock::word_of(run.draws[k], slot::partner_caring.word) : 0;
        const std::uint32_t hours_word = words ? DrawBlock::word_of(run.draws[k], slot::caring_hours.word) : 0;
        std::uint8_t bits = 0;
        if (DrawBlock::bernoulli_from_word(caring, cfg.annual_stop_probability)) bits |= drew_caring_stop;
        if (DrawBlock::bernoulli_from_word(partner_caring, cfg.partner_becomes_carer_probability))
            bits |= drew_partner_caring;
        const std::size_t at = static_cast<std::size_t>(run.sex[k]) * static_cast<std::size_t>(rates.age_count) +
                               static_cast<std::size_t>(age);
        if (age >= first_caring_age && DrawBlock::bernoulli_from_word(caring, rates.start[at]))
            bits |= drew_caring_start;
        const double hours = DrawBlock::uniform_from_word(hours_word);
        bits |= static_cast<std::uint8_t>(hours_band(cfg.hours_partner, hours) << partner_hours_shift);
        bits |= static_cast<std::uint8_t>(hours_band(shares_for_age(cfg, age), hours) << other_hours_shift);
        drawn[k] = bits;
    }
}

CarerEvents carer_events_one_by_one(const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner,
                                    std::size_t n) {
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
        const std::uint8_t drawn = run.drawn[k];
        if (carer & partner_carer_bit) {
            if (!partner_present) events.stops |= bit;
        } else if (carer) {
            if (drawn & drew_caring_stop) events.stops |= bit;
        } else if (partner_present && (partner_outcome & had_dementia) && (drawn & drew_partner_caring)) {
            events.partner_starts |= bit;
        } else if (drawn & drew_caring_start) {
            events.starts |= bit;
        }
    }
    return events;
}

#if CARECAST_AVX512_PATHS

bool cpu_has_avx512_carers() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
}

namespace {

/// hours_band in lanes: 1 where u < s0, else 2 where u < s01 (s0 + s1), else 3.
__attribute__((target("avx512f,avx512vl"))) inline __m256i hours_bands(__m512d u, __m512d s0, __m512d s01) {
    const __mmask8 first = _mm512_cmp_pd_mask(u, s0, _CMP_LT_OQ), second = _mm512_cmp_pd_mask(u, s01, _CMP_LT_OQ);
    const __m256i band = _mm256_mask_mov_epi32(_mm256_set1_epi32(3), second, _mm256_set1_epi32(2));
    return _mm256_mask_mov_epi32(band, first, _mm256_set1_epi32(1));
}

}  // namespace

// DrawBlock's rules in vectors: core/avx512_lanes.hpp. A word not read (below caring_words_from_age, or
// not staying) is 0, as in the portable twin.
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) std::size_t caring_draws_avx512(
    const CarerRates& rates, const CaringDrawInputs& run, std::size_t n, std::uint8_t* drawn) {
    assert(n <= 64);
    using namespace avx512;
    const CarersConfig& cfg = *rates.config;
    const __m512d stop = _mm512_set1_pd(cfg.annual_stop_probability);
    const __m512d partner_start = _mm512_set1_pd(cfg.partner_becomes_carer_probability);
    const HoursShares &partner = cfg.hours_partner, &under = cfg.hours_under_65, &over = cfg.hours_65_plus;
    const __m512d partner_s0 = _mm512_set1_pd(partner[0]), partner_s01 = _mm512_set1_pd(partner[0] + partner[1]);
    const __m512d under_s0 = _mm512_set1_pd(under[0]), under_s01 = _mm512_set1_pd(under[0] + under[1]);
    const __m512d over_s0 = _mm512_set1_pd(over[0]), over_s01 = _mm512_set1_pd(over[0] + over[1]);
    const __m256i ages = _mm256_set1_epi32(rates.age_count);
    static_assert(slot::caring.word / 2 + 1 == slot::partner_caring.word / 2 &&
                  slot::partner_caring.word / 2 == slot::caring_hours.word / 2);
    const std::size_t whole = n / 8 * 8;
    for (std::size_t k = 0; k < whole; k += 8) {
        const __m256i age = widen(run.age + k);
        const __mmask8 words = any_of(widen(run.outcome + k), stays) &
                               _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(caring_words_from_age));
        const __m256i blocks = blocks_from(k);
        const __m512d caring = words_of(run.draws, blocks, slot::caring.word, words);
        // partner_caring and caring_hours share a 64-bit element: one gather for both.
        const __m512i later = elements_of(run.draws, blocks, slot::partner_caring.word / 2, words);
        const __m512d partner_caring = word_of_elements(later, slot::partner_caring.word & 1);
        const __m512d hours = uniform(word_of_elements(later, slot::caring_hours.word & 1));
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(widen(run.sex + k), ages), age);
        const __mmask8 start_drawn = bernoulli(caring, _mm512_i32gather_pd(at, rates.start, 8)) &
                                     _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(first_caring_age));
        const __mmask8 older = _mm256_cmpge_epi32_mask(age, _mm256_set1_epi32(older_carer_age));
        const __m256i partner_band = hours_bands(hours, partner_s0, partner_s01);
        const __m256i other_band = hours_bands(hours, _mm512_mask_mov_pd(under_s0, older, over_s0),
                                               _mm512_mask_mov_pd(under_s01, older, over_s01));
        __m256i bits = _mm256_or_si256(_mm256_slli_epi32(partner_band, partner_hours_shift),
                                       _mm256_slli_epi32(other_band, other_hours_shift));
        bits = _mm256_mask_or_epi32(bits, bernoulli(caring, stop), bits, _mm256_set1_epi32(drew_caring_stop));
        bits = _mm256_mask_or_epi32(bits, bernoulli(partner_caring, partner_start), bits,
                                    _mm256_set1_epi32(drew_partner_caring));
        bits = _mm256_mask_or_epi32(bits, start_drawn, bits, _mm256_set1_epi32(drew_caring_start));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(drawn + k), _mm256_cvtepi32_epi8(bits));
    }
    return whole;
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) CarerEvents carer_events_avx512(const CarerInputs& run,
                                                                                              std::uint64_t decided,
                                                                                              std::uint64_t has_partner,
                                                                                              std::size_t n) {
    assert(n <= 64);
    using namespace avx512;
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
        const __m256i drawn = widen(run.drawn + k);
        const __mmask8 stop_drawn = any_of(drawn, drew_caring_stop);
        const __mmask8 partner_drawn = any_of(drawn, drew_partner_caring);
        const __mmask8 start_drawn = any_of(drawn, drew_caring_start);
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

std::size_t caring_draws_avx512(const CarerRates&, const CaringDrawInputs&, std::size_t, std::uint8_t*) {
    return 0;
}

CarerEvents carer_events_avx512(const CarerInputs&, std::uint64_t, std::uint64_t, std::size_t) {
    return {};
}

#endif

}  // namespace detail

CpuPath carer_events_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512_carers());
    return path;
}

void caring_draws(const CarerRates& rates, const CaringDrawInputs& run, std::size_t n, std::uint8_t* drawn) {
    std::size_t done = 0;
    if (carer_events_path() == CpuPath::avx512) done = detail::caring_draws_avx512(rates, run, n, drawn);
    const CaringDrawInputs rest{run.outcome + done, run.age + done, run.sex + done, run.draws + done};
    detail::caring_draws_one_by_one(rates, rest, n - done, drawn + done);
}

CarerEvents carer_events(const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner, std::size_t n) {
    if (carer_events_path() == CpuPath::portable) return detail::carer_events_one_by_one(run, decided, has_partner, n);
    CarerEvents events = detail::carer_events_avx512(run, decided, has_partner, n);
    const std::size_t done = n / 8 * 8;
    if (done == n) return events;
    const CarerInputs rest{run.outcome + done, run.partner_outcome + done, run.carer + done, run.drawn + done};
    const CarerEvents tail = detail::carer_events_one_by_one(rest, decided >> done, has_partner >> done, n - done);
    events.partnership_ends |= tail.partnership_ends << done;
    events.carer_losses |= tail.carer_losses << done;
    events.stops |= tail.stops << done;
    events.partner_starts |= tail.partner_starts << done;
    events.starts |= tail.starts << done;
    return events;
}

}  // namespace carecast

#include "core/avx512_end.hpp"
