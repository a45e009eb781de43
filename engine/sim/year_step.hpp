#pragma once
// One year for every person, in two parallel passes over fixed blocks of people, then a sequential
// compaction:
//   pass 1  each person's own year: care-home stay ends, death, emigration, births, dementia, falls,
//           care-home admission, reablement and home care, SEND, and the carers' year of people with
//           no partner (writes own columns + Outcome byte);
//   pass 2  what depends on the partner's year, for people with a partner (or forming or ending a
//           partnership): caring for a partner, loss of a carer, carers' spells;
//   then    the survivors age, newborns and immigrants join, and partner indices are remapped.
// Every draw is addressed by (seed, replicate, module, person, year, event), so neither the block
// boundaries nor the thread count can change a result.
#include <atomic>

#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// Per-person scratch arrays reused from year to year (allocating them yearly costs page faults).
struct YearWorkspace {
    std::vector<std::uint8_t> outcomes;
    std::vector<std::uint32_t> new_index;
};

/// Advances `population` by interval `interval`, adding flows (and completed stays) to `counts`.
/// Survivors are compacted in place, so the population needs only its own storage.
void advance_one_year(const Model& model, std::uint64_t seed, std::uint32_t replicate, int interval,
                      Population& population, YearWorkspace& workspace, ReplicateCounts& counts,
                      std::atomic<std::uint64_t>* person_years_done);

/// Adds every stock of `population` to `counts` at year index `year`.
void count_stocks(const Model& model, const Population& population, int year, ReplicateCounts& counts);

/// Gives the base population its cohort states (couples, dementia, care homes, carers, SEND, home care).
void initialise_cohort_states(const Model& model, std::uint64_t seed, std::uint32_t replicate, Population& population);

}  // namespace carecast
