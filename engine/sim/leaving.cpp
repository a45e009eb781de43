#include "sim/leaving.hpp"

#include <algorithm>

#include "cohorts/cohort_rates.hpp"
#include "cohorts/dementia/dementia.hpp"
#include "cohorts/need/need.hpp"

// The AVX-512 twins: core/avx512_begin.hpp (closed at the end of the file).
#include "core/avx512_begin.hpp"
#include "core/avx512_lanes.hpp"

namespace carecast {
namespace detail {

void need_leaving_one_by_one(const NeedLeavingTables& tables, const LeavingColumns& run, const DrawBlock::Block* draws,
                             int word, std::size_t n, std::uint8_t* leaving) {
    const auto ages = static_cast<std::size_t>(tables.age_count);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t at = run.sex[k] * ages + run.age[k];
        const bool resident = run.care_home[k] != 0;
        const double q_at_home = tables.death[SharedCohortRates::need_table_index(
            dementia_mortality_state(run.dementia_years[k]), run.need[k], at, tables.age_count)];
        const double q = resident ? resident_death_probability(q_at_home, tables.care_home_rr) : q_at_home;
        // Residents do not move away; the others' emigration is at their age at the end.
        const double e = resident ? 0.0 : tables.emigration[at + (run.age[k] + 1 < tables.age_count ? 1 : 0)];
        const double u = DrawBlock::uniform_from_word(DrawBlock::word_of(draws[k], word));
        const bool died = u < q;
        const bool emigrated = !died && u < q + (1 - q) * e;
        leaving[k] = static_cast<std::uint8_t>((died ? left_by_death : 0) | (emigrated ? left_by_emigration : 0));
    }
}

#if CARECAST_AVX512_PATHS

bool cpu_has_avx512_leaving() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
}

// The arithmetic in explicitly rounded intrinsics, so no FMA (core/avx512_lanes.hpp).
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw"))) std::size_t need_leaving_avx512(
    const NeedLeavingTables& tables, const LeavingColumns& run, const DrawBlock::Block* draws, int word, std::size_t n,
    std::uint8_t* leaving) {
    using namespace avx512;
    const __m256i ages = _mm256_set1_epi32(tables.age_count);
    const __m256i cells = _mm256_set1_epi32(sex_count * tables.age_count);
    const __m256i levels = _mm256_set1_epi32(need_levels);
    const __m256i last_state = _mm256_set1_epi32(dementia_mortality_states - 1);
    const __m256i last_age = _mm256_set1_epi32(tables.age_count - 1);
    const __m256i one_int = _mm256_set1_epi32(1);
    const __m512d one = _mm512_set1_pd(1.0), rr = _mm512_set1_pd(tables.care_home_rr);
    const std::size_t whole = n / 8 * 8;
    for (std::size_t k = 0; k < whole; k += 8) {
        const __m256i sex = widen(run.sex + k), age = widen(run.age + k);
        const __m256i state = _mm256_min_epu32(widen(run.dementia_years + k), last_state);  // dementia_mortality_state
        const __m256i need = widen(run.need + k);
        const __mmask8 resident = _mm256_test_epi32_mask(widen(run.care_home + k), widen(run.care_home + k));
        const __m256i at = _mm256_add_epi32(_mm256_mullo_epi32(sex, ages), age);
        const __m256i death_index =
            _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(_mm256_mullo_epi32(state, levels), need), cells), at);
        const __m512d q_at_home = _mm512_i32gather_pd(death_index, tables.death, 8);
        // resident_death_probability: min(q rr, 1) (std::min(a, b) is b < a ? b : a; _mm512_min_pd(x, y)
        // is x < y ? x : y, so the same for numbers).
        const __m512d q = _mm512_mask_min_pd(q_at_home, resident, _mm512_mul_round_pd(q_at_home, rr, nearest), one);
        // Emigration at the age at the end (one on, within the table), 0 for residents.
        const __m256i older = _mm256_min_epi32(_mm256_add_epi32(age, one_int), last_age);
        const __m256i emigration_index = _mm256_add_epi32(_mm256_mullo_epi32(sex, ages), older);
        const __m512d e = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), static_cast<__mmask8>(~resident),
                                                   emigration_index, tables.emigration, 8);
        const __m512d u = uniform(words_of(draws, blocks_from(k), word));
        const __mmask8 died = _mm512_cmp_pd_mask(u, q, _CMP_LT_OQ);
        const __m512d death_or_emigration =
            _mm512_add_round_pd(q, _mm512_mul_round_pd(_mm512_sub_round_pd(one, q, nearest), e, nearest), nearest);
        const __mmask8 emigrated =
            static_cast<__mmask8>(~died & _mm512_cmp_pd_mask(u, death_or_emigration, _CMP_LT_OQ));
        const __m128i bits = _mm_or_si128(_mm_maskz_mov_epi8(died, _mm_set1_epi8(left_by_death)),
                                          _mm_maskz_mov_epi8(emigrated, _mm_set1_epi8(left_by_emigration)));
        _mm_storel_epi64(reinterpret_cast<__m128i*>(leaving + k), bits);
    }
    return whole;
}

#else

bool cpu_has_avx512_leaving() {
    return false;
}

std::size_t need_leaving_avx512(const NeedLeavingTables&, const LeavingColumns&, const DrawBlock::Block*, int,
                                std::size_t, std::uint8_t*) {
    return 0;
}

#endif

}  // namespace detail

CpuPath leaving_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512_leaving());
    return path;
}

void need_leaving(const NeedLeavingTables& tables, const LeavingColumns& run, const DrawBlock::Block* draws, int word,
                  std::size_t n, std::uint8_t* leaving) {
    std::size_t done = 0;
    if (leaving_path() == CpuPath::avx512) done = detail::need_leaving_avx512(tables, run, draws, word, n, leaving);
    const LeavingColumns rest{run.sex + done, run.age + done, run.dementia_years + done, run.need + done,
                              run.care_home + done};
    detail::need_leaving_one_by_one(tables, rest, draws + done, word, n - done, leaving + done);
}

}  // namespace carecast

#include "core/avx512_end.hpp"
