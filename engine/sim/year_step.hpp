#pragma once
// One year for every person, in two parallel passes over fixed blocks of people, then a sequential
// compaction:
//   pass 1  each person's own year: care-home stay ends, death, emigration, births, dementia, falls,
//           care-home admission, reablement and home care, SEND (writes own columns + Outcome byte);
//   pass 2  what depends on the partner's year: caring for a partner, loss of a carer, carers' spells;
//   then    the survivors age, newborns and immigrants join, and partner indices are remapped.
// Every draw is addressed by (seed, replicate, module, person, year, event), so neither the block
// boundaries nor the thread count can change a result.
#include <atomic>
#include <memory>

#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// Room for n values that are each written before they are read, grown with 1/16 to spare and never
/// initialised: its pages are first touched where the values are first written (in a parallel pass),
/// not by a serial fill (page faults are costly).
template <typename T>
class UninitialisedArray {
public:
    T* prepare(std::size_t n) {
        if (capacity_ < n) {
            data_.reset();  // free the old room first: nothing in it is kept
            capacity_ = n + n / 16;
            data_ = std::make_unique_for_overwrite<T[]>(capacity_);
        }
        return data_.get();
    }

private:
    std::unique_ptr<T[]> data_;
    std::size_t capacity_ = 0;
};

/// Per-person scratch arrays reused from year to year (allocating them yearly costs page faults).
struct YearWorkspace {
    std::vector<std::uint8_t> outcomes;
    std::vector<std::uint32_t> new_index;
    UninitialisedArray<std::uint32_t> carer_words;  // pass 1's random words for pass 2's caring decisions
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
