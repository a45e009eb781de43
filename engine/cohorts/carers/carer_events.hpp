#pragma once
// The carers' year of up to 64 people at once, as events: who ends a partnership, who loses their
// partner-carer, who stops caring, who starts caring for their partner and who starts caring for someone
// else. Decided for the whole run before any is applied (carers.cpp: single_carers_run at the end of
// pass 1, partnered_carers_run in pass 2), 8 people at a time with AVX-512 where the CPU has it (the
// rest, and CPUs without it, one at a time; CARECAST_CPU_PATHS=portable takes that path everywhere).
// The events are rare, so applying them (counts, the carer and flags columns) one by one costs little.
// What the random words say is drawn once, in pass 1, for everyone (caring_draws: a byte a person), so
// that pass 2 computes no Philox block.
#include <cstddef>
#include <cstdint>

#include "core/cpu_paths.hpp"
#include "core/random.hpp"
#include "scenario/cohort_config.hpp"

namespace carecast {

/// A person's caring draws of the year (bits of a byte), made in pass 1 from their demography block's
/// caring words once their own year is decided (caring_draws), and read by their carers' year then
/// (single people) or in pass 2 (the others, whose blocks need not be computed again).
enum CaringDraw : std::uint8_t {
    drew_caring_stop = 1,     // the caring word says a carer stops (annual_stop_probability)
    drew_partner_caring = 2,  // the partner-caring word says they start caring for a partner with dementia
    drew_caring_start = 4,    // first_caring_age or over, and the caring word says they start caring
};
/// The hours band (1..3) a caring spell starting this year would have, for a partner and otherwise,
/// in the draws' bits from these.
inline constexpr int partner_hours_shift = 3, other_hours_shift = 5;
inline std::uint8_t partner_hours_band(std::uint8_t drawn) {
    return static_cast<std::uint8_t>(drawn >> partner_hours_shift & 3);
}
inline std::uint8_t other_hours_band(std::uint8_t drawn) {
    return static_cast<std::uint8_t>(drawn >> other_hours_shift & 3);
}

/// The carers' rates of the interval.
struct CarerRates {
    const double* start;         // probability of starting to care [sex][age] (SharedCohortRates::carer_start_in)
    int age_count;               // ages of a [sex][age] table
    const CarersConfig* config;  // annual_stop_probability, partner_becomes_carer_probability, the hours shares
};

/// A run's people for caring_draws, person k of each column at [k].
struct CaringDrawInputs {
    const std::uint8_t* outcome;  // Outcome bits of pass 1
    const std::uint8_t* age;
    const std::uint8_t* sex;
    const DrawBlock::Block* draws;  // demography blocks: the carers' words (slot::caring .. caring_hours)
};

/// drawn[k] for people k in [0, n) (n <= 64): CaringDraw bits and hours bands, from the words caring,
/// partner_caring and caring_hours, read for people who stay and are caring_words_from_age or over
/// (0 for the others): DrawBlock::bernoulli_from_word of the caring word and annual_stop_probability,
/// of the partner-caring word and partner_becomes_carer_probability, and (from first_caring_age) of the
/// caring word and the start probability of their sex and age; hours_band of the caring-hours word's
/// uniform and hours_partner, and of the same uniform and shares_for_age (carers.hpp).
void caring_draws(const CarerRates& rates, const CaringDrawInputs& run, std::size_t n, std::uint8_t* drawn);

/// A run's people for carer_events, person k of each column at [k].
struct CarerInputs {
    const std::uint8_t* outcome;          // Outcome bits of pass 1
    const std::uint8_t* partner_outcome;  // the partner's Outcome bits: as long as the run (the AVX-512
                                          // path loads it whole), used only where the person has a partner
    const std::uint8_t* carer;            // Population::carer
    const std::uint8_t* drawn;            // caring_draws
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
///   - a partner-carer at home stops if the partner is not at home; another carer stops if they drew
///     drew_caring_stop; a person at home who is not a carer starts caring for a partner at home with
///     dementia if they drew drew_partner_caring, else caring for someone else if they drew
///     drew_caring_start.
CarerEvents carer_events(const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner, std::size_t n);

/// The path caring_draws and carer_events take on this CPU (AVX-512 F, DQ, VL and BW), unless
/// CARECAST_CPU_PATHS=portable.
CpuPath carer_events_path();

namespace detail {
void caring_draws_one_by_one(const CarerRates& rates, const CaringDrawInputs& run, std::size_t n, std::uint8_t* drawn);
/// People [0, n rounded down to a multiple of 8) with AVX-512 (the CPU must have it); returns how many.
std::size_t caring_draws_avx512(const CarerRates& rates, const CaringDrawInputs& run, std::size_t n,
                                std::uint8_t* drawn);
CarerEvents carer_events_one_by_one(const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner,
                                    std::size_t n);
/// People [0, n rounded down to a multiple of 8) with AVX-512 (the CPU must have it); the rest's bits are 0.
CarerEvents carer_events_avx512(const CarerInputs& run, std::uint64_t decided, std::uint64_t has_partner,
                                std::size_t n);
bool cpu_has_avx512_carers();
}  // namespace detail

}  // namespace carecast
