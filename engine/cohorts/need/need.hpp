#pragma once
// Need for care (dependency), adults 18+: level 0 none, 1 IADL only, 2 ADL, 3 high. Each year a
// survivor may move up one level (onset, progression; more likely with dementia) or recover one level
// (from 1 or 2), with probabilities that keep each level's prevalence by age at the need table's
// (need_rates.hpp). Death depends on need (death_with_need; sim/leaving.hpp in the yearly step), and care-home
// admission and home care are drawn among people in need (level 2+).
//
// Reads: age, sex, dementia_years. Writes: need.
#include <algorithm>

#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
// RandomModule::couples block too (one Philox call serves both modules' decisions of an adult): a
// change of need level, adults 18+ (and 17, who reach 18).
inline constexpr SlotAddress need_change{"change of need level", RandomModule::couples, 2};
}  // namespace slot

/// Need levels, named by what a person needs help with.
enum class NeedLevel : std::uint8_t { none = 0, iadl = 1, adl = 2, high = 3 };

/// A care-home resident's death probability from the death probability q of their age, sex, dementia
/// state and need level: q times the home's relative risk rr (need.care_home_mortality_relative_risk),
/// at most 1. (sim/leaving.cpp's AVX-512 path computes the same in vectors.)
inline double resident_death_probability(double q, double rr) {
    return std::min(q * rr, 1.0);
}

/// Death probability in interval `interval` of person i: by age, sex, dementia state and need level;
/// as a care-home resident (`resident`), resident_death_probability.
double death_with_need(const CohortRates& rates, int interval, const Population& population, std::size_t i,
                       bool resident);

/// Share of people at `level` or above (1..3), given dementia, for a base-year draw or an arrival.
double need_at_least(const CohortRates& rates, int level, bool dementia, int sex, int age);

/// People reaching high need (level 3) in a year from level 2, per person at high need at the start, at
/// table index `at`, given dementia: the need table's share at exactly level 2 times its yearly rise,
/// over the share at level 3.
double high_need_entrants(const CohortRates& rates, std::size_t at, bool dementia);

/// Draws the need level of person i, of need_min_age or older, from the shares at their age, sex and
/// dementia with their stream of event `need` at the base year or the year they arrive.
void draw_need(const CohortRates& rates, DrawStream& stream, Population& population, std::size_t i);

/// Need levels of new people (the base year, or arrivals): drawn from the shares of their age, sex
/// and dementia (dementia is drawn first, BaseYearOrder).
void initialise_need(const NewPeople& people, Population& population);

/// A survivor's change of need level in the year (moves up, recovers or stays).
void need_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally);

/// The need module's declaration (cohorts/cohort_module.hpp).
struct NeedModule {
    static constexpr std::string_view name = "need";
    /// Need levels 1..3 at [level - 1]: people at the level, entries to it, leaves from it, arrivals at it.
    struct Ids {
        MeasureId need[3] = {-1, -1, -1}, need_entries[3] = {-1, -1, -1}, need_leaves[3] = {-1, -1, -1},
                  need_arrivals[3] = {-1, -1, -1};
    };
    static bool enabled(const CohortConfig& config) { return config.need.enabled; }
    static constexpr std::tuple columns{&Population::need};
    static constexpr std::array slots{slot::need_change};
    static constexpr std::array streams{StreamAddress{"base year: need", RandomModule::base_states, RandomEvent::need}};
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) { initialise_need(people, population); }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.left()) need_year(c, p, population, tally);
    }
    static void count_exit(const Ids& ids, const PersonYear& p, const Population& population, Tally& tally) {
        if (const int level = population.need[p.index]) tally.add(ids.need_leaves[level - 1], p.cell_end);
    }
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        if (const int level = population.need[i]) count(ids.need[level - 1]);
    }
};

}  // namespace carecast
