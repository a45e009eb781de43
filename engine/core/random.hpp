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
// decision, named by a `Slot`, owns a fixed 32-bit half-word of its module's block for event
// `decisions` (slot_addresses). Boost's bernoulli_distribution takes exactly one word (tested), so no
// decision can shift another's.
//
// Every live address is listed in slot_addresses and stream_addresses below; a unit test proves them
// distinct and that none uses a retired id (tests/unit/core/test_random_addresses.cpp).
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
};

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
    return true;  // not a RandomEvent
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

/// The yes/no decisions drawn from DrawBlocks, by name; slot_addresses gives each one's block and word.
enum class Slot : std::uint8_t {
    // RandomModule::demography block: the person's own year.
    death_or_emigration,
    fall,
    onset_or_diagnosis,
    admission,
    home_care,
    caring,
    partner_caring,
    caring_hours,
    // RandomModule::births block: of a woman, whether she gives birth; of her newborn (keyed by the
    // newborn), its sex, death and emigration.
    birth,
    child_sex,
    child_death,
    child_emigration,
    // RandomModule::social block (ages 0-25): SEND.
    ehc_start,
    ehc_stop,
    sen_support,
    adult_learning_disability,
    // RandomModule::couples block: a single adult forming a partnership; a couple separating (drawn by
    // the woman of the couple).
    partnership_formation,
    partnership_dissolution,
    // RandomModule::couples block too (one Philox call serves both modules' decisions of an adult): a
    // change of need level, adults 18+ (and 17, who reach 18).
    need_change,
};
inline constexpr std::size_t slot_count = 19;

/// Where a Slot's word is: its module's DrawBlock (event `decisions`) and the 32-bit word (0..7).
struct SlotAddress {
    Slot slot;
    RandomModule module;
    int word;
};

/// One row per Slot, in the order of the enum. Never change a word: every result would change. Two
/// decisions share a word only if they cannot both arise for one person in one year: death or
/// emigration (disjoint intervals of one uniform), dementia onset (without dementia) or diagnosis (with).
inline constexpr std::array<SlotAddress, slot_count> slot_addresses{{
    {Slot::death_or_emigration, RandomModule::demography, 0},
    {Slot::fall, RandomModule::demography, 1},
    {Slot::onset_or_diagnosis, RandomModule::demography, 2},
    {Slot::admission, RandomModule::demography, 3},
    {Slot::home_care, RandomModule::demography, 4},
    {Slot::caring, RandomModule::demography, 5},
    {Slot::partner_caring, RandomModule::demography, 6},
    {Slot::caring_hours, RandomModule::demography, 7},
    {Slot::birth, RandomModule::births, 3},
    {Slot::child_sex, RandomModule::births, 0},
    {Slot::child_death, RandomModule::births, 1},
    {Slot::child_emigration, RandomModule::births, 2},
    {Slot::ehc_start, RandomModule::social, 0},
    {Slot::ehc_stop, RandomModule::social, 1},
    {Slot::sen_support, RandomModule::social, 2},
    {Slot::adult_learning_disability, RandomModule::social, 3},
    {Slot::partnership_formation, RandomModule::couples, 0},
    {Slot::partnership_dissolution, RandomModule::couples, 1},
    {Slot::need_change, RandomModule::couples, 2},
}};

constexpr const SlotAddress& address_of(Slot slot) {
    return slot_addresses[static_cast<std::size_t>(slot)];
}

/// The carers' three words (caring, partner_caring, caring_hours) are consecutive: pass 1 keeps them
/// for pass 2 (carer_words), read back with carer_word_index.
inline constexpr int carer_slots = 3;
constexpr int carer_word_index(Slot slot) {
    return address_of(slot).word - address_of(Slot::caring).word;
}

namespace detail {
constexpr bool slot_rows_in_order() {
    for (std::size_t i = 0; i < slot_count; ++i)
        if (static_cast<std::size_t>(slot_addresses[i].slot) != i || slot_addresses[i].word < 0 ||
            slot_addresses[i].word > 7)
            return false;
    return carer_word_index(Slot::partner_caring) == 1 && carer_word_index(Slot::caring_hours) == carer_slots - 1;
}
static_assert(slot_rows_in_order(), "slot_addresses: rows follow enum Slot, words 0..7, carers' words consecutive");
}  // namespace detail

/// A site that draws a DrawStream of words: its module and event (the person varies).
struct StreamAddress {
    const char* name;
    RandomModule module;
    RandomEvent event;
};

/// Every DrawStream the model uses. Its events differ from `decisions` except in module parameters,
/// which has no DrawBlock (its "person" is the hash of a parameter's name).
inline constexpr StreamAddress stream_addresses[] = {
    {"immigrant arrivals (per cell)", RandomModule::immigration, RandomEvent::immigrant_arrivals},
    {"care-home stay length", RandomModule::care_homes, RandomEvent::stay_length},
    {"reablement outcome", RandomModule::home_care, RandomEvent::reablement_outcome},
    {"base year: dementia", RandomModule::base_states, RandomEvent::onset},
    {"base year: SEND", RandomModule::base_states, RandomEvent::sen_support_start},
    {"base year: home care", RandomModule::base_states, RandomEvent::home_care_start},
    {"base year: couples", RandomModule::base_states, RandomEvent::partnered},
    {"base year: carers", RandomModule::base_states, RandomEvent::caring_start},
    {"base year: care-home residents", RandomModule::base_states, RandomEvent::residence},
    {"base year: need", RandomModule::base_states, RandomEvent::need},
    {"parameter uncertainty", RandomModule::parameters, RandomEvent::decisions},
};

/// Eight 32-bit words for one (module, person, year) address: one Philox4x64 call, made on first use.
/// 32 bits resolve probabilities to 2.3e-10, far below any rate in the model.
class DrawBlock {
public:
    DrawBlock(const StreamKey& key, std::uint64_t person_key, std::int32_t year)
        : key_(key), person_(person_key), year_(year) {}

    /// The 32-bit word number `word` (0..7) of the block.
    std::uint32_t word(int word) {
        if (!ready_) {
            const PhiloxAddress address = philox_address(key_, person_, year_, RandomEvent::decisions);
            block_ = r123::Philox4x64()(address.counter, address.key);
            ready_ = true;
        }
        return static_cast<std::uint32_t>(block_.v[word >> 1] >> ((word & 1) * 32));
    }
    /// The word of decision `slot`, which must belong to this block's module.
    std::uint32_t word(Slot slot) {
        assert(address_of(slot).module == key_.module);
        return word(address_of(slot).word);
    }
    /// True with probability p, from the word of `slot` (Boost's Bernoulli); no Philox call when p <= 0.
    bool bernoulli(Slot slot, double p) { return p > 0.0 && bernoulli_from_word(word(slot), p); }
    /// A uniform double in (0, 1) from the word of `slot`.
    double uniform(Slot slot) { return uniform_from_word(word(slot)); }
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
