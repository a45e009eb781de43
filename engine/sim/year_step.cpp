#include "sim/year_step.hpp"

#include "sim/leaving.hpp"
#include "sim/run_split.hpp"
#include "sim/year_rates.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <span>
#include <type_traits>
#include <utility>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <boost/random/bernoulli_distribution.hpp>

#include "cohorts/exits.hpp"
#include "cohorts/modules.hpp"
#include "core/append_by_cell.hpp"
#include "core/fresh_memory.hpp"
#include "core/keep_marked.hpp"
#include "core/parallel.hpp"
#include "core/person_blocks.hpp"
#include "core/person_key.hpp"
#include "core/philox_batch.hpp"

namespace carecast {
namespace {

/// The ages at which a woman draws the birth word of her births block (a birth probability above 0 in
/// the interval): RunSplitRule::birth_ages.
std::array<std::uint8_t, 256> birth_ages(const YearContext& c) {
    std::array<std::uint8_t, 256> ages{};
    for (int age = 0; age <= c.demography.grid.max_age; ++age)
        ages[static_cast<std::size_t>(age)] = c.demography.birth(c.interval, age) > 0;
    return ages;
}

/// Births to a woman alive at the start of the year, of `age` and `area`, whose key is `key` and whose
/// births block is `her_block` (computed ahead for the women at ages with births: BlocksAhead); returns
/// the newborn's Outcome bits.
std::uint8_t births(const YearContext& c, std::uint64_t key, int age, int area, Tally& tally,
                    const DrawBlock::Block& her_block) {
    static_assert(slot::birth.module == RandomModule::births);  // her_block's module
    const auto& rates = c.demography;
    const auto& ids = c.ids;
    if (!DrawBlock::bernoulli_from_word(DrawBlock::word_of(her_block, slot::birth.word), rates.birth(c.interval, age)))
        return 0;
    DrawBlock child(c.key(RandomModule::births), newborn_key(key, c.year + 1), c.year);
    const int child_sex = child.bernoulli(slot::child_sex, rates.probability_male_at_birth)
                              ? static_cast<int>(Sex::male)
                              : static_cast<int>(Sex::female);
    const std::size_t cell = rates.grid.cell(static_cast<std::size_t>(area), child_sex, 0);
    tally.add(ids.births, cell);
    if (child.bernoulli(slot::child_death, rates.newborn_death(c.interval, child_sex))) {
        tally.add(ids.deaths, cell);
        return 0;
    }
    if (child.bernoulli(slot::child_emigration, rates.emigration(child_sex, 0))) {
        tally.add(ids.emigrants, cell);
        return 0;
    }
    return static_cast<std::uint8_t>(newborn_stays | (child_sex == static_cast<int>(Sex::male) ? newborn_male : 0));
}

/// Who leaves in the year (at most one of the two).
struct Leaving {
    bool died = false, emigrated = false;
};

/// From one uniform u in (0, 1), the word of slot::death_or_emigration: death with probability q, else
/// emigration with probability e (so q + (1 - q) e). Where q <= 0 and e <= 0 no u decides anything, so
/// the word is read for everyone (it is computed ahead: BlocksAhead).
Leaving death_or_emigration(double q, double e, double u) {
    const bool died = u < q;
    return {died, !died && u < q + (1 - q) * e};
}

/// People at a time whose decision blocks the passes compute ahead (decision_blocks): enough for the
/// batch's vectors, few enough for their blocks to stay in L1 (2 KiB a module).
constexpr std::size_t ahead_run = 64;

/// Decision blocks of a run of at most ahead_run people, computed together before their years.
class BlocksAhead {
public:
    /// People [first, last): their demography blocks, and the births, couples and social blocks of those
    /// `rule` says draw them (split_run).
    void compute(const YearContext& c, const Population& population, std::size_t first, std::size_t last,
                 const RunSplitRule& rule) {
        const std::size_t n = last - first;
        split_run(rule, &population.sex[first], &population.age[first], &population.key[first], n, split_);
        // Together: each module's last few people share a vector with another's.
        const DecisionBlocksRequest requests[] = {
            {c.key(RandomModule::demography), {&population.key[first], n}, draws_.data()},
            {c.key(RandomModule::couples), {split_.adult_keys.data(), split_.adult_count}, adult_.data()},
            {c.key(RandomModule::births), {split_.birth_keys.data(), split_.birth_count}, births_.data()},
            {c.key(RandomModule::social), {split_.social_keys.data(), split_.social_count}, social_.data()}};
        decision_blocks_together(c.year, requests);
    }
    /// Person k of the run's blocks (k counted from `first`); null where not computed.
    const DrawBlock::Block* draws_of(std::size_t k) const { return &draws_[k]; }
    const DrawBlock::Block* adult_of(std::size_t k) const { return slot(adult_, split_.adult_slot[k]); }
    const DrawBlock::Block* births_of(std::size_t k) const { return slot(births_, split_.births_slot[k]); }
    const DrawBlock::Block* social_of(std::size_t k) const { return slot(social_, split_.social_slot[k]); }

private:
    static_assert(ahead_run == run_capacity);
    static const DrawBlock::Block* slot(const std::array<DrawBlock::Block, ahead_run>& blocks, std::uint8_t j) {
        return j == RunSplit::none ? nullptr : &blocks[j];
    }
    RunSplit split_;
    std::array<DrawBlock::Block, ahead_run> draws_;   // RandomModule::demography, everyone's
    std::array<DrawBlock::Block, ahead_run> adult_;   // RandomModule::couples, of the adults in person order
    std::array<DrawBlock::Block, ahead_run> births_;  // RandomModule::births, of those who draw births, likewise
    std::array<DrawBlock::Block, ahead_run> social_;  // RandomModule::social, of those at SEND ages, likewise
};

/// Who leaves in the year for a run of people [first, last) whose demography blocks `ahead` holds, in a
/// model without the need module (with it: need_leaving, sim/leaving.hpp), into leaving[k] (k counted
/// from first): left_by_death, left_by_emigration or 0; 0 for a care-home resident, whose stay's drawn
/// length decides instead (care_home_year_for_resident). One loop over the run before their years, the
/// model's choice (dementia) outside it.
template <bool Dementia>
void leaving_without_need(const YearContext& c, const Population& population, std::size_t first, std::size_t last,
                          const BlocksAhead& ahead, std::uint8_t* leaving) {
    const auto& grid = c.demography.grid;
    for (std::size_t i = first; i < last; ++i) {
        const std::size_t k = i - first;
        if (population.care_home[i] != 0) {
            leaving[k] = 0;
            continue;
        }
        const int sex = population.sex[i], age = population.age[i];
        const double q =
            Dementia ? c.cohorts.death(dementia_mortality_state(population.dementia_years[i]), c.interval, sex, age)
                     : c.demography.death(c.interval, sex, age);
        const Leaving l = death_or_emigration(
            q, c.demography.emigration(sex, std::min(age + 1, grid.max_age)),
            DrawBlock::uniform_from_word(DrawBlock::word_of(*ahead.draws_of(k), slot::death_or_emigration.word)));
        leaving[k] = static_cast<std::uint8_t>((l.died ? left_by_death : 0) | (l.emigrated ? left_by_emigration : 0));
    }
}

/// Counts person i into the stocks they are in (at mid-year, before their year): the population, and
/// with cohort modules each module's.
template <bool Cohorts>
void count_person_stocks(const MeasureIds& ids, const Population& population, std::size_t i, const StockCount& count) {
    count(ids.population);
    if constexpr (Cohorts) CohortModules::for_each([&]<typename M>() { M::count_stocks(ids, population, i, count); });
}

/// Pass 1: the person's own year: the stocks they are in at its start counted first (c.count_stocks: the first
/// year's; account_stocks derives the others); a resident's stay, or death and emigration (`leaving`,
/// decided for the run before: sim/leaving.hpp); births; then every enabled module in OwnYearOrder (the
/// caring year of people without a partner follows for the whole run: single_carers_run). Returns their
/// Outcome bits.
std::uint8_t own_year(const YearContext& c, std::size_t i, Population& population, Tally& tally,
                      const BlocksAhead& ahead, std::size_t k, std::uint8_t leaving) {
    PersonYear p(c, i, population, population.care_home[i] != 0, ahead.draws_of(k), ahead.adult_of(k),
                 ahead.social_of(k));
    if (c.count_stocks) count_person_stocks<true>(c.ids, population, i, tally.stock_count(p.cell_start));
    std::uint8_t outcome = (population.carer[i] & partner_carer_bit) ? was_partner_carer : 0;
    const bool need = c.config.need.enabled;
    if (p.resident && !need) {
        care_home_year_for_resident(c, p, population, tally);  // the stay's drawn length decides
    } else {
        p.died = leaving & left_by_death;
        p.emigrated = leaving & left_by_emigration;
        if (p.left()) count_exit(c, p, population, tally);
        if (p.resident) care_home_year_with_need(c, p, population, tally);  // the day of death, or a discharge
    }
    if (const DrawBlock::Block* births_block = ahead.births_of(k))  // women at ages with births only
        outcome |= births(c, p.key, p.age, p.area, tally, *births_block);
    OwnYearOrder::for_each([&]<typename M>() {
        if (is_enabled<M>(c.config)) M::own_year(c, p, population, tally);
    });
    outcome |= p.outcome;
    if (!p.left()) outcome |= stays;
    if (!p.at_home_at_end(population)) outcome |= away_from_home;
    if (population.dementia_years[i] > 0) outcome |= had_dementia;
    return outcome;
}

/// Pass 1 without cohort modules, for a run of people [first, last) whose blocks `ahead` holds: own_year's
/// demography alone (the population stock, death or emigration, births), read from the demography's
/// columns (the population holds no others: columns_in_use) without a PersonYear, whose other blocks and
/// cells the demographic core never uses. Writes their Outcome bits to `outcomes`. The rates are read
/// from their tables directly, the cell and the death and emigration indices computed once a person,
/// and the blocks' words without DrawBlock objects.
void demographic_run(const YearContext& c, const Population& population, std::size_t first, std::size_t last,
                     Tally& tally, const BlocksAhead& ahead, std::uint8_t* outcomes) {
    static_assert(slot::death_or_emigration.module == RandomModule::demography);  // ahead.draws_of's block
    const auto& rates = c.demography;
    const auto& grid = rates.grid;
    const std::size_t ages = static_cast<std::size_t>(grid.age_count());
    const double* death = &rates.death_probability[static_cast<std::size_t>(c.interval) * sex_count * ages];
    const double* emigration = rates.emigration_probability.data();
    assert(c.ids.population >= 0);  // registered with the demography, always
    const auto population_id = static_cast<std::size_t>(c.ids.population);
    for (std::size_t i = first; i < last; ++i) {
        const std::size_t k = i - first;
        const int sex = population.sex[i], age = population.age[i];
        assert(age <= grid.max_age);
        const std::size_t sex_age = static_cast<std::size_t>(sex) * ages + static_cast<std::size_t>(age);
        const std::size_t area = population.area[i];
        const std::size_t cell = area * sex_count * ages + sex_age;  // grid.cell(area, sex, age)
        assert(cell == grid.cell(area, sex, age));
        if (c.count_stocks) ++tally.row(cell)[population_id];  // count_person_stocks<false>
        const std::size_t older = age < grid.max_age;          // the cells at the end of the year are one age on
        assert(death[sex_age] == rates.death(c.interval, sex, age));
        assert(emigration[sex_age + older] == rates.emigration(sex, std::min(age + 1, grid.max_age)));
        const Leaving leaving = death_or_emigration(
            death[sex_age], emigration[sex_age + older],
            DrawBlock::uniform_from_word(DrawBlock::word_of(*ahead.draws_of(k), slot::death_or_emigration.word)));
        const bool left = leaving.died || leaving.emigrated;
        if (left) count_demographic_exit(c.ids, leaving.died, cell + older, tally);
        std::uint8_t outcome = left ? away_from_home : stays;
        if (const DrawBlock::Block* births_block = ahead.births_of(k))  // women at ages with births only
            outcome |= births(c, population.key[i], age, static_cast<int>(area), tally, *births_block);
        outcomes[i] = outcome;
    }
}

/// Runs `body(first, last, tally)` for runs [first, last) of at most ahead_run people, covering
/// everyone, block by block (for_each_block), in parallel.
template <typename Body>
void for_each_run(std::size_t n, TallyPerThread& tallies, std::atomic<std::uint64_t>* done, Body&& body) {
    for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
        Tally& tally = tallies.local();
        for (std::size_t first = begin; first < end; first += ahead_run)
            body(first, std::min(first + ahead_run, end), tally);
        if (done) done->fetch_add(end - begin, std::memory_order_relaxed);
    });
}

/// Sums the threads' tallies into `counts` (integer sums: order-free): flows at the interval, stocks at
/// the year it starts (the same slot), and appends completed stays, sorted so their order cannot depend
/// on the threads.
void combine(const Model& model, int interval, TallyPerThread& tallies, ReplicateCounts& counts) {
    const std::size_t cells = model.demography.grid.cell_count();
    const auto offset = static_cast<std::size_t>(interval) * cells;
    std::vector<CompletedStay> stays;
    tallies.combine_each([&](const Tally& t) {
        for (std::size_t m = 0; m < counts.values.size(); ++m)
            for (std::size_t cell = 0; cell < cells; ++cell)
                counts.values[m][offset + cell] += t.count(static_cast<MeasureId>(m), cell);
        stays.insert(stays.end(), t.stays.begin(), t.stays.end());
    });
    std::sort(stays.begin(), stays.end(), [](const CompletedStay& a, const CompletedStay& b) {
        return std::tie(a.type, a.days) < std::tie(b.type, b.days);
    });
    counts.stays.insert(counts.stays.end(), stays.begin(), stays.end());
}

/// Gives new people [people.begin, people.end) their first states: every enabled module in BaseYearOrder,
/// one whose initialise decides each person alone (InitialisesPerPerson) on blocks of them in parallel,
/// so `people.count` must be safe to call from several threads at once.
void initialise_new_people(const CohortConfig& config, const NewPeople& people, Population& population) {
    BaseYearOrder::for_each([&]<typename M>() {
        if (!is_enabled<M>(config)) return;
        if constexpr (InitialisesPerPerson<M>) {
            for_each_block(people.begin, people.end, [&](std::size_t, std::size_t first, std::size_t last) {
                NewPeople block = people;
                block.begin = first;
                block.end = last;
                M::initialise(block, population);
            });
        } else {
            M::initialise(people, population);
        }
    });
}

/// The first cohort states of one area's arrivals [begin, end), drawn by every enabled
/// module in BaseYearOrder from the prevalence of their age and sex in the year they arrive (the
/// `initialise` hook, cohorts/cohort_module.hpp): people moving in are as likely to have dementia, care
/// or hold an EHC plan as people of their age and sex already living there, and partner each other.
void initialise_arrivals(const YearContext& c, std::span<const double> ehc_growth, Population& population,
                         std::size_t begin, std::size_t end, ReplicateCounts& counts) {
    if (begin == end) return;
    const auto& grid = c.demography.grid;
    const auto offset = static_cast<std::size_t>(c.interval) * grid.cell_count();
    // Arrivals into a stock are counted like the immigrants themselves: at their cell, in this interval
    // (atomically: blocks of arrivals are initialised in parallel; integer sums, so order-free).
    auto count = [&](MeasureId id, std::size_t i) {
        std::atomic_ref(counts.values[static_cast<std::size_t>(id)]
                                     [offset + grid.cell(population.area[i], population.sex[i], population.age[i])])
            .fetch_add(1, std::memory_order_relaxed);
    };
    const NewPeople people{c.demography, c.cohorts, c.seed,     c.replicate, c.year + 1, begin,
                           end,          true,      ehc_growth, &c.ids,      count};
    initialise_new_people(c.config, people, population);
}

/// Arrivals in each cell: the expected count rounded up or down at random so that the mean is exact;
/// then their cohort states, area by area. Every area's arrivals are appended (append_by_cell) before
/// any area's are initialised.
void add_immigrants(const YearContext& c, std::span<const double> ehc_growth, Population& next,
                    ReplicateCounts& counts) {
    const auto& rates = c.demography;
    const auto& grid = rates.grid;
    const std::size_t cells = grid.cell_count();
    const auto offset = static_cast<std::size_t>(c.interval) * cells;
    std::vector<std::uint32_t> arrivals(cells, 0);
    for (std::size_t cell = 0; cell < cells; ++cell) {
        const double expected = rates.expected_immigrants[cell];
        if (expected <= 0) continue;
        const double whole = std::floor(expected);
        const auto [area, sex, age] = grid.address(cell);
        const std::uint64_t key =
            cell_key(area_key(grid.areas[area]), static_cast<std::uint32_t>(sex), static_cast<std::uint32_t>(age));
        arrivals[cell] =
            static_cast<std::uint32_t>(whole) +
            (c.draw(RandomModule::immigration, key, RandomEvent::immigrant_arrivals, expected - whole) ? 1u : 0u);
        counts.values[static_cast<std::size_t>(c.ids.immigrants)][offset + cell] +=
            static_cast<std::int32_t>(arrivals[cell]);
    }
    const int year = c.year + 1;  // of the mid-year they arrive at
    const std::vector<std::size_t> first_of = append_by_cell(
        grid, arrivals,
        [year](std::uint32_t area, std::uint32_t sex, std::uint32_t age, std::uint32_t k) {
            return immigrant_key(year, area, sex, age, k);
        },
        next);
    if (any_cohort_enabled(c.config))
        for (std::size_t area = 0; area < grid.areas.size(); ++area)
            initialise_arrivals(c, ehc_growth, next, first_of[grid.cell(area, 0, 0)],
                                first_of[grid.cell(area + 1, 0, 0)], counts);  // the next area's first cell
}

/// The blocks' lists of people, one after the other: every person in index order.
std::vector<std::uint32_t> in_index_order(const std::vector<std::vector<std::uint32_t>>& per_block) {
    std::size_t total = 0;
    for (const auto& some : per_block) total += some.size();
    std::vector<std::uint32_t> all;
    all.reserve(total);
    for (const auto& some : per_block) all.insert(all.end(), some.begin(), some.end());
    return all;
}

/// At most the number of immigrants add_immigrants can bring: each cell's expected count rounded up.
std::size_t most_immigrants(const DemographicRates& rates) {
    std::size_t most = 0;
    for (const double expected : rates.expected_immigrants)
        if (expected > 0) most += static_cast<std::size_t>(std::ceil(expected));
    return most;
}

/// Sizes a scratch array kept from year to year (a byte per person, the newborns' list) to n entries
/// without copying it when it must grow: every pass writes an entry before reading it, so the old
/// contents need not move; 1/16 to spare so
/// that the yearly growth of the population rarely reallocates.
template <typename T>
void size_scratch(std::vector<T>& scratch, std::size_t n) {
    if (scratch.capacity() < n) {
        scratch.clear();
        scratch.shrink_to_fit();
        reserve_fresh(scratch, n + n / 16);  // mapped cheaply, by the threads side by side
    }
    scratch.resize(n);
}

/// Survivors, one year older, moved down in place (their order kept), then the newborns appended;
/// partner indices remapped to the new positions. Everything runs in parallel: over fixed blocks of
/// people (whole groups of 64, as SurvivorIndex keeps them) each block's survivors and newborns are
/// counted, their offsets summed in block order, then each block marks its survivors and lists its
/// newborns at its offsets, so the result is the same as one pass in index order; then the columns, one
/// per thread, keep their marked elements (keep_marked: an element moves only to an index at or below
/// its own, after it has been read).
void compact(const YearContext& c, Population& population, YearWorkspace& w) {
    const std::size_t n = population.size();
    struct Block {
        std::size_t survivors = 0, children = 0;  // counted, then the offsets of the block's first
    };
    std::vector<Block> per_block(block_count(n));
    const auto& outcomes = w.outcomes;
    auto each_block = [&](auto&& body) {
        for_each_block(n, [&](std::size_t b, std::size_t first, std::size_t last) { body(per_block[b], first, last); });
    };
    each_block([&](Block& block, std::size_t first, std::size_t last) {
        std::size_t survive = 0, born = 0;  // locals: a store through `block` could alias the outcome bytes
        for (const std::uint8_t outcome : std::span(outcomes).subspan(first, last - first)) {
            survive += outcome & stays;
            born += (outcome & newborn_stays) != 0;
        }
        block.survivors = survive;
        block.children = born;
    });
    std::size_t survivors = 0, child_count = 0;
    for (auto& block : per_block) {
        survivors += std::exchange(block.survivors, survivors);
        child_count += std::exchange(block.children, child_count);
    }
    auto& children = w.newborns;
    size_scratch(children, child_count);
    w.survivors.reset(n);
    static_assert(stays == 1, "a survivor's mark is their outcome's lowest bit");
    each_block([&](Block& block, std::size_t first, std::size_t last) {
        std::size_t earlier = block.survivors, child = block.children;
        for (std::size_t group = first; group < last; group += 64) {
            const std::size_t end = std::min(group + 64, last);
            std::uint64_t marks = 0;
            for (std::size_t i = group; i < end; ++i) {
                const std::uint8_t outcome = outcomes[i];
                if (outcome & newborn_stays)
                    children[child++] = {
                        newborn_key(population.key[i], c.year + 1),
                        (outcome & newborn_male) ? static_cast<int>(Sex::male) : static_cast<int>(Sex::female),
                        population.area[i]};
                marks |= static_cast<std::uint64_t>(outcome & stays) << (i - group);
            }
            w.survivors.set_group(group / 64, static_cast<std::uint32_t>(earlier), marks);
            earlier += count_bits(marks);
        }
    });
    // Columns are independent: compacted in parallel (without cohort modules only the demography's: a
    // run's population holds no others, and any others hold their initial value for everyone).
    const std::vector<std::size_t> columns = columns_in_use(c.config);
    assert(std::all_of(columns.begin(), columns.end(), [&](std::size_t k) { return population.holds(k); }));
    run_in_parallel(std::size_t{0}, columns.size(), [&](std::size_t k) {
        visit_population_column(population, columns[k], [&](auto& column) {
            [[maybe_unused]] const std::size_t kept = keep_marked(std::span(column.data(), n), w.survivors.marks());
            assert(kept == survivors);
        });
    });
    population.truncate(survivors);
    const bool partners = c.config.couples.enabled || c.config.carers.enabled;  // partner links exist
    const int max_age = c.demography.grid.max_age;
    for_each_block(survivors, [&](std::size_t, std::size_t first, std::size_t last) {
        for (auto& age : std::span(population.age).subspan(first, last - first))
            age = static_cast<std::uint8_t>(std::min<int>(age + 1, max_age));
        if (partners) w.survivors.renumber(std::span(population.partner).subspan(first, last - first));
    });
    population.reserve_growing(survivors + children.size() + most_immigrants(c.demography));
    const std::size_t first_child = population.grow(children.size());
    run_in_parallel(tbb::blocked_range<std::size_t>(0, children.size(), people_per_block),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t k = r.begin(); k != r.end(); ++k)
                            population.set_person(first_child + k, children[k].key, 0, children[k].sex,
                                                  children[k].area);
                    });
}

}  // namespace

PersonYear::PersonYear(const YearContext& c, std::size_t i, const Population& population, bool resident_at_start,
                       const DrawBlock::Block* draws_ahead, const DrawBlock::Block* adult_ahead,
                       const DrawBlock::Block* social_ahead)
    : index(i),
      key(population.key[i]),
      age(population.age[i]),
      sex(population.sex[i]),
      area(population.area[i]),
      age_at_end(std::min(age + 1, c.demography.grid.max_age)),
      cell_start(c.demography.grid.cell(static_cast<std::size_t>(area), sex, age)),
      cell_end(c.demography.grid.cell(static_cast<std::size_t>(area), sex, age_at_end)),
      resident(resident_at_start),
      draws(c.key(RandomModule::demography), key, c.year, draws_ahead),
      social(c.key(RandomModule::social), key, c.year, social_ahead),
      adult(c.key(RandomModule::couples), key, c.year, adult_ahead) {}

bool YearContext::draw(RandomModule module, std::uint64_t person, RandomEvent event, double probability) const {
    if (probability <= 0.0) return false;
    DrawStream stream(key(module), person, year, event);
    return boost::random::bernoulli_distribution<double>(std::min(probability, 1.0))(stream);
}

void advance_one_year(const Model& model, std::uint64_t seed, std::uint32_t replicate, int interval,
                      Population& population, YearWorkspace& workspace, ReplicateCounts& counts,
                      std::atomic<std::uint64_t>* person_years_done, bool count_stocks_at_start) {
    const YearRates rates(model, interval);
    const YearContext c{model.ids,
                        model.config(),
                        rates.demography(),
                        rates.cohorts(),
                        seed,
                        replicate,
                        interval,
                        model.demography.base_year + interval,
                        365 * interval,
                        rates.ehc_growth_factor(),
                        count_stocks_at_start};
    const std::size_t n = population.size();
    auto& outcomes = workspace.outcomes;
    size_scratch(outcomes, n);
    TallyPerThread tallies([&] { return Tally(model.demography.grid.cell_count(), model.registry.size()); });
    const bool carers = model.config().carers.enabled;
    auto& caring_draws = workspace.caring_draws;  // made in pass 1, read by pass 2
    if (carers) size_scratch(caring_draws, n);
    // People who drew a partnership's formation or separation (few: no scan after), listed by block (each
    // block is one thread's, its people in index order): in index order without a sort.
    std::vector<std::vector<std::uint32_t>> changing_per_block(block_count(n));
    // Who draws which block besides the demography's: women at ages with births, and with the cohort
    // modules that read them adults (couples, need) and young people (SEND).
    const std::array<std::uint8_t, 256> ages_with_births = birth_ages(c);
    const bool cohorts = any_cohort_enabled(model.config());
    const RunSplitRule split_rule{cohorts && draws_adult_decisions(model.config()),
                                  cohorts && draws_social_decisions(model.config()),
                                  adult_decisions_from_age,
                                  social_decisions_to_age,
                                  ages_with_births.data(),
                                  model.demography.grid.max_age};
    if (cohorts) {
        const bool need = model.config().need.enabled;
        const NeedLeavingTables need_tables =
            need ? NeedLeavingTables{c.cohorts.death_by_need_in(interval), c.demography.emigration_probability.data(),
                                     c.demography.grid.age_count(), c.cohorts.config.need.care_home_mortality_rr}
                 : NeedLeavingTables{};
        const auto without_need =
            model.config().dementia.enabled ? leaving_without_need<true> : leaving_without_need<false>;
        auto leave = [&](std::size_t first, std::size_t last, const BlocksAhead& ahead, std::uint8_t* leaving) {
            if (!need) return without_need(c, population, first, last, ahead, leaving);
            const LeavingColumns run{&population.sex[first], &population.age[first], &population.dementia_years[first],
                                     &population.need[first], &population.care_home[first]};
            need_leaving(need_tables, run, ahead.draws_of(0), slot::death_or_emigration.word, last - first, leaving);
        };
        for_each_run(n, tallies, person_years_done, [&](std::size_t first, std::size_t last, Tally& tally) {
            BlocksAhead ahead;
            ahead.compute(c, population, first, last, split_rule);
            std::array<std::uint8_t, ahead_run> leaving;
            leave(first, last, ahead, leaving.data());
            for (std::size_t i = first; i < last; ++i) {
                outcomes[i] = own_year(c, i, population, tally, ahead, i - first, leaving[i - first]);
                if (outcomes[i] & (forms_partnership | separates))
                    changing_per_block[i / people_per_block].push_back(static_cast<std::uint32_t>(i));
            }
            // What everyone's caring words say (kept for pass 2), then the caring year of the run's people
            // with no partner who drew no partnership: no partner's year to wait for (couples_year pairs
            // only people who drew forms_partnership).
            if (carers) {
                draw_caring_run(c, first, last - first, population, &outcomes[first], ahead.draws_of(0),
                                &caring_draws[first]);
                single_carers_run(c, first, last - first, population, &outcomes[first], &caring_draws[first], tally);
            }
        });
    } else {
        for_each_run(n, tallies, person_years_done, [&](std::size_t first, std::size_t last, Tally& tally) {
            BlocksAhead ahead;
            ahead.compute(c, population, first, last, split_rule);
            demographic_run(c, population, first, last, tally, ahead, outcomes.data());
        });
    }
    const std::vector<std::uint32_t> changing = in_index_order(changing_per_block);
    // Partners of the women who drew a separation: single after couples_year if it happens, but
    // partnered in pass 1, which therefore left their caring year to the step after pass 2 (pass 2
    // takes only people with a partner).
    std::vector<std::uint32_t> separating;
    if (carers)
        for (const std::uint32_t i : changing)
            if (outcomes[i] & separates) separating.push_back(population.partner[i]);
    // Separations and new partnerships, in a step of fixed order between the passes (couples.hpp).
    if (model.config().couples.enabled) couples_year(c, population, outcomes, changing, tallies);
    if (carers) {
        // Pass 2: the caring year of everyone pass 1 left, from the caring draws pass 1 made.
        for_each_run(n, tallies, nullptr, [&](std::size_t first, std::size_t last, Tally& tally) {
            std::array<std::uint32_t, ahead_run> who;
            std::size_t count = 0;
            const std::uint32_t* partners = population.partner.data();
            const std::uint8_t* outcome_bits = outcomes.data();
            for (std::size_t i = first; i < last; ++i) {
                // Without a branch (about half are partnered, in no order a branch could learn): both read,
                // joined by a bitwise or (|| made GCC branch on the first).
                who[count] = static_cast<std::uint32_t>(i);
                count += static_cast<std::size_t>(partners[i] != no_person) |
                         static_cast<std::size_t>((outcome_bits[i] & (forms_partnership | separates)) != 0);
            }
            // Their partners' outcomes, anywhere in the population, fetched ahead (in a large population
            // each would otherwise be a wait for memory inside partnered_carers_run).
            for (std::size_t k = 0; k < count; ++k)
                if (const std::uint32_t partner = population.partner[who[k]]; partner != no_person)
                    __builtin_prefetch(&outcomes[partner]);
            partnered_carers_run(c, {who.data(), count}, population, outcomes, caring_draws, tally);
        });
        // The partners of the women who separated, in parallel: each is one person, whose year writes
        // only their own columns and their thread's tally.
        run_in_parallel(tbb::blocked_range<std::size_t>(0, separating.size(), ahead_run),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                            Tally& tally = tallies.local();
                            for (std::size_t j = r.begin(); j != r.end(); ++j)
                                if (const std::uint32_t m = separating[j]; population.partner[m] == no_person)
                                    partnered_carers_run(c, {&m, 1}, population, outcomes, caring_draws, tally);
                        });
    }
    combine(model, interval, tallies, counts);
    compact(c, population, workspace);
    // The EHC growth factors of every interval so far: arrivals hold plans as residents of their age do.
    std::vector<double> ehc_growth;
    if (model.config().send.enabled)
        for (int k = 0; k <= interval; ++k)
            ehc_growth.push_back(k == interval ? rates.ehc_growth_factor() : ehc_growth_factor(model, k));
    add_immigrants(c, ehc_growth, population, counts);
}

void count_stocks(const Model& model, const Population& p, int year, ReplicateCounts& counts) {
    const auto& grid = model.demography.grid;
    const auto& ids = model.ids;
    const std::size_t cells = grid.cell_count();
    const auto offset = static_cast<std::size_t>(year) * cells;
    const bool cohorts = any_cohort_enabled(model.config());
    // Each thread counts its blocks into its own Tally; integer sums, so order-free.
    TallyPerThread local([&] { return Tally(cells, model.registry.size()); });
    for_each_block(p.size(), [&](std::size_t, std::size_t first, std::size_t last) {
        auto& tally = local.local();
        for (std::size_t i = first; i != last; ++i) {
            const StockCount count = tally.stock_count(grid.cell(p.area[i], p.sex[i], p.age[i]));
            cohorts ? count_person_stocks<true>(ids, p, i, count) : count_person_stocks<false>(ids, p, i, count);
        }
    });
    local.combine_each([&](const Tally& tally) {
        for (std::size_t m = 0; m < model.registry.size(); ++m) {
            if (model.registry.info(static_cast<MeasureId>(m)).kind != MeasureKind::stock) continue;
            for (std::size_t cell = 0; cell < cells; ++cell)
                counts.values[m][offset + cell] += tally.count(static_cast<MeasureId>(m), cell);
        }
    });
}

void initialise_cohort_states(const Model& model, std::uint64_t seed, std::uint32_t replicate, Population& population) {
    const NewPeople everyone{model.demography,  model.cohorts, seed, replicate, model.demography.base_year, 0,
                             population.size(), false,         {},   &model.ids};
    initialise_new_people(model.config(), everyone, population);  // nobody counted in the base year
}

}  // namespace carecast
