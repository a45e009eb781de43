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

#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// The number of set bits of x, inline: std::popcount is a call into libgcc on the baseline x86-64
/// target, which has no popcnt instruction (the call took about 1% of the full model's profile samples,
/// all in the partner remap; inline, the remap and its counts take 0.6% less of them). Bits summed in
/// pairs, nibbles and bytes, then the bytes added by one multiplication.
constexpr std::uint32_t count_bits(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    return static_cast<std::uint32_t>((x * 0x0101010101010101u) >> 56);
}

/// Where compaction moves each survivor, in 12 bytes per 64 people (not 4 bytes a person): a bit per
/// survivor and the number of survivors before each group of 64; a survivor's new index adds the
/// survivors before them in their group.
class SurvivorIndex {
public:
    /// For n people, then `add` for each of them in index order.
    void reset(std::size_t n) {
        bits_.assign((n + 63) / 64, 0);
        before_.resize(bits_.size());
    }
    /// Person i, with `earlier` survivors before them.
    void add(std::size_t i, std::uint32_t earlier, bool survives) {
        if ((i & 63) == 0) before_[i >> 6] = earlier;
        bits_[i >> 6] |= std::uint64_t{survives} << (i & 63);
    }
    /// The group of people 64 g .. 64 g + 63 at once: `earlier` survivors before them, bit k of `survives`
    /// for person 64 g + k.
    void set_group(std::size_t g, std::uint32_t earlier, std::uint64_t survives) {
        before_[g] = earlier;
        bits_[g] = survives;
    }
    /// A bit per person, set for the survivors (keep_marked's marks).
    std::span<const std::uint64_t> marks() const { return bits_; }
    /// Person j's index after compaction, or no_person if they did not survive.
    std::uint32_t operator()(std::uint32_t j) const {
        const std::uint64_t group = bits_[j >> 6];
        if (!((group >> (j & 63)) & 1)) return no_person;
        return before_[j >> 6] + count_bits(group & ((std::uint64_t{1} << (j & 63)) - 1));
    }

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
    std::vector<Newborn> newborns;  // compaction's list, kept from year to year (its pages mapped once)
    SurvivorIndex survivors;        // who survives: compaction's marks, and the partners' new indices
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
