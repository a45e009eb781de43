#include "cohorts/couples/couples.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <tbb/blocked_range.h>

#include "cohorts/modules.hpp"
#include "core/fresh_memory.hpp"
#include "core/parallel.hpp"
#include "core/person_blocks.hpp"
#include "core/philox_batch.hpp"
#include "io/csv_table.hpp"
#include "io/file_policy.hpp"

namespace carecast {
namespace {

/// How far from the target age the matching searches (years, either side), in the base year and after.
constexpr int max_age_search = 10;

/// The matching's search, in the base year and after: among the men still single, grouped in buckets
/// `base + age` (bucket b's are men[next[b]] .. men[bucket_end[b + 1] - 1]), the first at the age nearest
/// to `target` from `youngest` to ages - 1, at most max_age_search years away, the older first at equal
/// distance. Takes him (advances his bucket) and returns his position in men, or no_person if none.
std::uint32_t take_nearest(std::vector<std::uint32_t>& next, const std::vector<std::uint32_t>& bucket_end,
                           std::size_t base, int target, int youngest, int ages) {
    for (int offset = 0; offset <= max_age_search; ++offset)
        for (const int a : {target + offset, target - offset}) {
            if (a < youngest || a >= ages) continue;
            const std::size_t b = base + static_cast<std::size_t>(a);
            if (next[b] != bucket_end[b + 1]) return next[b]++;
        }
    return no_person;
}

}  // namespace

void initialise_couples(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    if (!rates.config.couples.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    const int n = rates.age_count;
    const auto ages = static_cast<std::size_t>(n);
    const std::size_t count = people.end - people.begin;
    const std::size_t blocks = block_count(count);
    // Whether each adult lives with a partner: their own draw, so drawn in parallel, block by block, each
    // block counting its partnered men by age and its partnered women.
    // Arrays of a few bytes a person, mapped cheaply (core/fresh_memory.hpp): faulting their pages in one by
    // one, in one thread, cost as much as the rest of this step.
    auto partnered = zeroed_array<std::uint8_t>(count);
    std::vector<std::uint32_t> men_at(blocks * ages, 0);  // [block][age]: counts, then where they go in `men`
    std::vector<std::uint32_t> women_in(blocks, 0);       // [block]: likewise, in `women`
    for_each_block(people.begin, people.end, [&](std::size_t b, std::size_t first, std::size_t last) {
        std::uint32_t* men = &men_at[b * ages];
        std::uint32_t women = 0;
        for_each_stream(
            key, people.year, RandomEvent::partnered, population.key, first, last,
            [&](std::size_t i) { return population.age[i] >= 18; },
            [&](std::size_t i, DrawStream& stream) {
                const int sex = population.sex[i], age = population.age[i];
                if (!(stream.uniform() < rates.partnered_share[rates.at(sex, age)])) return;
                partnered[i - people.begin] = 1;
                if (sex == static_cast<int>(Sex::male))
                    ++men[age];
                else
                    ++women;
            });
        women_in[b] = women;
    });
    // The matching's lists, as one pass in index order would make them: the partnered men grouped by age
    // (age_first[a] .. age_first[a + 1]), each age's in index order, and the partnered women in index order.
    std::vector<std::uint32_t> age_first(ages + 1, 0);
    std::uint32_t listed = 0;
    for (std::size_t a = 0; a < ages; ++a) {
        age_first[a] = listed;
        for (std::size_t b = 0; b < blocks; ++b) listed += std::exchange(men_at[b * ages + a], listed);
    }
    age_first[ages] = listed;
    auto men = zeroed_array<std::uint32_t>(listed);
    listed = 0;
    for (auto& first : women_in) listed += std::exchange(first, listed);
    auto women = zeroed_array<std::uint32_t>(listed);
    for_each_block(people.begin, people.end, [&](std::size_t b, std::size_t first, std::size_t last) {
        std::uint32_t* man = &men_at[b * ages];
        std::uint32_t woman = women_in[b];
        for (std::size_t i = first; i < last; ++i) {
            if (!partnered[i - people.begin]) continue;
            if (population.sex[i] == static_cast<int>(Sex::male))
                men[man[population.age[i]]++] = static_cast<std::uint32_t>(i);
            else
                women[woman++] = static_cast<std::uint32_t>(i);
        }
    });
    // The matching, serial: each woman in index order takes the first man still single at the nearest age
    // (searching outwards from the target, at most 10 years, older first); wife[k] is the woman men[k] married.
    std::vector<std::uint32_t> next(age_first.begin(), age_first.end() - 1);
    std::vector<std::uint32_t> wife;
    reserve_fresh(wife, men.size());
    wife.assign(men.size(), no_person);
    const int gap = static_cast<int>(std::lround(rates.config.couples.mean_age_gap));
    for (const std::uint32_t w : women)
        if (const std::uint32_t k =
                take_nearest(next, age_first, 0, std::clamp(population.age[w] + gap, 18, n - 1), 18, n);
            k != no_person)
            wife[k] = w;
    // Both links of every couple, and the counts (order-free sums), in parallel: each man has one wife.
    run_in_parallel(
        tbb::blocked_range<std::size_t>(0, men.size(), people_per_block),
        [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t k = r.begin(); k != r.end(); ++k) {
                const std::uint32_t w = wife[k], m = men[k];
                if (w == no_person) continue;
                population.partner[w] = m;
                population.partner[m] = w;
                people.count(people.ids->partnered_arrivals, w);
                people.count(people.ids->partnered_arrivals, m);
            }
        },
        tbb::simple_partitioner());
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
                  std::span<const std::uint32_t> changing, TallyPerThread& tallies) {
    const auto& config = c.cohorts.config.couples;
    if (config.formation_probability_csv.empty() && config.dissolution_probability_csv.empty()) return;
    const auto& grid = c.demography.grid;
    const auto& ids = c.ids;
    const int ages = grid.age_count();
    const int gap = static_cast<int>(std::lround(config.mean_age_gap));
    auto end_cell = [&](std::size_t i) {
        return grid.cell(population.area[i], population.sex[i], std::min<int>(population.age[i] + 1, grid.max_age));
    };
    // Someone forming a partnership: for a man, his (area, age) bucket; for a woman, her area's first
    // bucket and the age she looks for.
    struct Forming {
        std::uint32_t person;
        std::uint32_t bucket;
        int target = 0;
    };
    // Fixed chunks of `changing` (a constant, never the thread count): each chunk's lists, read in chunk
    // order, are in index order, as one pass would make them.
    constexpr std::size_t chunk = 4096;
    const std::size_t chunks = (changing.size() + chunk - 1) / chunk;
    std::vector<std::vector<Forming>> women_of(chunks), men_of(chunks);
    // Separations, drawn by the woman (both partners must still live at home at the end), and the lists of
    // those forming, in parallel: a separating woman and her partner are nobody else's partners, and
    // nobody forming a partnership has one.
    run_in_parallel(std::size_t{0}, chunks, [&](std::size_t k) {
        Tally& tally = tallies.local();
        for (const std::uint32_t i : changing.subspan(k * chunk, std::min(chunk, changing.size() - k * chunk))) {
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
            const auto area_base = static_cast<std::uint32_t>(population.area[i] * ages);
            if (population.sex[i] == static_cast<int>(Sex::female))
                women_of[k].push_back({i, area_base, std::clamp(population.age[i] + gap, min_formation_age, ages - 1)});
            else
                men_of[k].push_back({i, area_base + population.age[i]});
        }
    });
    // Men forming, grouped by (area, age) in index order (a counting sort); next[b] is the first still single.
    std::vector<std::uint32_t> bucket_end(grid.areas.size() * static_cast<std::size_t>(ages) + 1, 0);
    for (const auto& men : men_of)
        for (const Forming& m : men) ++bucket_end[m.bucket + 1];
    for (std::size_t b = 1; b < bucket_end.size(); ++b) bucket_end[b] += bucket_end[b - 1];
    std::vector<std::uint32_t> next(bucket_end.begin(), bucket_end.end() - 1);
    std::vector<std::uint32_t> men(bucket_end.back());
    {
        std::vector<std::uint32_t> fill = next;
        for (const auto& some : men_of)
            for (const Forming& m : some) men[fill[m.bucket]++] = m.person;
    }
    // The matching, serial, women in index order: nearest age with a man still single, searching outwards
    // from the target (older first). wife[k] is the woman men[k] is matched with; the few women left
    // unmatched are counted here.
    std::vector<std::uint32_t> wife(men.size(), no_person);
    Tally& serial_tally = tallies.local();
    for (const auto& some : women_of)
        for (const Forming& w : some) {
            const std::uint32_t k = take_nearest(next, bucket_end, w.bucket, w.target, min_formation_age, ages);
            if (k != no_person)
                wife[k] = w.person;
            else
                serial_tally.add(ids.partnership_unmatched, end_cell(w.person));
        }
    // The links of the new couples and the counts (order-free sums), in parallel: each man has one wife.
    run_in_parallel(tbb::blocked_range<std::size_t>(0, men.size(), chunk),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                        Tally& tally = tallies.local();
                        for (std::size_t k = r.begin(); k != r.end(); ++k) {
                            const std::uint32_t m = men[k], w = wife[k];
                            if (w == no_person) {
                                tally.add(ids.partnership_unmatched, end_cell(m));
                                continue;
                            }
                            population.partner[w] = m;
                            population.partner[m] = w;
                            tally.add(ids.partnerships_formed, end_cell(w));
                            tally.add(ids.partnerships_formed, end_cell(m));
                        }
                    });
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
