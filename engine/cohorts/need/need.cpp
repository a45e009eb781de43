#include "cohorts/need/need.hpp"

#include <algorithm>
#include <cassert>

#include "cohorts/dementia/dementia.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need_rates.hpp"
#include "core/philox_batch.hpp"

namespace carecast {

double death_with_need(const CohortRates& rates, int interval, const Population& population, std::size_t i,
                       bool resident) {
    const double q = rates.death(dementia_mortality_state(population.dementia_years[i]), population.need[i], interval,
                                 population.sex[i], population.age[i]);
    return resident ? resident_death_probability(q, rates.config.need.care_home_mortality_rr) : q;
}

double need_at_least(const CohortRates& rates, int level, bool dementia, int sex, int age) {
    if (age < need_min_age || level <= 0) return level <= 0 ? 1.0 : 0.0;
    const auto& shares = dementia ? rates.need_at_least_with_dementia : rates.need_at_least_without_dementia;
    return shares[static_cast<std::size_t>(level - 1)][rates.at(sex, age)];
}

double high_need_entrants(const CohortRates& rates, std::size_t at, bool dementia) {
    const auto& at_least = dementia ? rates.need_at_least_with_dementia : rates.need_at_least_without_dementia;
    const double high = at_least[2][at], adl = at_least[1][at] - high;
    return high > 0 ? adl * rates.need_up[rates.need_table_index(dementia, 2, at, rates.age_count)] / high : 0.0;
}

void draw_need(const CohortRates& rates, DrawStream& stream, Population& population, std::size_t i) {
    const int age = population.age[i];
    assert(age >= need_min_age);
    const double u = stream.uniform();
    const bool dementia = population.dementia_years[i] > 0;
    int level = 0;
    while (level < need_levels - 1 && u < need_at_least(rates, level + 1, dementia, population.sex[i], age)) ++level;
    population.need[i] = static_cast<std::uint8_t>(level);
}

void initialise_need(const NewPeople& people, Population& population) {
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    for_each_stream(
        key, people.year, RandomEvent::need, population.key, people.begin, people.end,
        [&](std::size_t i) { return population.age[i] >= need_min_age; },
        [&](std::size_t i, DrawStream& stream) {
            draw_need(people.rates, stream, population, i);
            if (const int level = population.need[i]; level > 0 && people.arriving)
                people.count(people.ids->need_arrivals[level - 1], i);
        });
}

void need_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
    if (p.age < need_min_age - 1) return;
    const auto& rates = c.cohorts;
    const int level = population.need[p.index];
    const bool dementia = population.dementia_years[p.index] > 0;
    // One uniform: up in [0, up), recovery in [1 - down, 1) (up <= 1 - down by construction). Where both
    // are 0 (level 0 recovers to nothing, the top level goes no higher) nothing moves: u is in (0, 1).
    const double up = rates.need_up[rates.need_table_index(dementia, level, rates.at(p.sex, p.age), rates.age_count)];
    const double down = rates.need_down[static_cast<std::size_t>(level)];
    const double u = p.adult.uniform(slot::need_change);
    const int next = u < up ? level + 1 : u >= 1.0 - down ? level - 1 : level;
    if (next == level) return;
    const auto& ids = c.ids;
    if (level > 0) tally.add(ids.need_leaves[level - 1], p.cell_end);
    if (next > 0) tally.add(ids.need_entries[next - 1], p.cell_end);
    population.need[p.index] = static_cast<std::uint8_t>(next);
}

void NeedModule::register_measures(MeasureRegistry& r, Ids& m) {
    const char* names[3] = {"iadl", "adl", "high"};
    const char* long_names[3] = {"needing help with instrumental activities of daily living only (need level 1)",
                                 "needing help with at least one activity of daily living (need level 2)",
                                 "with high need: help with several activities of daily living (need level 3)"};
    for (int k = 0; k < 3; ++k) {
        const std::string name = names[k];
        m.need[k] = add_stock(r, "need_" + name, std::string("people ") + long_names[k] + " at mid-year",
                              {"need_entries_" + name, "need_arrivals_" + name}, {"need_leaves_" + name});
        m.need_entries[k] = add_flow(r, "need_entries_" + name,
                                     "people reaching need level " + std::to_string(k + 1) + " from another level");
        m.need_arrivals[k] =
            add_flow(r, "need_arrivals_" + name, "people moving in at need level " + std::to_string(k + 1));
        m.need_leaves[k] =
            add_flow(r, "need_leaves_" + name,
                     "people leaving need level " + std::to_string(k + 1) + " (another level, death or moving away)");
    }
}

std::span<const ReportRow> NeedModule::report_rows() {
    static constexpr std::string_view theme = "need";
    static constexpr ReportRow rows[] = {
        {.id = "need_adl_65_plus",
         .label = "People 65+ needing help with at least one activity of daily living",
         .theme = theme,
         .unit = "people",
         .variables = "need_adl need_high",
         .min_age = 65,
         .headline = true},
        {.id = "need_high_65_plus",
         .label = "People 65+ with high need",
         .theme = theme,
         .unit = "people",
         .variables = "need_high",
         .min_age = 65},
        {.id = "need_any_65_plus",
         .label = "People 65+ needing help with any daily activity (IADL or ADL)",
         .theme = theme,
         .unit = "people",
         .variables = "need_iadl need_adl need_high",
         .min_age = 65},
        {.id = "need_adl_18_64",
         .label = "People 18-64 needing help with at least one activity of daily living",
         .theme = theme,
         .unit = "people",
         .variables = "need_adl need_high",
         .min_age = 18,
         .max_age = 64},
    };
    return rows;
}

}  // namespace carecast
