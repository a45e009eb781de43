#include "cohorts/dementia/dementia.hpp"

#include <algorithm>

#include "cohorts/modules.hpp"
#include "core/philox_batch.hpp"

namespace carecast {

void dementia_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    const auto& rates = c.cohorts;
    if (!rates.config.dementia.enabled) return;
    const auto& ids = c.ids;
    auto& years = population.dementia_years[p.index];
    if (years == 0) {
        // New cases are diagnosed from the following year on (onset and diagnosis share a draw).
        if (p.draws.bernoulli(slot::onset_or_diagnosis, rates.dementia_incidence[rates.at(p.sex, p.age)])) {
            years = 1;
            tally.add(ids.dementia_onsets, p.cell_end);
        }
        return;
    }
    years = static_cast<std::uint8_t>(std::min(years + 1, 255));
    auto& flags = population.flags[p.index];
    if (!(flags & dementia_diagnosed) &&
        p.draws.bernoulli(slot::onset_or_diagnosis, rates.config.dementia.annual_diagnosis_probability)) {
        flags |= dementia_diagnosed;
        tally.add(ids.dementia_diagnoses, p.cell_end);
    }
}

void initialise_dementia(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    if (!rates.config.dementia.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    auto prevalence = [&](std::size_t i) {
        return rates.dementia_prevalence[rates.at(population.sex[i], population.age[i])];
    };
    for_each_stream(
        key, people.year, RandomEvent::onset, population.key, people.begin, people.end,
        [&](std::size_t i) { return !(prevalence(i) <= 0); },  // as `if (p <= 0) skip` read
        [&](std::size_t i, DrawStream& stream) {
            if (stream.uniform() >= prevalence(i)) return;
            // Years since onset of prevalent cases: 1 to 5 with equal probability (documented assumption).
            population.dementia_years[i] = static_cast<std::uint8_t>(1 + stream() % 5);
            people.count(people.ids->dementia_arrivals, i);
            if (stream.uniform() < rates.config.dementia.base_diagnosed_share) {
                population.flags[i] |= dementia_diagnosed;
                people.count(people.ids->dementia_diagnosed_arrivals, i);
            }
        });
}

void DementiaModule::register_measures(MeasureRegistry& r, Ids& m) {
    m.dementia = add_stock(r, "dementia", "people with dementia at mid-year", {"dementia_onsets", "dementia_arrivals"},
                           {"dementia_deaths", "dementia_emigrants"});
    m.dementia_onsets = add_flow(r, "dementia_onsets", "new cases of dementia (incidence) in the interval");
    m.dementia_deaths = add_flow(r, "dementia_deaths", "deaths of people with dementia in the interval");
    m.dementia_emigrants = add_flow(r, "dementia_emigrants", "people with dementia moving away in the interval");
    m.dementia_diagnosed =
        add_stock(r, "dementia_diagnosed", "people with diagnosed dementia (on a GP register) at mid-year",
                  {"dementia_diagnoses", "dementia_diagnosed_arrivals"}, {"dementia_diagnosed_exits"});
    m.dementia_arrivals =
        add_flow(r, "dementia_arrivals", "people with dementia among those moving in at the end of the interval");
    m.dementia_diagnosed_arrivals =
        add_flow(r, "dementia_diagnosed_arrivals",
                 "people with diagnosed dementia among those moving in at the end of the interval");
    m.dementia_diagnoses = add_flow(r, "dementia_diagnoses", "diagnoses of dementia in the interval");
    m.dementia_diagnosed_exits = add_flow(r, "dementia_diagnosed_exits",
                                          "deaths and departures of people with diagnosed dementia in the interval");
}

std::span<const ReportRow> DementiaModule::report_rows() {
    static constexpr ReportRow rows[] = {
        {.id = "dementia_65_plus",
         .label = "People aged 65+ with dementia",
         .theme = "dementia",
         .unit = "people",
         .variables = "dementia",
         .min_age = 65,
         .headline = true},
        {.id = "dementia_all_ages",
         .label = "People with dementia (all ages)",
         .theme = "dementia",
         .unit = "people",
         .variables = "dementia"},
        {.id = "dementia_diagnosed_65_plus",
         .label = "People aged 65+ with diagnosed dementia",
         .theme = "dementia",
         .unit = "people",
         .variables = "dementia_diagnosed",
         .min_age = 65},
        {.id = "dementia_onsets_65_plus",
         .label = "New cases of dementia, aged 65+",
         .theme = "dementia",
         .unit = "people a year",
         .variables = "dementia_onsets",
         .min_age = 65},
    };
    return rows;
}

}  // namespace carecast
