#include "cohorts/couples/couples.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

#include <tbb/blocked_range.h>

#include "cohorts/modules.hpp"
#include "core/parallel.hpp"
#include "io/csv_table.hpp"
#include "io/file_policy.hpp"

namespace carecast {

void initialise_couples(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    if (!rates.config.couples.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    const int n = rates.age_count;
    // Whether each adult lives with a partner: their own draw, so drawn in parallel; then listed in
    // index order for the matching.
    std::vector<std::uint8_t> partnered(people.end - people.begin, 0);
    run_in_parallel(
        tbb::blocked_range<std::size_t>(people.begin, people.end, people_per_block),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i != r.end(); ++i) {
                const int sex = population.sex[i], age = population.age[i];
                if (age < 18) continue;
                DrawStream stream(key, population.key[i], people.year, RandomEvent::partnered);
                partnered[i - people.begin] = stream.uniform() < rates.partnered_share[rates.at(sex, age)];
            }
        },
        tbb::simple_partitioner());
    std::vector<std::deque<std::uint32_t>> men(static_cast<std::size_t>(n));
    std::vector<std::uint32_t> women;
    for (std::size_t i = people.begin; i < people.end; ++i) {
        if (!partnered[i - people.begin]) continue;
        if (population.sex[i] == static_cast<int>(Sex::male))
            men[population.age[i]].push_back(static_cast<std::uint32_t>(i));
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
                people.count(people.ids->partnered_arrivals, w);
                people.count(people.ids->partnered_arrivals, m);
                matched = true;
                break;
            }
            if (matched) break;
        }
    }
}

namespace {

/// A couple separates with the probability of the woman's age: a row for men (or for both sexes, *)
/// would look as if it were read, so each is an error at its line.
void check_women_only(const std::filesystem::path& path, Diagnostics& diagnostics) {
    if (!is_regular_file_nothrow(path)) return;
    Diagnostics ignored;  // the table reader reports other problems once
    const auto csv = CsvTable::read(path, path.string(), ignored);
    const auto sex = csv.column("sex");
    if (!sex) return;
    for (const auto& row : csv.rows())
        if (row.fields[*sex] != "F")
            csv.report(row, *sex,
                       "'" + row.fields[*sex] +
                           "': a couple separates with the probability of the woman's age, so rows are for sex F "
                           "only",
                       diagnostics);
}

/// Youngest age at which a partnership forms after the base year.
constexpr int min_formation_age = 16;
/// How far from the target age the matching searches (years, either side), as in the base year.
constexpr int max_age_search = 10;

}  // namespace

void couples_own_year(const YearContext& c, PersonYear& p, const Population& population) {
    if (!p.at_home_at_end(population) || p.age < min_formation_age) return;
    const auto& r = c.cohorts;
    const std::size_t at = r.at(p.sex, p.age);
    if (population.partner[p.index] == no_person) {
        if (p.adult.bernoulli(slot::partnership_formation, r.partnership_formation[at])) p.outcome |= forms_partnership;
    } else if (p.sex == static_cast<int>(Sex::female) &&
               p.adult.bernoulli(slot::partnership_dissolution, r.partnership_dissolution[at])) {
        p.outcome |= separates;
    }
}

void couples_year(const YearContext& c, Population& population, const std::vector<std::uint8_t>& outcomes,
                  std::span<const std::uint32_t> changing, Tally& tally) {
    const auto& config = c.cohorts.config.couples;
    if (config.formation_probability_csv.empty() && config.dissolution_probability_csv.empty()) return;
    const auto& grid = c.demography.grid;
    const auto& ids = c.ids;
    const int ages = grid.age_count();
    auto end_cell = [&](std::size_t i) {
        return grid.cell(population.area[i], population.sex[i], std::min<int>(population.age[i] + 1, grid.max_age));
    };
    // Separations, drawn by the woman; both partners must still live at home at the end.
    std::vector<std::uint32_t> women;
    std::vector<std::uint32_t> bucket_end(grid.areas.size() * static_cast<std::size_t>(ages) + 1, 0);
    auto bucket = [&](std::size_t i) {
        return static_cast<std::size_t>(population.area[i]) * static_cast<std::size_t>(ages) + population.age[i];
    };
    std::vector<std::uint32_t> men_forming;  // in index order
    for (const std::uint32_t i : changing) {
        const std::uint8_t outcome = outcomes[i];
        if (outcome & separates) {
            const std::uint32_t partner = population.partner[i];
            if (partner != no_person && at_home_at_end(outcomes[partner])) {
                population.partner[i] = population.partner[partner] = no_person;
                tally.add(ids.partnerships_dissolved, end_cell(i));
                tally.add(ids.partnerships_dissolved, end_cell(partner));
            }
        }
        if (!(outcome & forms_partnership)) continue;
        if (population.sex[i] == static_cast<int>(Sex::female)) {
            women.push_back(i);
        } else {
            men_forming.push_back(i);
            ++bucket_end[bucket(i) + 1];
        }
    }
    // Men forming, grouped by (area, age) in index order (a counting sort); next[b] is the first still single.
    for (std::size_t b = 1; b < bucket_end.size(); ++b) bucket_end[b] += bucket_end[b - 1];
    std::vector<std::uint32_t> next(bucket_end.begin(), bucket_end.end() - 1);
    std::vector<std::uint32_t> men(bucket_end.back());
    {
        std::vector<std::uint32_t> fill = next;
        for (const std::uint32_t i : men_forming) men[fill[bucket(i)]++] = i;
    }
    const int gap = static_cast<int>(std::lround(config.mean_age_gap));
    for (const std::uint32_t w : women) {
        const std::size_t area_base = static_cast<std::size_t>(population.area[w]) * static_cast<std::size_t>(ages);
        const int target = std::clamp(population.age[w] + gap, min_formation_age, ages - 1);
        std::uint32_t m = no_person;
        // Nearest age with a man still single, searching outwards from the target (older first).
        for (int offset = 0; offset <= max_age_search && m == no_person; ++offset)
            for (const int a : {target + offset, target - offset}) {
                if (a < min_formation_age || a >= ages) continue;
                const std::size_t b = area_base + static_cast<std::size_t>(a);
                if (next[b] == bucket_end[b + 1]) continue;
                m = men[next[b]++];
                break;
            }
        if (m == no_person) {
            tally.add(ids.partnership_unmatched, end_cell(w));
            continue;
        }
        population.partner[w] = m;
        population.partner[m] = w;
        tally.add(ids.partnerships_formed, end_cell(w));
        tally.add(ids.partnerships_formed, end_cell(m));
    }
    for (std::size_t b = 0; b + 1 < bucket_end.size(); ++b)
        for (std::uint32_t k = next[b]; k < bucket_end[b + 1]; ++k)
            tally.add(ids.partnership_unmatched, end_cell(men[k]));
}

void CouplesModule::register_measures(MeasureRegistry& r, Ids& m) {
    m.partnerships_formed = add_flow(r, "partnerships_formed",
                                     "people forming a partnership after the base year (counted for each partner)");
    m.partnerships_dissolved = add_flow(r, "partnerships_dissolved",
                                        "people whose partnership ended in separation (counted for each partner)");
    m.partnership_unmatched =
        add_flow(r, "partnership_unmatched",
                 "people who drew partnership formation but found nobody of the other sex forming one in their area");
}

void CouplesModule::read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics) {
    const auto& c = config.couples;
    const AgeTableSpec probability;  // value in [0, 1]
    in.partnered_share = read_age_table(c.partnered_share_csv, max_age, probability, diagnostics);
    if (!c.formation_probability_csv.empty())
        in.partnership_formation = read_age_table(c.formation_probability_csv, max_age, probability, diagnostics);
    if (!c.dissolution_probability_csv.empty()) {
        in.partnership_dissolution = read_age_table(c.dissolution_probability_csv, max_age, probability, diagnostics);
        check_women_only(c.dissolution_probability_csv, diagnostics);
    }
}

void CouplesModule::build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                                Rates& rates) {
    const int ages = demography.grid.age_count();
    rates.partnered_share = copy_table(in.partnered_share, ages);
    rates.partnership_formation = copy_table(in.partnership_formation, ages);
    for (auto& p : rates.partnership_formation) p = std::min(1.0, p * config.couples.formation_multiplier);
    rates.partnership_dissolution = copy_table(in.partnership_dissolution, ages);
    for (auto& p : rates.partnership_dissolution) p = std::min(1.0, p * config.couples.dissolution_multiplier);
}

void CouplesModule::change_rates(const RateChanges&, CohortConfig&, Rates&) {}  // no Rate of its own

}  // namespace carecast
