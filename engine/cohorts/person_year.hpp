#pragma once
// What the yearly step knows about one person while deciding their year, and where it counts what
// happened. The step runs in two parallel passes over fixed blocks of people (see year_step.cpp); each
// pass writes only the person's own columns and their own Outcome byte.
#include <cstdint>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "cohorts/cohort_rates.hpp"
#include "cohorts/completed_stay.hpp"
#include "cohorts/measure_ids.hpp"
#include "core/population.hpp"
#include "core/random.hpp"
#include "demography/demographic_rates.hpp"

namespace carecast {

/// Bits of the per-person outcome of pass 1, read by pass 2 (for partners) and by compaction.
enum Outcome : std::uint8_t {
    stays = 1,          // alive and resident at the end of the interval
    newborn_stays = 2,  // gave birth to a child who is alive and resident at the end
    newborn_male = 4,
    was_partner_carer = 8,   // was caring for their partner at the start of the interval
    away_from_home = 16,     // left, or lives in a care home at the end of the interval
    had_dementia = 32,       // has dementia at the end of pass 1 (or when they left)
    forms_partnership = 64,  // single, at home at the end, drew partnership formation (matched after pass 1)
    separates = 128,         // a woman living with her partner at the end drew separation (applied after pass 1)
};

/// From a person's Outcome bits: alive, resident and not in a care home at the end of the interval.
inline bool at_home_at_end(std::uint8_t outcome) {
    return (outcome & stays) && !(outcome & away_from_home);
}

/// Adds one person at a cell to a thread's stock counts: `row` is the cell's row of a [cell][measure]
/// array (Tally); ids of disabled measures (-1) count nothing.
struct StockCount {
    std::int32_t* row;
    void operator()(MeasureId id) const {
        if (id >= 0) ++row[static_cast<std::size_t>(id)];
    }
};

/// What one thread counts in a year's parallel steps (pass 1, the couples' step, pass 2): the flows of
/// the interval and, when asked (YearContext::count_stocks), the stocks at its start (sim/year_step.cpp),
/// [cell][measure id] in one array, so that one person's counts fall in one row (people of a cell are
/// mostly side by side); and completed stays.
struct Tally {
    std::vector<std::int32_t> counts;
    std::size_t measures = 0;
    std::vector<CompletedStay> stays;

    Tally(std::size_t cells, std::size_t measure_count) : counts(cells * measure_count, 0), measures(measure_count) {}
    void add(MeasureId id, std::size_t cell, std::int32_t n = 1) {
        if (id >= 0) counts[cell * measures + static_cast<std::size_t>(id)] += n;
    }
    /// The cell's counts, indexed by measure id.
    std::int32_t* row(std::size_t cell) { return &counts[cell * measures]; }
    StockCount stock_count(std::size_t cell) { return {row(cell)}; }
    std::int32_t count(MeasureId id, std::size_t cell) const {
        return counts[cell * measures + static_cast<std::size_t>(id)];
    }
};

/// Each thread's Tally of a parallel step (summed after it: integer counts, so in any order).
using TallyPerThread = tbb::enumerable_thread_specific<Tally>;

/// The year being simulated, shared by every person.
struct YearContext {
    const MeasureIds& ids;               // the model's measures
    const CohortConfig& config;          // the model's cohort configuration (which modules are enabled)
    const DemographicRates& demography;  // this year's rates (interventions applied: sim/year_rates.hpp)
    const CohortRates& cohorts;
    std::uint64_t seed;
    std::uint32_t replicate;
    int interval;                    // 0 for base_year -> base_year + 1
    int year;                        // calendar year at the start of the interval
    int first_day;                   // days since the base mid-year at the start of the interval (365 per year)
    double ehc_growth_factor = 1.0;  // (1 + ehc_growth)^interval
    bool count_stocks = true;  // pass 1 counts the stocks at the interval's start (else account_stocks derives them)

    int end_day() const { return first_day + 365; }
    StreamKey key(RandomModule module) const { return {seed, replicate, module}; }
    /// A Bernoulli draw at address (module, person, year, event); false without a draw when p <= 0.
    bool draw(RandomModule module, std::uint64_t person, RandomEvent event, double probability) const;
};

/// The youngest age at which any module reads a person's `adult` block (couples: 16; need: 17, a year
/// before need_min_age). Only which blocks the step computes ahead depends on it, never a result.
inline constexpr int adult_decisions_from_age = 16;

/// Whether any enabled module reads the `adult` block (couples, need).
inline bool draws_adult_decisions(const CohortConfig& config) {
    return config.couples.enabled || config.need.enabled;
}

/// The oldest age at which a module reads a person's `social` block (SEND: 0-25, send_year). Only which
/// blocks the step computes ahead depends on it, never a result.
inline constexpr int social_decisions_to_age = 25;

/// Whether any enabled module reads the `social` block (SEND).
inline bool draws_social_decisions(const CohortConfig& config) {
    return config.send.enabled;
}

/// One person's year in pass 1.
struct PersonYear {
    std::size_t index;
    std::uint64_t key;
    int age;  // at the start of the interval
    int sex;
    int area;
    int age_at_end;
    std::size_t cell_start;  // cell at the start (for stocks)
    std::size_t cell_end;    // cell at the end (flows are counted here)
    bool resident;           // in a care home at the start of the interval
    bool died = false;
    bool emigrated = false;
    std::uint8_t outcome = 0;  // Outcome bits a module adds (couples: forms_partnership, separates)
    // The person's yes/no decisions this year, one lazily computed Philox block per module.
    mutable DrawBlock draws;   // RandomModule::demography: own year (slots death .. home_care)
    mutable DrawBlock social;  // RandomModule::social: SEND (slots ehc_start .. adult_learning_disability)
    mutable DrawBlock adult;   // RandomModule::couples: partnership and need decisions of an adult (age >= 16)

    /// `resident_at_start`: in a care home at the start (population.care_home[i] != 0 where it is held).
    /// `draws_ahead`, `adult_ahead`, `social_ahead`: the person's demography, couples and social blocks if
    /// computed ahead (DrawBlock), else null.
    PersonYear(const YearContext& c, std::size_t i, const Population& population, bool resident_at_start,
               const DrawBlock::Block* draws_ahead = nullptr, const DrawBlock::Block* adult_ahead = nullptr,
               const DrawBlock::Block* social_ahead = nullptr);
    bool left() const { return died || emigrated; }
    /// Alive, resident and not in a care home at the end of the interval (once care homes have had their say).
    bool at_home_at_end(const Population& population) const { return !left() && population.care_home[index] == 0; }
};

}  // namespace carecast
