#pragma once
// One year for every person, in two parallel passes over fixed blocks of people, then compaction (in
// place, its bookkeeping in parallel over the same blocks, its moves one thread per column):
//   pass 1  each person's own year: care-home stay ends, death, emigration, births, dementia, falls,
//           care-home admission, reablement and home care, SEND, and the carers' year of people with
//           no partner (writes own columns + Outcome byte);
//   pass 2  what depends on the partner's year, for people with a partner (or forming or ending a
//           partnership): caring for a partner, loss of a carer, carers' spells;
//   then    the survivors age, newborns and immigrants join, and partner indices are remapped.
// Every draw is addressed by (seed, replicate, module, person, year, event), so neither the block
// boundaries nor the thread count can change a result.
#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "core/keep_marked.hpp"
#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// Where compaction moves each survivor, in 12 bytes per 64 people (not 4 bytes a person): a bit per
/// survivor and the number of survivors before each group of 64; a survivor's new index adds the
/// survivors before them in their group.
class SurvivorIndex {
public:
    /// For n people, then `set_group` for each of their groups of 64.
    void reset(std::size_t n) {
        bits_.assign((n + 63) / 64, 0);
        before_.resize(bits_.size());
    }
    /// The group of people 64 g .. 64 g + 63 at once: `earlier` survivors before them, bit k of `survives`
    /// for person 64 g + k.
    void set_group(std::size_t g, std::uint32_t earlier, std::uint64_t survives) {
        before_[g] = earlier;
        bits_[g] = survives;
    }
    /// A bit per person, set for the survivors (keep_marked's marks).
    std::span<const std::uint64_t> marks() const { return bits_; }
    /// The survivors before each group of 64 (renumber_kept's counts).
    std::span<const std::uint32_t> before() const { return before_; }
    /// Each index in `indices` (people before compaction, or no_person) replaced by its index after
    /// compaction, or by no_person if that person did not survive.
    void renumber(std::span<std::uint32_t> indices) const { renumber_kept(indices, bits_, before_, no_person); }

private:
    std::vector<std::uint64_t> bits_;
    std::vector<std::uint32_t> before_;
};

/// A newborn who stays, as compaction lists them before appending them.
struct Newborn {
    std::uint64_t key;
    int sex;
    int area;
};

/// Scratch reused from year to year (allocating it yearly costs page faults).
struct YearWorkspace {
    std::vector<std::uint8_t> outcomes;
    std::vector<std::uint8_t> caring_draws;  // with the carers module: a byte a person (carer_events.hpp)
    std::vector<Newborn> newborns;           // compaction's list, kept from year to year (its pages mapped once)
    SurvivorIndex survivors;                 // who survives: compaction's marks, and the partners' new indices
};

/// Advances `population` by interval `interval`, adding to `counts` the interval's flows, its completed
/// stays and, with `count_stocks_at_start`, its stocks at the start of the interval (year index
/// `interval`: counted in pass 1, before each person's year; without, they are left to account_stocks,
/// sim/stock_accounting.hpp). Survivors are compacted in place, so the population needs only its own
/// storage.
void advance_one_year(const Model& model, std::uint64_t seed, std::uint32_t replicate, int interval,
                      Population& population, YearWorkspace& workspace, ReplicateCounts& counts,
                      std::atomic<std::uint64_t>* person_years_done, bool count_stocks_at_start = true);

/// Adds every stock of `population` to `counts` at year index `year`: for the population at the end of
/// a run (advance_one_year counts those at the start of an interval when asked: the first year's;
/// account_stocks derives the rest and checks the run's last against the flows).
void count_stocks(const Model& model, const Population& population, int year, ReplicateCounts& counts);

/// Gives the base population its cohort states (couples, dementia, care homes, carers, SEND, home care).
void initialise_cohort_states(const Model& model, std::uint64_t seed, std::uint32_t replicate, Population& population);

}  // namespace carecast
