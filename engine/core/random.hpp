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
// Boost.Random distributions draw from it. Each decision site gets its own event number, so a
// distribution that consumes a variable number of words cannot shift any other decision's numbers.
#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace carecast {

/// Modules own disjoint random streams. Never renumber: that would change every result.
enum class RandomModule : std::uint32_t {
    demography = 1,
    immigration = 2,
    births = 3,
    dementia = 4,
    couples = 5,
    carers = 6,
    send = 7,
    falls = 8,
    care_homes = 9,
    home_care = 10,
    base_states = 11,  // cohort states of the base-year population
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

}  // namespace carecast
