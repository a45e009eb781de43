#pragma once
// Addressed random numbers: every draw is a pure function of
// (seed, replicate, module, person, year, event), computed by the Philox4x64 counter-based generator
// (Random123). Thread count, process layout and the order of work cannot change a result, and a
// baseline and a what-if give the same person the same numbers (common random numbers).
//
// Key     = { seed, module << 32 | replicate }
// Counter = { person_key, year, event, block }      block counts 4-word Philox outputs
// (philox_address builds both; nothing else does.)
//
// A `DrawStream` is a UniformRandomBitGenerator (64-bit words) for one (person, year, event) address;
// Boost.Random distributions draw from it. Each decision site that may take a variable number of
// words gets its own event number, so it cannot shift any other decision's numbers.
//
// A `DrawBlock` is the cheap path for yes/no decisions: one Philox call gives four words, and each
// decision, named by a `SlotAddress`, owns a fixed 32-bit half-word of its module's block for event
// `decisions`. Boost's bernoulli_distribution takes exactly one word (tested), so no decision can shift
// another's.
//
// Every live address is declared once, by its owner: the demography's here and in cohorts/modules.hpp,
// a cohort module's in its folder (its `slots` and `streams`). cohorts/modules.hpp fails the build if
// two coincide or one uses a retired id; a unit test checks the same (test_random_addresses.cpp).
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace carecast {

/// Modules own disjoint random streams. Never renumber: that would change every result. A retired id
/// is no longer drawn from and must never be reused (old results were drawn with it).
enum class RandomModule : std::uint32_t {
    demography = 1,   // DrawBlock of a person's own year
    immigration = 2,  // immigrant arrivals per cell
    births = 3,       // DrawBlock of a woman's birth decision and of her newborn
    social = 4,       // DrawBlock of SEND decisions (ages 0-25)
    retired_couples = 5,
    retired_carers = 6,
    retired_send = 7,
    retired_falls = 8,
    care_homes = 9,
    home_care = 10,
    base_states = 11,  // cohort states of the base-year population
    parameters = 12,   // parameter uncertainty: values drawn once per replicate
    couples = 13,      // DrawBlock of a person's partnership formation and (women) dissolution
};

/// Decision sites within a module. Never renumber; a retired id must never be reused.
enum class RandomEvent : std::uint64_t {
    retired_death = 1,
    retired_emigration = 2,
    retired_birth = 3,
    retired_birth_sex = 4,
    retired_newborn_death = 5,
    immigrant_arrivals = 6,
    onset = 7,
    retired_diagnosis = 8,
    retired_fall = 9,
    retired_admission = 10,
    retired_admission_day = 11,
    retired_home_type = 12,
    stay_length = 13,
    retired_stay_ends_in_discharge = 14,
    retired_reablement = 15,
    reablement_outcome = 16,
    retired_reablement_length = 17,
    home_care_start = 18,
    retired_home_care_stop = 19,
    sen_support_start = 20,
    retired_sen_support_stop = 21,
    retired_ehc_start = 22,
    retired_ehc_stop = 23,
    retired_adult_learning_disability = 24,
    caring_start = 25,
    retired_caring_stop = 26,
    retired_caring_hours = 27,
    retired_partner_caring = 28,
    partnered = 29,
    retired_dementia_duration = 30,
    retired_stay_elapsed = 31,
    residence = 32,
    need = 34,       // base year (and arrivals): need level
    decisions = 33,  // the DrawBlock of a module's yes/no decisions; module parameters: its streams
    // A new event is a number above the last here, declared by the module that draws it, in its folder
    // (`inline constexpr RandomEvent my_event{35};`); cohorts/modules.hpp fails the build if two
    // modules declare the same address.
};
inline constexpr std::uint64_t last_listed_event = 34;

/// True for a module id no longer drawn from (never reuse it).
constexpr bool is_retired(RandomModule module) {
    switch (module) {
        case RandomModule::retired_couples:
        case RandomModule::retired_carers:
        case RandomModule::retired_send:
        case RandomModule::retired_falls:
            return true;
        case RandomModule::demography:
        case RandomModule::immigration:
        case RandomModule::births:
        case RandomModule::social:
        case RandomModule::care_homes:
        case RandomModule::home_care:
        case RandomModule::base_states:
        case RandomModule::parameters:
        case RandomModule::couples:
            return false;
    }
    return true;  // not a RandomModule
}

/// True for an event id no longer drawn from (never reuse it).
constexpr bool is_retired(RandomEvent event) {
    switch (event) {
        case RandomEvent::immigrant_arrivals:
        case RandomEvent::onset:
        case RandomEvent::stay_length:
        case RandomEvent::reablement_outcome:
        case RandomEvent::home_care_start:
        case RandomEvent::sen_support_start:
        case RandomEvent::caring_start:
        case RandomEvent::partnered:
        case RandomEvent::residence:
        case RandomEvent::decisions:
        case RandomEvent::need:
            return false;
        case RandomEvent::retired_death:
        case RandomEvent::retired_emigration:
        case RandomEvent::retired_birth:
        case RandomEvent::retired_birth_sex:
        case RandomEvent::retired_newborn_death:
        case RandomEvent::retired_diagnosis:
        case RandomEvent::retired_fall:
        case RandomEvent::retired_admission:
        case RandomEvent::retired_admission_day:
        case RandomEvent::retired_home_type:
        case RandomEvent::retired_stay_ends_in_discharge:
        case RandomEvent::retired_reablement:
        case RandomEvent::retired_reablement_length:
        case RandomEvent::retired_home_care_stop:
        case RandomEvent::retired_sen_support_stop:
        case RandomEvent::retired_ehc_start:
        case RandomEvent::retired_ehc_stop:
        case RandomEvent::retired_adult_learning_disability:
        case RandomEvent::retired_caring_stop:
        case RandomEvent::retired_caring_hours:
        case RandomEvent::retired_partner_caring:
        case RandomEvent::retired_dementia_duration:
        case RandomEvent::retired_stay_elapsed:
            return true;
    }
    // Not listed: 0 is no event; a number above the list is a module's own event (never drawn before).
    return static_cast<std::uint64_t>(event) <= last_listed_event;
}

/// Identifies the replicate-level stream family: seed, replicate and module.
struct StreamKey {
    std::uint64_t seed = 0;
    std::uint32_t replicate = 0;
    RandomModule module = RandomModule::demography;
};

/// Philox's key and first counter for an address; the one place the layout above is written.
struct PhiloxAddress {
    r123::Philox4x64::key_type key;
    r123::Philox4x64::ctr_type counter;
};

/// The key (seed, module << 32 | replicate) and counter (person, year, event, 0) of an address.
inline PhiloxAddress philox_address(const StreamKey& key, std::uint64_t person_key, std::int32_t year,
                                    RandomEvent event) {
    return {{{key.seed, (static_cast<std::uint64_t>(key.module) << 32) | key.replicate}},
            {{person_key, static_cast<std::uint64_t>(static_cast<std::uint32_t>(year)),
              static_cast<std::uint64_t>(event), 0}}};
}

/// A stream of 64-bit random words for one (key, person, year, event) address.
class DrawStream {
public:
    using result_type = std::uint64_t;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

    DrawStream(const StreamKey& key, std::uint64_t person_key, std::int32_t year, RandomEvent event) {
        const PhiloxAddress address = philox_address(key, person_key, year, event);
        key_ = address.key;
        counter_ = address.counter;
    }
    /// The same stream, its first block (the address's) computed ahead (core/philox_batch.hpp's
    /// first_blocks).
    DrawStream(const StreamKey& key, std::uint64_t person_key, std::int32_t year, RandomEvent event,
               const r123::Philox4x64::ctr_type& first_block)
        : DrawStream(key, person_key, year, event) {
        block_ = first_block;
        ++counter_.v[3];
        position_ = 0;
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

/// A yes/no decision's word: its module's DrawBlock (event `decisions`) and the 32-bit word (0..7).
/// Every slot is a named constant of namespace `slot`, declared by its owner: the demography's below,
/// a cohort module's in its folder (cohorts/<module>/<module>.hpp). Never change a word: every result
/// would change. cohorts/modules.hpp fails the build when two slots share a word; two decisions share
/// one slot only if they cannot both arise for one person in one year (death or emigration: disjoint
/// intervals of one uniform; dementia onset, without dementia, or diagnosis, with).
struct SlotAddress {
    const char* name;
    RandomModule module;
    int word;
};

/// Two slots with the same word of the same module's block.
constexpr bool same_word(const SlotAddress& a, const SlotAddress& b) {
    return a.module == b.module && a.word == b.word;
}

namespace slot {
// RandomModule::demography block: the person's own year (words 1-7: the cohort modules').
inline constexpr SlotAddress death_or_emigration{"death or emigration", RandomModule::demography, 0};
// RandomModule::births block: of a woman, whether she gives birth; of her newborn (keyed by the
// newborn), its sex, death and emigration.
inline constexpr SlotAddress birth{"birth", RandomModule::births, 3};
inline constexpr SlotAddress child_sex{"sex of a newborn", RandomModule::births, 0};
inline constexpr SlotAddress child_death{"death of a newborn", RandomModule::births, 1};
inline constexpr SlotAddress child_emigration{"emigration of a newborn", RandomModule::births, 2};
}  // namespace slot

/// A site that draws a DrawStream of words: its module and event (the person varies). Declared by its
/// owner (cohorts/modules.hpp: the demography's; a module's `streams`). Its events differ from
/// `decisions` except in module parameters, which has no DrawBlock (its "person" is the hash of a
/// parameter's name).
struct StreamAddress {
    const char* name;
    RandomModule module;
    RandomEvent event;
};

/// The Philox block of a (module, person, year) address's decisions: DrawBlock's eight words.
inline r123::Philox4x64::ctr_type decision_block(const StreamKey& key, std::uint64_t person_key, std::int32_t year) {
    const PhiloxAddress address = philox_address(key, person_key, year, RandomEvent::decisions);
    return r123::Philox4x64()(address.counter, address.key);
}

/// Eight 32-bit words for one (module, person, year) address: one Philox4x64 call, made on first use
/// unless the block was computed ahead. 32 bits resolve probabilities to 2.3e-10, far below any rate in
/// the model.
class DrawBlock {
public:
    using Block = r123::Philox4x64::ctr_type;

    DrawBlock(const StreamKey& key, std::uint64_t person_key, std::int32_t year)
        : key_(key), person_(person_key), year_(year) {}
    /// With the block computed ahead (`ahead`, decision_block of the same address) unless `ahead` is
    /// null: a tight loop computing many people's blocks runs their Philox rounds side by side, at about
    /// half the cost of computing each one where it is first used, inside branchy per-person code.
    DrawBlock(const StreamKey& key, std::uint64_t person_key, std::int32_t year, const Block* ahead)
        : key_(key), person_(person_key), year_(year) {
        if (ahead) {
            block_ = *ahead;
            ready_ = true;
        }
    }

    /// The 32-bit word number `word` (0..7) of the block.
    std::uint32_t word(int word) {
        if (!ready_) compute();
        return word_of(block_, word);
    }
    /// The 32-bit word number `word` (0..7) of `block`.
    static std::uint32_t word_of(const Block& block, int word) {
        return static_cast<std::uint32_t>(block.v[word >> 1] >> ((word & 1) * 32));
    }
    /// The word of decision `slot`, which must belong to this block's module.
    std::uint32_t word(const SlotAddress& slot) {
        assert(slot.module == key_.module);
        return word(slot.word);
    }
    /// True with probability p, from the word of `slot` (Boost's Bernoulli); no Philox call when p <= 0.
    /// Always inlined where the decision is made: GCC kept one out-of-line copy for the whole step (5% of
    /// its time in a profile, in calls); inlined, County Durham's step takes about 2.5% less CPU.
    [[gnu::always_inline]] bool bernoulli(const SlotAddress& slot, double p) {
        return p > 0.0 && bernoulli_from_word(word(slot), p);
    }
    /// A uniform double in (0, 1) from the word of `slot`.
    double uniform(const SlotAddress& slot) { return uniform_from_word(word(slot)); }
    /// True with probability p from a 32-bit word: boost::random::bernoulli_distribution's formula
    /// (word <= p (2^32 - 1)) for an engine of range [0, 2^32 - 1].
    static bool bernoulli_from_word(std::uint32_t word, double p) {
        if (p <= 0.0) return false;
        return static_cast<double>(word) <= std::min(p, 1.0) * 4294967295.0;
    }
    static double uniform_from_word(std::uint32_t word) { return (static_cast<double>(word) + 0.5) * 0x1.0p-32; }

private:
    /// The block, on first use: out of line, so that a decision's few instructions (word, bernoulli)
    /// inline where they are made, as most blocks are computed ahead.
    [[gnu::noinline]] void compute() {
        block_ = decision_block(key_, person_, year_);
        ready_ = true;
    }

    StreamKey key_;
    std::uint64_t person_;
    std::int32_t year_;
    Block block_;
    bool ready_ = false;
};

}  // namespace carecast
