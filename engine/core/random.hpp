#pragma once
// Addressed random numbers: every draw is a pure function of
// (seed, replicate, module, person, year, event), computed by the Philox4x64 counter-based generator
// (Random123). Thread count, process layout and the order of work cannot change a result, and a
// baseline and a what-if give the same person the same numbers (common random numbers).
//
// Key     = { seed, module << 32 | replicate }
// Counter = { person_key, year, event, block }      block counts 4-word Philox outputs
//
// A `DrawStream` is a UniformRandomBitGenerator (64-bit words) for one (person, year, event) address;
// Boost.Random distributions draw from it. Each decision site that may take a variable number of
// words gets its own event number, so it cannot shift any other decision's numbers.
//
// A `DrawBlock` is the cheap path for yes/no decisions: one Philox call gives four words, and each of a
// module's Bernoulli decisions owns a fixed word (slot) of the block for event `decisions`. Boost's
// bernoulli_distribution takes exactly one word (tested), so no decision can shift another's.
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

namespace carecast {

/// Modules own disjoint random streams. Never renumber: that would change every result.
enum class RandomModule : std::uint32_t {
    demography = 1,
    immigration = 2,
    births = 3,
    social = 4,  // SEND and carers' yes/no decisions
    couples = 5,
    carers = 6,
    send = 7,
    falls = 8,
    care_homes = 9,
    home_care = 10,
    base_states = 11,  // cohort states of the base-year population
    parameters = 12,   // parameter uncertainty: values drawn once per replicate
};

/// Decision sites within a module. Never renumber.
enum class RandomEvent : std::uint64_t {
    death = 1,
    emigration = 2,
    birth = 3,
    birth_sex = 4,
    newborn_death = 5,
    immigrant_arrivals = 6,
    onset = 7,
    diagnosis = 8,
    fall = 9,
    admission = 10,
    admission_day = 11,
    home_type = 12,
    stay_length = 13,
    stay_ends_in_discharge = 14,
    reablement = 15,
    reablement_outcome = 16,
    reablement_length = 17,
    home_care_start = 18,
    home_care_stop = 19,
    sen_support_start = 20,
    sen_support_stop = 21,
    ehc_start = 22,
    ehc_stop = 23,
    adult_learning_disability = 24,
    caring_start = 25,
    caring_stop = 26,
    caring_hours = 27,
    partner_caring = 28,
    partnered = 29,
    dementia_duration = 30,
    stay_elapsed = 31,
    residence = 32,
    decisions = 33,  // the DrawBlock of a module's yes/no decisions
};

/// Identifies the replicate-level stream family: seed, replicate and module.
struct StreamKey {
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
    RandomModule module = RandomModule::demography;
};

/// A stream of 64-bit random words for one (key, person, year, event) address.
class DrawStream {
public:
    using result_type = std::uint64_t;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    DrawStream(const StreamKey& key, std::uint64_t person_key, std::int32_t year, RandomEvent event) {
        key_ = {{key.seed, (static_cast<std::uint64_t>(key.module) << 32) | key.replicate}};
        counter_ = {{person_key, static_cast<std::uint64_t>(static_cast<std::uint32_t>(year)),
                     static_cast<std::uint64_t>(event), 0}};
    }

    result_type operator()() {
        if (position_ == 4) {
            block_ = philox_(counter_, key_);
            ++counter_.v[3];
            position_ = 0;
        }
        return block_.v[position_++];
    }

    /// A uniform double in [0,1) from one 64-bit word (53 random bits).
    double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

private:
    using Philox = r123::Philox4x64;
    Philox philox_;
    Philox::key_type key_;
    Philox::ctr_type counter_;
    Philox::ctr_type block_{};
    unsigned position_ = 4;
};

/// Slots of the two DrawBlocks a person uses each year. Never renumber: that would change every result.
namespace slot {
// RandomModule::demography block: the person's own year. Decisions that cannot both arise for one person
// in one year share a slot: death or emigration (disjoint intervals of one uniform), a birth (women under
// 56) or a fall (65+), dementia onset (without dementia) or diagnosis (with).
inline constexpr int death_or_emigration = 0, birth_or_fall = 1, onset_or_diagnosis = 2, admission = 3,
                     home_care = 4, caring = 5, partner_caring = 6, caring_hours = 7;
inline constexpr int carer_slots = 3;  // caring .. caring_hours, kept from pass 1 for pass 2
// RandomModule::births block of a newborn.
inline constexpr int child_sex = 0, child_death = 1, child_emigration = 2;
// RandomModule::social block (ages 0-25): SEND.
inline constexpr int ehc_start = 0, ehc_stop = 1, sen_support = 2, adult_learning_disability = 3;
}  // namespace slot

/// Eight 32-bit slots for one (module, person, year) address: one Philox4x64 call, made on first use.
/// 32 bits resolve probabilities to 2.3e-10, far below any rate in the model.
class DrawBlock {
public:
    DrawBlock(const StreamKey& key, std::uint64_t person_key, std::int32_t year)
        : key_(key), person_(person_key), year_(year) {}

    /// The 32-bit word in `slot` (0..7).
    std::uint32_t word(int slot) {
        if (!ready_) {
            const r123::Philox4x64::key_type key = {{key_.seed, (static_cast<std::uint64_t>(key_.module) << 32) | key_.replicate}};
            const r123::Philox4x64::ctr_type counter = {{person_, static_cast<std::uint64_t>(static_cast<std::uint32_t>(year_)),
                                                         static_cast<std::uint64_t>(RandomEvent::decisions), 0}};
            block_ = r123::Philox4x64()(counter, key);
            ready_ = true;
        }
        return static_cast<std::uint32_t>(block_.v[slot >> 1] >> ((slot & 1) * 32));
    }
    /// True with probability p, from the word in `slot` (Boost's Bernoulli); no Philox call when p <= 0.
    bool bernoulli(int slot, double p) { return p > 0.0 && bernoulli_from_word(word(slot), p); }
    /// A uniform double in (0, 1) from the word in `slot`.
    double uniform(int slot) { return uniform_from_word(word(slot)); }
    /// True with probability p from a 32-bit word: boost::random::bernoulli_distribution's formula
    /// (word <= p (2^32 - 1)) for an engine of range [0, 2^32 - 1].
    static bool bernoulli_from_word(std::uint32_t word, double p) {
        if (p <= 0.0) return false;
        return static_cast<double>(word) <= std::min(p, 1.0) * 4294967295.0;
    }
    static double uniform_from_word(std::uint32_t word) { return (static_cast<double>(word) + 0.5) * 0x1.0p-32; }

private:
    StreamKey key_;
    std::uint64_t person_;
    std::int32_t year_;
    r123::Philox4x64::ctr_type block_;
    bool ready_ = false;
};

}  // namespace carecast
