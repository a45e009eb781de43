#include "cohorts/carers.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace carecast {
namespace {

constexpr std::uint8_t partner_bit = 4;

/// Hours band 1..3 drawn from `shares` with a uniform u.
std::uint8_t hours_band(const HoursShares& shares, double u) {
    if (u < shares[0]) return 1;
    if (u < shares[0] + shares[1]) return 2;
    return 3;
}

const HoursShares& shares_for_age(const CarersConfig& c, int age) {
    return age >= 65 ? c.hours_65_plus : c.hours_under_65;
}

bool at_home_at_end(std::uint8_t outcome) {
    return (outcome & stays) && !(outcome & away_from_home);
}

void stop_caring(const YearContext& c, std::size_t cell, std::uint8_t& carer, Tally& tally) {
    const auto& ids = c.ids;
    tally.add(ids.caring_ends[(carer & 3) - 1], cell);
    if (carer & partner_bit) tally.add(ids.partner_caring_ends, cell);
    carer = 0;
}

void start_caring(const YearContext& c, std::size_t cell, std::uint8_t band, bool for_partner, std::uint8_t& carer,
                  Tally& tally) {
    const auto& ids = c.ids;
    carer = static_cast<std::uint8_t>(band | (for_partner ? partner_bit : 0));
    tally.add(ids.caring_starts[band - 1], cell);
    if (for_partner) tally.add(ids.partner_caring_starts, cell);
}

/// Caring spells of a person at home at the end of the interval.
void carer_transitions(const YearContext& c, std::size_t i, std::size_t cell, bool partner_present,
                       bool partner_has_dementia, const std::uint32_t* words, Population& population, Tally& tally) {
    const auto& cfg = c.cohorts.config.carers;
    const auto& rates = c.cohorts;
    auto& carer = population.carer[i];
    auto word = [words](Slot s) { return words[carer_word_index(s)]; };
    if (carer & partner_bit) {
        if (!partner_present) stop_caring(c, cell, carer, tally);
        return;
    }
    if (carer) {
        if (DrawBlock::bernoulli_from_word(word(Slot::caring), cfg.annual_stop_probability))
            stop_caring(c, cell, carer, tally);
        return;
    }
    const double hours = DrawBlock::uniform_from_word(word(Slot::caring_hours));
    if (partner_present && partner_has_dementia &&
        DrawBlock::bernoulli_from_word(word(Slot::partner_caring), cfg.partner_becomes_carer_probability)) {
        start_caring(c, cell, hours_band(cfg.hours_partner, hours), true, carer, tally);
        return;
    }
    const int age = population.age[i];
    if (age >= 16 &&
        DrawBlock::bernoulli_from_word(word(Slot::caring), rates.carer_start[rates.at(population.sex[i], age)]))
        start_caring(c, cell, hours_band(shares_for_age(cfg, age), hours), false, carer, tally);
}

}  // namespace

void carers_year(const YearContext& c, std::size_t i, Population& population, const std::vector<std::uint8_t>& outcomes,
                 const std::uint32_t* words, Tally& tally) {
    const auto& grid = c.demography.grid;
    const auto& ids = c.ids;
    const std::size_t cell =
        grid.cell(population.area[i], population.sex[i], std::min<int>(population.age[i] + 1, grid.max_age));
    const std::uint8_t outcome = outcomes[i];
    const std::uint32_t partner = population.partner[i];
    const bool partner_left = partner != no_person && !(outcomes[partner] & stays);
    if (partner != no_person && (!(outcome & stays) || partner_left)) tally.add(ids.partnership_ends, cell);
    auto& flags = population.flags[i];
    flags &= static_cast<std::uint8_t>(~lost_carer);
    if (!at_home_at_end(outcome)) {
        if (population.carer[i]) stop_caring(c, cell, population.carer[i], tally);
        return;
    }
    const bool partner_present = partner != no_person && at_home_at_end(outcomes[partner]);
    if (partner != no_person && (outcomes[partner] & was_partner_carer) && !partner_present) {
        flags |= lost_carer;
        tally.add(ids.carer_losses, cell);
    }
    carer_transitions(c, i, cell, partner_present, partner != no_person && (outcomes[partner] & had_dementia), words,
                      population, tally);
}

void initialise_couples(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                        Population& population) {
    if (!rates.config.couples.enabled) return;
    const StreamKey key{seed, replicate, RandomModule::base_states};
    const int n = rates.age_count;
    std::vector<std::deque<std::uint32_t>> men(static_cast<std::size_t>(n));
    std::vector<std::uint32_t> women;
    for (std::size_t i = 0; i < population.size(); ++i) {
        const int sex = population.sex[i], age = population.age[i];
        if (age < 18) continue;
        DrawStream stream(key, population.key[i], base_year, RandomEvent::partnered);
        if (stream.uniform() >= rates.partnered_share[rates.at(sex, age)]) continue;
        if (sex == static_cast<int>(Sex::male))
            men[static_cast<std::size_t>(age)].push_back(static_cast<std::uint32_t>(i));
        else
            women.push_back(static_cast<std::uint32_t>(i));
    }
    const int gap = static_cast<int>(std::lround(rates.config.couples.mean_age_gap));
    for (const std::uint32_t w : women) {
        const int target = std::clamp(population.age[w] + gap, 18, n - 1);
        // Nearest age with a man still single, searching outwards from the target (at most 10 years).
        for (int offset = 0; offset <= 10; ++offset) {
            const int ages[2] = {target + offset, target - offset};
            bool matched = false;
            for (int a : ages) {
                if (a < 18 || a >= n || men[static_cast<std::size_t>(a)].empty()) continue;
                const std::uint32_t m = men[static_cast<std::size_t>(a)].front();
                men[static_cast<std::size_t>(a)].pop_front();
                population.partner[w] = m;
                population.partner[m] = w;
                matched = true;
                break;
            }
            if (matched) break;
        }
    }
}

void initialise_carers(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                       Population& population) {
    const auto& cfg = rates.config.carers;
    if (!cfg.enabled) return;
    const StreamKey key{seed, replicate, RandomModule::base_states};
    for (std::size_t i = 0; i < population.size(); ++i) {
        const int age = population.age[i];
        if (age < 16 || population.care_home[i] != 0) continue;
        DrawStream stream(key, population.key[i], base_year, RandomEvent::caring_start);
        const std::uint32_t partner = population.partner[i];
        const bool partner_needs_care =
            partner != no_person && population.dementia_years[partner] > 0 && population.care_home[partner] == 0;
        if (partner_needs_care && stream.uniform() < cfg.partner_becomes_carer_probability) {
            population.carer[i] =
                static_cast<std::uint8_t>(hours_band(cfg.hours_partner, stream.uniform()) | partner_bit);
            continue;
        }
        if (stream.uniform() < rates.carer_prevalence[rates.at(population.sex[i], age)])
            population.carer[i] = hours_band(shares_for_age(cfg, age), stream.uniform());
    }
}

}  // namespace carecast
