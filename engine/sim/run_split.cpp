#include "sim/run_split.hpp"

#include <cassert>

// The AVX-512 twins: core/avx512_begin.hpp (closed at the end of the file).
#include "core/avx512_begin.hpp"

namespace carecast {
namespace detail {

void split_run_one_by_one(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age,
                          const std::uint64_t* keys, std::size_t n, RunSplit& out) {
    assert(n <= run_capacity);
    std::size_t adult_count = 0, birth_count = 0, social_count = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const int a = age[k];
        const bool adult = rule.adult && a >= rule.adult_from_age;
        const bool social = rule.social && a <= rule.social_to_age;
        const bool births = sex[k] == 0 && rule.birth_ages[a] != 0;
        // Each list appends the key when the person draws, without a branch of its own.
        out.adult_keys[adult_count] = out.birth_keys[birth_count] = out.social_keys[social_count] = keys[k];
        out.adult_slot[k] = adult ? static_cast<std::uint8_t>(adult_count) : RunSplit::none;
        out.births_slot[k] = births ? static_cast<std::uint8_t>(birth_count) : RunSplit::none;
        out.social_slot[k] = social ? static_cast<std::uint8_t>(social_count) : RunSplit::none;
        adult_count += adult;
        birth_count += births;
        social_count += social;
    }
    out.adult_count = adult_count;
    out.birth_count = birth_count;
    out.social_count = social_count;
}

#if CARECAST_AVX512_PATHS

bool cpu_has_avx512_split() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512vbmi2") &&
           __builtin_cpu_supports("popcnt");
}

namespace {

/// The people of `mask` among those of `in_run`: slot[k] = their place among them (expand of 0, 1,
/// 2, ... into the set bits), `none` elsewhere; their keys packed eight at a time; returns how many.
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt"))) std::size_t list_marked(
    std::uint64_t mask, std::uint64_t in_run, const std::uint64_t* keys, std::uint8_t* slot, std::uint64_t* keys_out) {
    alignas(64) static constexpr std::array<std::uint8_t, run_capacity> places = [] {
        std::array<std::uint8_t, run_capacity> p{};
        for (std::size_t k = 0; k < run_capacity; ++k) p[k] = static_cast<std::uint8_t>(k);
        return p;
    }();
    const __m512i place = _mm512_maskz_expand_epi8(mask, _mm512_load_si512(places.data()));
    _mm512_storeu_si512(slot, _mm512_mask_mov_epi8(_mm512_set1_epi8(static_cast<char>(RunSplit::none)), mask, place));
    std::size_t count = 0;
    for (std::size_t c = 0; c < run_capacity / 8; ++c) {
        const auto present = static_cast<__mmask8>(in_run >> (8 * c));
        if (present == 0) break;
        const auto marked = static_cast<__mmask8>(mask >> (8 * c));
        const __m512i packed = _mm512_maskz_compress_epi64(marked, _mm512_maskz_loadu_epi64(present, keys + 8 * c));
        const auto packed_count = static_cast<unsigned>(__builtin_popcount(marked));
        _mm512_mask_storeu_epi64(keys_out + count, static_cast<__mmask8>((1u << packed_count) - 1), packed);
        count += packed_count;
    }
    return count;
}

}  // namespace

__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,popcnt"))) void split_run_avx512(
    const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age, const std::uint64_t* keys,
    std::size_t n, RunSplit& out) {
    assert(n <= run_capacity && rule.max_age < 128);
    const std::uint64_t in_run = n == run_capacity ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    const __m512i ages = _mm512_maskz_loadu_epi8(in_run, age);
    const __m512i sexes = _mm512_maskz_loadu_epi8(in_run, sex);
    const std::uint64_t adult =
        rule.adult ? _mm512_mask_cmpge_epu8_mask(in_run, ages, _mm512_set1_epi8(static_cast<char>(rule.adult_from_age)))
                   : 0;
    const std::uint64_t social =
        rule.social ? _mm512_mask_cmple_epu8_mask(in_run, ages, _mm512_set1_epi8(static_cast<char>(rule.social_to_age)))
                    : 0;
    // birth_ages[age] for ages 0..127: bit 6 of the index picks the table's first or second 64 bytes.
    const __m512i at_birth_age =
        _mm512_permutex2var_epi8(_mm512_loadu_si512(rule.birth_ages), ages, _mm512_loadu_si512(rule.birth_ages + 64));
    const std::uint64_t women = _mm512_mask_cmpeq_epi8_mask(in_run, sexes, _mm512_setzero_si512());
    const std::uint64_t births = _mm512_mask_test_epi8_mask(women, at_birth_age, at_birth_age);
    out.adult_count = list_marked(adult, in_run, keys, out.adult_slot.data(), out.adult_keys.data());
    out.birth_count = list_marked(births, in_run, keys, out.births_slot.data(), out.birth_keys.data());
    out.social_count = list_marked(social, in_run, keys, out.social_slot.data(), out.social_keys.data());
}

#else

bool cpu_has_avx512_split() {
    return false;
}

void split_run_avx512(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age,
                      const std::uint64_t* keys, std::size_t n, RunSplit& out) {
    split_run_one_by_one(rule, sex, age, keys, n, out);
}

#endif

}  // namespace detail

CpuPath run_split_path() {
    static const CpuPath path = cpu_path(detail::cpu_has_avx512_split());
    return path;
}

void split_run(const RunSplitRule& rule, const std::uint8_t* sex, const std::uint8_t* age, const std::uint64_t* keys,
               std::size_t n, RunSplit& out) {
    if (run_split_path() == CpuPath::avx512 && rule.max_age < 128)
        detail::split_run_avx512(rule, sex, age, keys, n, out);
    else
        detail::split_run_one_by_one(rule, sex, age, keys, n, out);
}

}  // namespace carecast

#include "core/avx512_end.hpp"
