#include "cohorts/carers/carers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "cohorts/carers/single_carer_events.hpp"
#include "cohorts/modules.hpp"
#include "core/philox_batch.hpp"

namespace carecast {
namespace {

/// Hours band 1..3 drawn from `shares` with a uniform u.
std::uint8_t hours_band(const HoursShares& shares, double u) {
    if (u < shares[0]) return 1;
    if (u < shares[0] + shares[1]) return 2;
    return 3;
}

const HoursShares& shares_for_age(const CarersConfig& c, int age) {
    return age >= 65 ? c.hours_65_plus : c.hours_under_65;
}

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

/// Caring spells of a person at home at the end of the interval.
void carer_transitions(const YearContext& c, std::size_t i, std::size_t cell, bool partner_present,
                       bool partner_has_dementia, const std::uint32_t* words, Population& population, Tally& tally) {
    const auto& cfg = c.cohorts.config.carers;
    const auto& rates = c.cohorts;
    auto& carer = population.carer[i];
    auto word = [words](const SlotAddress& s) { return words[carer_word_index(s)]; };
    if (carer & partner_carer_bit) {
        if (!partner_present) stop_caring(c, cell, carer, tally);
        return;
    }
    if (carer) {
        if (DrawBlock::bernoulli_from_word(word(slot::caring), cfg.annual_stop_probability))
            stop_caring(c, cell, carer, tally);
        return;
    }
    const double hours = DrawBlock::uniform_from_word(word(slot::caring_hours));
    if (partner_present && partner_has_dementia &&
        DrawBlock::bernoulli_from_word(word(slot::partner_caring), cfg.partner_becomes_carer_probability)) {
        start_caring(c, cell, hours_band(cfg.hours_partner, hours), true, carer, tally);
        return;
    }
    const int age = population.age[i];
    if (age >= first_caring_age &&
        DrawBlock::bernoulli_from_word(word(slot::caring), rates.carer_start_at(c.interval, population.sex[i], age)))
        start_caring(c, cell, hours_band(shares_for_age(cfg, age), hours), false, carer, tally);
}

/// Person i's year in the carers module, from their outcome and their partner's (null: no partner).
void year_of(const YearContext& c, std::size_t i, Population& population, std::uint8_t outcome,
             const std::uint8_t* partner_outcome, const std::uint32_t* words, Tally& tally) {
    const auto& grid = c.demography.grid;
    const auto& ids = c.ids;
    const std::size_t cell =
        grid.cell(population.area[i], population.sex[i], std::min<int>(population.age[i] + 1, grid.max_age));
    const bool partner_left = partner_outcome && !(*partner_outcome & stays);
    if (partner_outcome && (!(outcome & stays) || partner_left)) tally.add(ids.partnership_ends, cell);
    auto& flags = population.flags[i];
    flags &= static_cast<std::uint8_t>(~lost_carer);
    if (!at_home_at_end(outcome)) {
        if (population.carer[i]) stop_caring(c, cell, population.carer[i], tally);
        return;
    }
    const bool partner_present = partner_outcome && at_home_at_end(*partner_outcome);
    if (partner_outcome && (*partner_outcome & was_partner_carer) && !partner_present) {
        flags |= lost_carer;
        tally.add(ids.carer_losses, cell);
    }
    carer_transitions(c, i, cell, partner_present, partner_outcome && (*partner_outcome & had_dementia), words,
                      population, tally);
}

}  // namespace

void carers_year(const YearContext& c, std::size_t i, Population& population, const std::vector<std::uint8_t>& outcomes,
                 const std::uint32_t* words, Tally& tally) {
    const std::uint32_t partner = population.partner[i];
    year_of(c, i, population, outcomes[i], partner != no_person ? &outcomes[partner] : nullptr, words, tally);
}

void single_carers_run(const YearContext& c, std::size_t first, std::size_t n, Population& population,
                       const std::uint8_t* outcomes, const DrawBlock::Block* draws, Tally& tally) {
    const auto& rates = c.cohorts;
    const auto& cfg = rates.config.carers;
    const SingleCarerRates run_rates{rates.carer_start_in(c.interval), rates.age_count, cfg.annual_stop_probability};
    const SingleCarerInputs run{
        outcomes, &population.partner[first], &population.carer[first], &population.age[first], &population.sex[first],
        draws};
    const SingleCarerEvents events = single_carer_events(run_rates, run, n);
    // year_of's other effects on a single person: the lost-carer flag cleared (it marks a loss in this
    // interval only), then their stop or start, counted at their cell at the end of the interval.
    for (std::uint64_t single = events.single; single != 0; single &= single - 1)
        population.flags[first + static_cast<std::size_t>(std::countr_zero(single))] &=
            static_cast<std::uint8_t>(~lost_carer);
    const auto& grid = c.demography.grid;
    for (std::uint64_t changes = events.stops | events.starts; changes != 0; changes &= changes - 1) {
        const auto k = static_cast<std::size_t>(std::countr_zero(changes));
        const std::size_t i = first + k;
        const int age = population.age[i];
        const std::size_t cell = grid.cell(population.area[i], population.sex[i], std::min(age + 1, grid.max_age));
        if (events.stops >> k & 1) {
            stop_caring(c, cell, population.carer[i], tally);
        } else {
            const double hours = DrawBlock::uniform_from_word(DrawBlock::word_of(draws[k], slot::caring_hours.word));
            start_caring(c, cell, hours_band(shares_for_age(cfg, age), hours), false, population.carer[i], tally);
        }
    }
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
