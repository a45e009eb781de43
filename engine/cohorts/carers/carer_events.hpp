#pragma once
// The carers' year of up to 64 people at once, as events: who ends a partnership, who loses their
// partner-carer, who stops caring, who starts caring for their partner and who starts caring for someone
// else. Decided for the whole run before any is applied (carers.cpp: single_carers_run at the end of
// pass 1, partnered_carers_run in pass 2), 8 people at a time with AVX-512 where the CPU has it (the
// rest, and CPUs without it, one at a time; CARECAST_CPU_PATHS=portable takes that path everywhere).
// The events are rare, so applying them (counts, the carer and flags columns) one by one costs little.
#include <cstddef>
#include <cstdint>

#include "core/cpu_paths.hpp"
#include "core/random.hpp"

namespace carecast {

/// A run's people, person k of each column at [k].
struct CarerInputs {
    const std::uint8_t* outcome;          // Outcome bits of pass 1
    const std::uint8_t* partner_outcome;  // the partner's Outcome bits: as long as the run (the AVX-512
                                          // path loads it whole), used only where the person has a partner
    const std::uint8_t* carer;            // Population::carer
    const std::uint8_t* age;
    const std::uint8_t* sex;
    const DrawBlock::Block* draws;  // demography blocks: the carers' words (slot::caring .. caring_hours)
};

/// The carers' rates of the interval.
struct CarerRates {
    const double* start;               // probability of starting to care [sex][age] (SharedCohortRates::carer_start_in)
    int age_count;                     // ages of a [sex][age] table
    double stop_probability;           // carers.annual_stop_probability
    double partner_start_probability;  // carers.partner_becomes_carer_probability
};

/// Bit k for person k of the run, only among those `decided`.
struct CarerEvents {
    std::uint64_t partnership_ends = 0;  // has a partner, and one of the two left (died, moved away)
    std::uint64_t carer_losses = 0;      // at home, their partner-carer is not (flag lost_carer)
    std::uint64_t stops = 0, partner_starts = 0, starts = 0;  // caring spells (at most one of the three)
};

/// The carers' year of the people `decided` among [0, n) (n <= 64), those of `has_partner` with a
/// partner (whose Outcome bits are partner_outcome[k]):
///   - a partnership ends where the person or the partner did not stay (died or moved away);
///   - a person not at home at the end stops caring (if a carer); one at home whose partner-carer is
///     not at home loses that carer;
///   - a partner-carer at home stops if the partner is not at home; another carer stops when the
///     caring word says so (stop_probability); a person at home who is not a carer starts caring for a
///     partner at home with dementia when the partner-caring word says so, else, from age 16
///     (first_caring_age), caring for someone else when the caring word says so (the start probability
///     of their sex and age).
/// The words are read for people who stay and are 15 or over (caring_words_from_age), 0 for the others.
CarerEvents carer_events(const CarerRates& rates, const CarerInputs& run, std::uint64_t decided,
                         std::uint64_t has_partner, std::size_t n);

/// The path carer_events takes on this CPU (AVX-512 F, DQ and VL), unless CARECAST_CPU_PATHS=portable.
CpuPath carer_events_path();

namespace detail {
CarerEvents carer_events_one_by_one(const CarerRates& rates, const CarerInputs& run, std::uint64_t decided,
                                    std::uint64_t has_partner, std::size_t n);
/// People [0, n rounded down to a multiple of 8) with AVX-512 (the CPU must have it); the rest's bits are 0.
CarerEvents carer_events_avx512(const CarerRates& rates, const CarerInputs& run, std::uint64_t decided,
                                std::uint64_t has_partner, std::size_t n);
bool cpu_has_avx512_carers();
}  // namespace detail

}  // namespace carecast
