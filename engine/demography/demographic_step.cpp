#include "demography/demographic_step.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/bernoulli_distribution.hpp>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/person_key.hpp"
#include "core/random.hpp"

namespace carecast {
namespace {

/// People per parallel block. A constant, never derived from the thread count, so the split of work
/// cannot influence results (only integer counts are reduced across blocks anyway).
constexpr std::size_t block_size = 16384;

/// What happened to one person during the year, decided in the parallel pass and applied in order.
enum Outcome : std::uint8_t {
    stays = 1,          // survived and did not emigrate
    newborn_stays = 2,  // gave birth to a child who survived to mid-year and did not emigrate
    newborn_male = 4,
};

bool draw(const StreamKey& key, std::uint64_t person, int year, RandomEvent event, double probability) {
    if (probability <= 0.0) return false;
    DrawStream stream(key, person, year, event);
    return boost::random::bernoulli_distribution<double>(probability)(stream);
}

using FlowCounts = std::array<std::vector<std::int32_t>, flow_count>;

struct YearContext {
    const DemographicRates& rates;
    StreamKey demography;
    StreamKey births;
    int interval;
    int year;
};

/// Decides the year's events for one person; returns Outcome bits and counts flows.
std::uint8_t person_year(const YearContext& c, std::uint64_t key, int age, int sex, int area, FlowCounts& counts) {
    const auto& grid = c.rates.grid;
    const int age_at_end = std::min(age + 1, grid.max_age);
    const std::size_t cell = grid.cell(static_cast<std::size_t>(area), sex, age_at_end);
    std::uint8_t outcome = 0;
    if (draw(c.demography, key, c.year, RandomEvent::death, c.rates.death(c.interval, sex, age))) {
        ++counts[static_cast<int>(Flow::deaths)][cell];
    } else if (draw(c.demography, key, c.year, RandomEvent::emigration, c.rates.emigration(sex, age_at_end))) {
        ++counts[static_cast<int>(Flow::emigrants)][cell];
    } else {
        outcome = stays;
    }
    // Births: women alive at the start of the year, at the rate for the ages they pass through.
    if (sex != static_cast<int>(Sex::female) ||
        !draw(c.demography, key, c.year, RandomEvent::birth, c.rates.birth(c.interval, age)))
        return outcome;
    const std::uint64_t child = newborn_key(key, c.year + 1);
    const int child_sex = draw(c.births, child, c.year, RandomEvent::birth_sex, c.rates.probability_male_at_birth)
                              ? static_cast<int>(Sex::male)
                              : static_cast<int>(Sex::female);
    const std::size_t child_cell = grid.cell(static_cast<std::size_t>(area), child_sex, 0);
    ++counts[static_cast<int>(Flow::births)][child_cell];
    if (draw(c.births, child, c.year, RandomEvent::newborn_death, c.rates.newborn_death(c.interval, child_sex))) {
        ++counts[static_cast<int>(Flow::deaths)][child_cell];
    } else if (draw(c.births, child, c.year, RandomEvent::emigration, c.rates.emigration(child_sex, 0))) {
        ++counts[static_cast<int>(Flow::emigrants)][child_cell];
    } else {
        outcome |= newborn_stays | (child_sex == static_cast<int>(Sex::male) ? newborn_male : 0);
    }
    return outcome;
}

/// Arrivals in each cell: the expected count rounded up or down at random so the mean is exact.
void add_immigrants(const YearContext& c, std::uint64_t seed, std::uint32_t replicate, Population& next,
                    std::vector<std::int32_t>& immigrants) {
    const auto& grid = c.rates.grid;
    const StreamKey key{seed, replicate, RandomModule::immigration};
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= grid.max_age; ++age) {
                const std::size_t cell = grid.cell(area, sex, age);
                const double expected = c.rates.expected_immigrants[cell];
                if (expected <= 0) continue;
                const double whole = std::floor(expected);
                const auto a = static_cast<std::uint32_t>(area), s = static_cast<std::uint32_t>(sex),
                           g = static_cast<std::uint32_t>(age);
                const auto n = static_cast<std::uint32_t>(whole) +
                               (draw(key, cell_key(a, s, g), c.year, RandomEvent::immigrant_arrivals, expected - whole)
                                    ? 1u : 0u);
                for (std::uint32_t i = 0; i < n; ++i)
                    next.add(immigrant_key(c.year + 1, a, s, g, i), age, sex, static_cast<int>(area));
                immigrants[cell] += static_cast<std::int32_t>(n);
            }
}

}  // namespace

void advance_one_year(const DemographicRates& rates, std::uint64_t seed, std::uint32_t replicate, int interval,
                      Population& population, Population& scratch, std::vector<std::int32_t> (&flows)[flow_count],
                      std::atomic<std::uint64_t>* person_years_done) {
    const YearContext context{rates, {seed, replicate, RandomModule::demography},
                              {seed, replicate, RandomModule::births}, interval, rates.base_year + interval};
    const std::size_t n = population.size();
    std::vector<std::uint8_t> outcome(n);
    tbb::enumerable_thread_specific<FlowCounts> local_counts([&] {
        FlowCounts counts;
        for (auto& c : counts) c.assign(rates.grid.cell_count(), 0);
        return counts;
    });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, block_size), [&](const tbb::blocked_range<std::size_t>& r) {
        FlowCounts& counts = local_counts.local();
        for (std::size_t i = r.begin(); i != r.end(); ++i)
            outcome[i] = person_year(context, population.key[i], population.age[i], population.sex[i],
                                     population.area[i], counts);
        if (person_years_done) person_years_done->fetch_add(r.size(), std::memory_order_relaxed);
    }, tbb::simple_partitioner());
    // Integer sums: exact whatever the order in which threads' counts are combined.
    local_counts.combine_each([&](const FlowCounts& counts) {
        for (int f = 0; f < flow_count; ++f)
            for (std::size_t cell = 0; cell < counts[f].size(); ++cell) flows[f][cell] += counts[f][cell];
    });
    scratch.clear();
    scratch.reserve(n + n / 16);
    for (std::size_t i = 0; i < n; ++i) {
        const auto o = outcome[i];
        if (o & stays)
            scratch.add(population.key[i], std::min<int>(population.age[i] + 1, rates.grid.max_age), population.sex[i],
                        population.area[i]);
        if (o & newborn_stays)
            scratch.add(newborn_key(population.key[i], context.year + 1), 0,
                        (o & newborn_male) ? static_cast<int>(Sex::male) : static_cast<int>(Sex::female),
                        population.area[i]);
    }
    add_immigrants(context, seed, replicate, scratch, flows[static_cast<int>(Flow::immigrants)]);
    std::swap(population, scratch);
}

}  // namespace carecast
