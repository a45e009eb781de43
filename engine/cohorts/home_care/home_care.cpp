#include "cohorts/home_care/home_care.hpp"

#include <algorithm>

#include "cohorts/modules.hpp"
#include "cohorts/need/need.hpp"
#include "core/philox_batch.hpp"

namespace carecast {

double home_care_start_probability(const CohortRates& rates, const Population& population, std::size_t i) {
    const std::size_t at = rates.at(population.sex[i], population.age[i]);
    if (!rates.config.need.enabled) return rates.home_care_start[at];
    if (population.need[i] < static_cast<int>(NeedLevel::adl)) return 0.0;
    // Per person at level 2+ at home (the need table's share of the people at home), so the mean over
    // everyone is the table's.
    const double at_risk = rates.need_at_least_at_home[1][at] * (1.0 - rates.need_in_care_homes[at]);
    return std::min(rates.home_care_start[at] / std::max(at_risk, 1e-6), 1.0);
}

void home_care_year(const YearContext& c, const PersonYear& p, bool at_home_at_end, Population& population,
                    Tally& tally) {
    const auto& rates = c.cohorts;
    const auto& h = rates.config.home_care;
    if (!h.enabled || p.age < 65) return;
    const auto& ids = c.ids;
    auto& flags = population.flags[p.index];
    const bool receiving = at_home_at_end && (flags & home_care);
    // One uniform decides the year's mutually exclusive events: stopping (for recipients), or a
    // reablement episode, or starting home care directly (for others).
    const double u = p.draws.uniform(slot::home_care);
    if (receiving) {
        if (u < h.home_care_stop_probability) {
            flags &= static_cast<std::uint8_t>(~home_care);
            tally.add(ids.home_care_ends, p.cell_end);
        }
        return;
    }
    const double reablement = (flags & fell) ? h.reablement_after_fall : rates.reablement[rates.at(p.sex, p.age)];
    const double start = home_care_start_probability(rates, population, p.index);
    if (u < reablement) {
        DrawStream stream(c.key(RandomModule::home_care), p.key, c.year, RandomEvent::reablement_outcome);
        const double outcome = stream.uniform();
        const auto days = 1 + static_cast<std::int32_t>(stream() % static_cast<unsigned>(h.reablement_max_days));
        tally.add(ids.reablement_episodes, p.cell_end);
        tally.add(ids.reablement_days, p.cell_end, days);
        // At home at the end of the interval stands for "at home 91 days after discharge" (an
        // approximation for episodes late in the year).
        if (at_home_at_end) tally.add(ids.reablement_at_home_91, p.cell_end);
        const bool ongoing = outcome >= h.no_ongoing_care_share;
        tally.add(!ongoing                                                   ? ids.reablement_no_ongoing
                  : outcome < h.no_ongoing_care_share + h.reduced_care_share ? ids.reablement_reduced
                                                                             : ids.reablement_ongoing,
                  p.cell_end);
        if (ongoing && at_home_at_end) {
            flags |= home_care;
            tally.add(ids.home_care_starts, p.cell_end);
        }
        return;
    }
    if (at_home_at_end && u < reablement + start) {
        flags |= home_care;
        tally.add(ids.home_care_starts, p.cell_end);
    }
}

void initialise_home_care(const NewPeople& people, Population& population) {
    const auto& demography = people.demography;
    const auto& rates = people.rates;
    const auto& h = rates.config.home_care;
    if (!h.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    // Deaths of the interval starting in their year (the last interval's after the horizon).
    const int interval =
        std::clamp(people.year - demography.base_year, 0, std::max(demography.interval_count() - 1, 0));
    for_each_stream(
        key, people.year, RandomEvent::home_care_start, population.key, people.begin, people.end,
        [&](std::size_t i) { return population.age[i] >= 65 && population.care_home[i] == 0; },
        [&](std::size_t i, DrawStream& stream) {
            const int sex = population.sex[i], age = population.age[i];
            const double starts = home_care_start_probability(rates, population, i) +
                                  rates.reablement[rates.at(sex, age)] * (1.0 - h.no_ongoing_care_share);
            const double leaves = h.home_care_stop_probability + demography.death(interval, sex, age) +
                                  rates.care_home_admission[rates.at(sex, age)];
            const double share = starts / (starts + leaves);
            if (stream.uniform() < share) {
                population.flags[i] |= home_care;
                people.count(people.ids->home_care_arrivals, i);
            }
        });
}

void HomeCareModule::register_measures(MeasureRegistry& r, Ids& m) {
    m.reablement_episodes = add_flow(r, "reablement_episodes", "reablement episodes starting in the interval");
    m.reablement_no_ongoing =
        add_flow(r, "reablement_no_ongoing_care", "reablement episodes ending with no ongoing care");
    m.reablement_reduced =
        add_flow(r, "reablement_reduced_care", "reablement episodes ending with a reduced care package");
    m.reablement_ongoing =
        add_flow(r, "reablement_ongoing_care", "reablement episodes ending with full ongoing home care");
    m.reablement_days =
        add_flow(r, "reablement_days", "days of reablement in episodes starting in the interval", "day");
    m.reablement_at_home_91 = add_flow(r, "reablement_at_home_91_days",
                                       "reablement episodes whose person is alive and at home 91 days after it ends");
    m.home_care = add_stock(r, "home_care", "people receiving domiciliary care at mid-year",
                            {"home_care_starts", "home_care_arrivals"}, {"home_care_ends"});
    m.home_care_arrivals =
        add_flow(r, "home_care_arrivals", "people receiving domiciliary care among those moving in (65+)");
    m.home_care_starts = add_flow(r, "home_care_starts", "starts of domiciliary care");
    m.home_care_ends =
        add_flow(r, "home_care_ends", "ends of domiciliary care (no longer needed, care home, died, moved away)");
}

std::span<const ReportRow> HomeCareModule::report_rows() {
    static constexpr ReportRow rows[] = {
        {.id = "reablement_episodes",
         .label = "Reablement episodes",
         .theme = "care_at_home",
         .unit = "episodes a year",
         .variables = "reablement_episodes"},
        {.id = "home_care",
         .label = "People receiving home care",
         .theme = "care_at_home",
         .unit = "people",
         .variables = "home_care",
         .headline = true},
        {.id = "home_care_65_plus",
         .label = "People aged 65+ receiving home care",
         .theme = "care_at_home",
         .unit = "people",
         .variables = "home_care",
         .min_age = 65},
    };
    return rows;
}

void HomeCareModule::read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics) {
    const auto& c = config.home_care;
    const AgeTableSpec probability;  // value in [0, 1]
    in.reablement = read_age_table(c.reablement_probability_csv, max_age, probability, diagnostics);
    in.home_care_start = read_age_table(c.home_care_start_probability_csv, max_age, probability, diagnostics);
}

void HomeCareModule::build_rates(const Inputs& in, const CohortConfig&, const DemographicRates& demography,
                                 Rates& rates) {
    rates.reablement = copy_table(in.reablement, demography.grid.age_count());
    rates.home_care_start = copy_table(in.home_care_start, demography.grid.age_count());
}

void HomeCareModule::change_rates(const RateChanges& changes, CohortConfig& config, Rates& rates) {
    auto& h = config.home_care;
    changes.scale_table(rates.reablement, REABLEMENT);
    changes.scale_value(h.reablement_after_fall, REABLEMENT);
    changes.scale_value(h.no_ongoing_care_share, REABLEMENT_NO_ONGOING_CARE, 1.0 - h.reduced_care_share);
    changes.scale_table(rates.home_care_start, HOME_CARE_START);
    changes.scale_value(h.home_care_stop_probability, HOME_CARE_STOP);
}

}  // namespace carecast
