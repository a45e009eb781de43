#include "cohorts/carers/carers.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>

#include "cohorts/carers/carer_events.hpp"
#include "cohorts/modules.hpp"
#include "core/philox_batch.hpp"

namespace carecast {
namespace {

void stop_caring(const YearContext& c, std::size_t cell, std::uint8_t& carer, Tally& tally) {
    const auto& ids = c.ids;
    tally.add(ids.caring_ends[(carer & 3) - 1], cell);
    if (carer & partner_carer_bit) tally.add(ids.partner_caring_ends, cell);
    carer = 0;
}

void start_caring(const YearContext& c, std::size_t cell, std::uint8_t band, bool for_partner, std::uint8_t& carer,
                  Tally& tally) {
    const auto& ids = c.ids;
    carer = static_cast<std::uint8_t>(band | (for_partner ? partner_carer_bit : 0));
    tally.add(ids.caring_starts[band - 1], cell);
    if (for_partner) tally.add(ids.partner_caring_starts, cell);
}

/// Applies a run's carers' year (carer_events) to the population: person k of the run is index_of(k),
/// their caring draws drawn[k]. Everyone decided has the lost-carer flag cleared (it marks a loss in
/// this interval only); the few with events are counted at their cell at the end of the interval.
template <typename IndexOf>
void apply_carer_events(const YearContext& c, const CarerEvents& events, std::uint64_t decided,
                        const std::uint8_t* drawn, IndexOf index_of, Population& population, Tally& tally) {
    for (std::uint64_t people = decided; people != 0; people &= people - 1)
        population.flags[index_of(static_cast<std::size_t>(std::countr_zero(people)))] &=
            static_cast<std::uint8_t>(~lost_carer);
    const auto& ids = c.ids;
    const auto& grid = c.demography.grid;
    const std::uint64_t spells = events.stops | events.partner_starts | events.starts;
    for (std::uint64_t people = events.partnership_ends | events.carer_losses | spells; people != 0;
         people &= people - 1) {
        const auto k = static_cast<std::size_t>(std::countr_zero(people));
        const std::size_t i = index_of(k);
        const int age = population.age[i];
        const std::size_t cell = grid.cell(population.area[i], population.sex[i], std::min(age + 1, grid.max_age));
        if (events.partnership_ends >> k & 1) tally.add(ids.partnership_ends, cell);
        if (events.carer_losses >> k & 1) {
            population.flags[i] |= lost_carer;
            tally.add(ids.carer_losses, cell);
        }
        if (!(spells >> k & 1)) continue;
        if (events.stops >> k & 1) {
            stop_caring(c, cell, population.carer[i], tally);
            continue;
        }
        const bool for_partner = events.partner_starts >> k & 1;
        start_caring(c, cell, for_partner ? partner_hours_band(drawn[k]) : other_hours_band(drawn[k]), for_partner,
                     population.carer[i], tally);
    }
}

/// The carers' rates of the year.
CarerRates carer_rates(const YearContext& c) {
    return {c.cohorts.carer_start_in(c.interval), c.cohorts.age_count, &c.cohorts.config.carers};
}

}  // namespace

void partnered_carers_run(const YearContext& c, std::span<const std::uint32_t> who, Population& population,
                          const std::vector<std::uint8_t>& outcomes, const std::vector<std::uint8_t>& caring_draws,
                          Tally& tally) {
    const std::size_t n = who.size();
    assert(n <= 64);
    // Their columns side by side, and their partners' outcomes (anywhere in the population).
    std::array<std::uint8_t, 64> outcome, partner_outcome, carer, drawn;
    std::uint64_t has_partner = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = who[k];
        const std::uint32_t partner = population.partner[i];
        outcome[k] = outcomes[i];
        partner_outcome[k] = partner != no_person ? outcomes[partner] : 0;
        has_partner |= std::uint64_t{partner != no_person} << k;
        carer[k] = population.carer[i];
        drawn[k] = caring_draws[i];
    }
    const std::uint64_t everyone = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
    const CarerEvents events =
        carer_events({outcome.data(), partner_outcome.data(), carer.data(), drawn.data()}, everyone, has_partner, n);
    apply_carer_events(
        c, events, everyone, drawn.data(), [&](std::size_t k) { return who[k]; }, population, tally);
}

void draw_caring_run(const YearContext& c, std::size_t first, std::size_t n, const Population& population,
                     const std::uint8_t* outcomes, const DrawBlock::Block* draws, std::uint8_t* drawn) {
    caring_draws(carer_rates(c), {outcomes, &population.age[first], &population.sex[first], draws}, n, drawn);
}

void single_carers_run(const YearContext& c, std::size_t first, std::size_t n, Population& population,
                       const std::uint8_t* outcomes, const std::uint8_t* drawn, Tally& tally) {
    assert(n <= 64);
    // Single: no partner, and drew no partnership (couples_year pairs only those who did).
    std::uint64_t single = 0;
    for (std::size_t k = 0; k < n; ++k)
        single |= static_cast<std::uint64_t>((population.partner[first + k] == no_person) &
                                             !(outcomes[k] & forms_partnership))
                  << k;
    // Nobody has a partner: the vector path loads these, every use masked by has_partner (0).
    static constexpr std::array<std::uint8_t, 64> no_partners{};
    const CarerInputs run{outcomes, no_partners.data(), &population.carer[first], drawn};
    const CarerEvents events = carer_events(run, single, 0, n);
    apply_carer_events(
        c, events, single, drawn, [first](std::size_t k) { return first + k; }, population, tally);
}

void initialise_carers(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    const auto& cfg = rates.config.carers;
    if (!cfg.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    const std::vector<double> prevalence = carer_prevalence_in(rates, people.year);
    for_each_stream(
        key, people.year, RandomEvent::caring_start, population.key, people.begin, people.end,
        [&](std::size_t i) { return population.age[i] >= 16 && population.care_home[i] == 0; },
        [&](std::size_t i, DrawStream& stream) {
            const int age = population.age[i];
            const std::uint32_t partner = population.partner[i];
            const bool partner_needs_care =
                partner != no_person && population.dementia_years[partner] > 0 && population.care_home[partner] == 0;
            if (partner_needs_care && stream.uniform() < cfg.partner_becomes_carer_probability) {
                population.carer[i] =
                    static_cast<std::uint8_t>(hours_band(cfg.hours_partner, stream.uniform()) | partner_carer_bit);
                people.count(people.ids->caring_arrivals[(population.carer[i] & 3) - 1], i);
                people.count(people.ids->partner_carer_arrivals, i);
                return;
            }
            if (stream.uniform() < prevalence[rates.at(population.sex[i], age)]) {
                population.carer[i] = hours_band(shares_for_age(cfg, age), stream.uniform());
                people.count(people.ids->caring_arrivals[population.carer[i] - 1], i);
            }
        });
}

void CarersModule::register_measures(MeasureRegistry& r, Ids& m) {
    m.partnered =
        add_stock(r, "partnered", "people living with a partner at mid-year",
                  {"partnerships_formed", "partnered_arrivals"}, {"partnership_ends", "partnerships_dissolved"});
    m.partnered_arrivals = add_flow(
        r, "partnered_arrivals", "people moving in with a partner who moves in with them (counted for each partner)");
    m.partnership_ends = add_flow(
        r, "partnership_ends", "partnerships ended by death or departure of either partner (counted for each partner)");
    const char* bands[3] = {"1_19", "20_49", "50_plus"};
    const char* band_text[3] = {"1-19", "20-49", "50 or more"};
    for (int b = 0; b < 3; ++b) {
        const std::string band = bands[b];
        m.carers[b] =
            add_stock(r, "carers_" + band,
                      std::string("adults providing unpaid care, ") + band_text[b] + " hours a week, at mid-year",
                      {"caring_starts_" + band, "caring_arrivals_" + band}, {"caring_ends_" + band});
        m.caring_arrivals[b] = add_flow(
            r, "caring_arrivals_" + band,
            std::string("carers among those moving in at the end of the interval, ") + band_text[b] + " hours a week");
        m.caring_starts[b] = add_flow(r, "caring_starts_" + band,
                                      std::string("caring spells starting, ") + band_text[b] + " hours a week");
        m.caring_ends[b] =
            add_flow(r, "caring_ends_" + band, std::string("caring spells ending, ") + band_text[b] + " hours a week");
    }
    m.partner_carers = add_stock(r, "partner_carers", "carers caring for their partner with dementia, at mid-year",
                                 {"partner_caring_starts", "partner_carer_arrivals"}, {"partner_caring_ends"});
    m.partner_carer_arrivals =
        add_flow(r, "partner_carer_arrivals", "partner-carers of people with dementia among those moving in");
    m.partner_caring_starts =
        add_flow(r, "partner_caring_starts", "partners of people with dementia starting to care for them");
    m.partner_caring_ends = add_flow(r, "partner_caring_ends", "partner-carers stopping (death, moving, care home)");
    m.carer_losses = add_flow(r, "carer_losses", "people with dementia losing their partner-carer in the interval");
}

std::span<const ReportRow> CarersModule::report_rows() {
    static constexpr std::string_view carers = "carers_1_19 carers_20_49 carers_50_plus";
    static constexpr ReportRow rows[] = {
        {.id = "carers_adult",
         .label = "Adult unpaid carers",
         .theme = "carers",
         .unit = "people",
         .variables = carers,
         .min_age = 18,
         .headline = true},
        {.id = "carers_65_plus",
         .label = "Unpaid carers aged 65+",
         .theme = "carers",
         .unit = "people",
         .variables = carers,
         .min_age = 65},
        {.id = "carers_50_plus_hours",
         .label = "Carers caring 50+ hours a week",
         .theme = "carers",
         .unit = "people",
         .variables = "carers_50_plus",
         .min_age = 18},
        {.id = "partner_carers",
         .label = "Partners caring for a partner with dementia",
         .theme = "carers",
         .unit = "people",
         .variables = "partner_carers"},
    };
    return rows;
}

}  // namespace carecast
