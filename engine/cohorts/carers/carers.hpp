#pragma once
// Couples and unpaid carers. Partner links are made in the base year; a partner of a person with
// dementia may become their carer (a partner-carer, linked to them); other adults start and stop
// caring at rates that keep the Census age profile. When a partner-carer dies, moves away or enters a
// care home, the person cared for loses that care (flag lost_carer, which raises their care-home
// admission hazard the following year).
//
// Reads: partner, age, sex, carer, dementia (through Outcome). Writes: carer, flags (lost_carer).
#include <span>
#include <vector>

#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
// Consecutive words of the person's demography block, read back with carer_word_index.
inline constexpr SlotAddress caring{"caring start or stop", RandomModule::demography, 5};
inline constexpr SlotAddress partner_caring{"partner-carer start", RandomModule::demography, 6};
inline constexpr SlotAddress caring_hours{"caring hours", RandomModule::demography, 7};
}  // namespace slot

/// Population::carer: the hours band (1..3) in its low bits, and this bit for a partner-carer.
inline constexpr std::uint8_t partner_carer_bit = 4;
/// The youngest age (at the start of the interval) at which a person starts caring for someone other
/// than a partner; the caring words are read from a year younger (caring_words_from_age).
inline constexpr int first_caring_age = 16;
inline constexpr int caring_words_from_age = 15;

/// Whether the carers' year reads a person's caring words (0 where not): they stay, and are
/// caring_words_from_age or over at the start.
inline bool reads_caring_words(std::uint8_t outcome, int age) {
    return (outcome & stays) && age >= caring_words_from_age;
}

/// Hours band 1..3 drawn from `shares` with a uniform u.
inline std::uint8_t hours_band(const HoursShares& shares, double u) {
    if (u < shares[0]) return 1;
    if (u < shares[0] + shares[1]) return 2;
    return 3;
}

/// The hours shares of a carer (not for a partner) of `age`.
inline constexpr int older_carer_age = 65;
inline const HoursShares& shares_for_age(const CarersConfig& c, int age) {
    return age >= older_carer_age ? c.hours_65_plus : c.hours_under_65;
}

/// The carers' three words (caring, partner_caring, caring_hours).
inline constexpr int carer_slots = 3;
constexpr int carer_word_index(const SlotAddress& s) {
    return s.word - slot::caring.word;
}
static_assert(carer_word_index(slot::partner_caring) == 1 && carer_word_index(slot::caring_hours) == carer_slots - 1,
              "the carers' words are consecutive");

/// Pass 2 of the yearly step for the people `who` of a run (at most 64, whose caring draws, made in
/// pass 1 from their demography blocks, are caring_draws[who[k]]: carer_events.hpp): caring starts and ends,
/// partner-carers, loss of a carer, and the end of partnerships, from their own pass-1 outcomes and their partners'
/// (after the couples' step; none for those without a partner). Decided for them all at once (carer_events.hpp), the
/// few events then applied one by one.
void partnered_carers_run(const YearContext& c, std::span<const std::uint32_t> who, Population& population,
                          const std::vector<std::uint8_t>& outcomes, const std::vector<std::uint8_t>& caring_draws,
                          Tally& tally);
/// What the caring words of the people of a run [first, first + n) of pass 1 (n <= 64) say, at the end of
/// the run's own years: caring_draws (carer_events.hpp) from their Outcome bits (outcomes[k] for person
/// first + k) and demography blocks (draws[k]), into drawn[k], for single_carers_run and pass 2.
void draw_caring_run(const YearContext& c, std::size_t first, std::size_t n, const Population& population,
                     const std::uint8_t* outcomes, const DrawBlock::Block* draws, std::uint8_t* drawn);
/// The same as partnered_carers_run for the people of that run who have no partner and drew no
/// partnership, who have no partner's year to wait for: from their Outcome bits and caring draws
/// (outcomes[k] and drawn[k] for person first + k).
void single_carers_run(const YearContext& c, std::size_t first, std::size_t n, Population& population,
                       const std::uint8_t* outcomes, const std::uint8_t* drawn, Tally& tally);

/// Carers among new people (the base year, or arrivals): by the prevalence profile of their year
/// (carer_prevalence_in), plus partner-carers of people with dementia.
void initialise_carers(const NewPeople& people, Population& population);

/// The carers module's declaration (cohorts/cohort_module.hpp). Its year is pass 2 of the yearly step
/// (partnered_carers_run, after every partner's pass 1), or the end of pass 1 for people without a partner
/// (single_carers_run); it also registers and counts the couples' partnered stock and partnership ends.
struct CarersModule {
    static constexpr std::string_view name = "carers";
    struct Ids {
        MeasureId partnered = -1, partnership_ends = -1, partnered_arrivals = -1;
        MeasureId carers[3] = {-1, -1, -1}, caring_starts[3] = {-1, -1, -1}, caring_ends[3] = {-1, -1, -1};
        MeasureId caring_arrivals[3] = {-1, -1, -1};
        MeasureId partner_carers = -1, partner_caring_starts = -1, partner_caring_ends = -1, carer_losses = -1;
        MeasureId partner_carer_arrivals = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.carers.enabled; }
    static constexpr std::tuple columns{&Population::carer};  // and flags: lost_carer
    static constexpr std::array slots{slot::caring, slot::partner_caring, slot::caring_hours};
    static constexpr std::array streams{
        StreamAddress{"base year: carers", RandomModule::base_states, RandomEvent::caring_start}};
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) { initialise_carers(people, population); }
    static void own_year(const YearContext&, PersonYear&, Population&, Tally&) {}        // sim/year_step.cpp
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}  // in pass 2
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        if (population.partner[i] != no_person) count(ids.partnered);
        const std::uint8_t carer = population.carer[i];
        if (carer) count(ids.carers[(carer & 3) - 1]);
        if (carer & partner_carer_bit) count(ids.partner_carers);
    }
};

}  // namespace carecast
