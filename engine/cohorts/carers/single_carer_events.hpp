#pragma once
// Which people of a run (at most 64) have the carers' year of a person without a partner at the end of
// pass 1 (single_carers_run, carers.hpp), and which of them stop or start caring: decided for the whole
// run before any is applied, 8 people at a time with AVX-512 where the CPU has it (the rest, and CPUs
// without it, one at a time; CARECAST_CPU_PATHS=portable takes that path everywhere). Starts and stops
// are rare, so applying them (counts, the carer column) one by one costs little.
#include <cstddef>
#include <cstdint>

#include "core/random.hpp"

namespace carecast {

/// A run's people, each column from its first person.
struct SingleCarerInputs {
    const std::uint8_t* outcome;   // Outcome bits of pass 1
    const std::uint32_t* partner;  // no_person: no partner
    const std::uint8_t* carer;     // Population::carer
    const std::uint8_t* age;
    const std::uint8_t* sex;
    const DrawBlock::Block* draws;  // demography blocks: the carers' words (slot::caring)
};

/// The carers' rates of the interval.
struct SingleCarerRates {
    const double* start;      // probability of starting to care [sex][age] (SharedCohortRates::carer_start_in)
    int age_count;            // ages of a [sex][age] table
    double stop_probability;  // carers.annual_stop_probability
};

/// Bit k for person k of the run: single (no partner, and drew no partnership: their caring year is
/// decided now), stops caring, starts caring (stops and starts only among the single).
struct SingleCarerEvents {
    std::uint64_t single = 0, stops = 0, starts = 0;
};

/// The carers' year of a person without a partner (carers.cpp, carer_transitions with no partner), as
/// events: a carer who is not at home at the end stops, as does a partner-carer (their partner is gone)
/// and a carer whose caring word says stop (annual_stop_probability); a person at home who is not a
/// carer and is 16 or over starts when their caring word says so (the start probability of their sex
/// and age). The caring word is read for people 15 or over (caring_words), 0 below.
SingleCarerEvents single_carer_events(const SingleCarerRates& rates, const SingleCarerInputs& run, std::size_t n);

namespace detail {
SingleCarerEvents single_carer_events_one_by_one(const SingleCarerRates& rates, const SingleCarerInputs& run,
                                                 std::size_t n);
/// People [0, n rounded down to a multiple of 8) with AVX-512 (the CPU must have it); the bits of the
/// rest are 0.
SingleCarerEvents single_carer_events_avx512(const SingleCarerRates& rates, const SingleCarerInputs& run,
                                             std::size_t n);
bool cpu_has_avx512_carers();
}  // namespace detail

}  // namespace carecast
