#pragma once
// Who dies and who emigrates in the year, for a run of people at once: the first step of pass 1 as one
// sweep over the run before the people's own years (sim/year_step.cpp). With the need module (the
// shipped scenarios) the sweep takes 8 people at a time with AVX-512 where the CPU has it; its portable
// twin gives the same bits (CARECAST_CPU_PATHS=portable, core/cpu_paths.hpp).
#include <cstddef>
#include <cstdint>

#include "core/cpu_paths.hpp"
#include "core/random.hpp"

namespace carecast {

/// A person's leaving bits: at most one is set.
inline constexpr std::uint8_t left_by_death = 1, left_by_emigration = 2;

/// What the need model's sweep reads for one interval (CohortRates::death_by_need_in, the demography's
/// emigration probabilities).
struct NeedLeavingTables {
    const double* death;       // [dementia state][need level][sex][age] (cohorts/cohort_rates.hpp)
    const double* emigration;  // [sex][age at the end of the interval]
    int age_count;             // ages of a [sex][age] table: max_age + 1
    double care_home_rr;       // a resident's death probability: resident_death_probability
};

/// A run's person columns, each from the run's first person.
struct LeavingColumns {
    const std::uint8_t* sex;
    const std::uint8_t* age;
    const std::uint8_t* dementia_years;
    const std::uint8_t* need;
    const std::uint8_t* care_home;
};

/// leaving[k] for the run's people k in [0, n), from the word `word` of their demography block draws[k]
/// (a uniform u, DrawBlock::uniform_from_word): left_by_death if u < q, else left_by_emigration if
/// u < q + (1 - q) e, else 0 (death_or_emigration's rule), where q is the need model's death probability
/// for the person's dementia state, need level, sex and age (a care-home resident's through
/// resident_death_probability) and e the emigration probability at their sex and age at the end
/// (0 for a resident: residents do not move away).
void need_leaving(const NeedLeavingTables& tables, const LeavingColumns& run, const DrawBlock::Block* draws, int word,
                  std::size_t n, std::uint8_t* leaving);

/// The path need_leaving takes on this CPU (AVX-512 F, DQ, VL and BW), unless CARECAST_CPU_PATHS=portable.
CpuPath leaving_path();

namespace detail {
/// need_leaving one person at a time (the portable path, and the tail of the AVX-512 path).
void need_leaving_one_by_one(const NeedLeavingTables& tables, const LeavingColumns& run, const DrawBlock::Block* draws,
                             int word, std::size_t n, std::uint8_t* leaving);
/// need_leaving for whole groups of 8 people with AVX-512 (which the CPU must have); returns how many
/// people it decided (n rounded down to a multiple of 8), the rest left to need_leaving_one_by_one.
std::size_t need_leaving_avx512(const NeedLeavingTables& tables, const LeavingColumns& run,
                                const DrawBlock::Block* draws, int word, std::size_t n, std::uint8_t* leaving);
bool cpu_has_avx512_leaving();
}  // namespace detail

}  // namespace carecast
