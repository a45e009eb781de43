#include "sim/simulation.hpp"

#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "demography/base_population.hpp"
#include "demography/demographic_step.hpp"

namespace carecast {
namespace {

/// Adds one count per person to `counts` ([cell]).
void count_population(const PopulationGrid& grid, const Population& population, std::int32_t* counts) {
    for (std::size_t i = 0; i < population.size(); ++i)
        ++counts[grid.cell(population.area[i], population.sex[i], population.age[i])];
}

}  // namespace

ReplicateCounts simulate_replicate(const DemographicRates& rates, std::uint64_t seed, std::uint32_t replicate,
                                   Population& population, std::atomic<std::uint64_t>* person_years_done) {
    const std::size_t cells = rates.grid.cell_count();
    const int intervals = rates.interval_count();
    ReplicateCounts counts;
    counts.population.assign(static_cast<std::size_t>(intervals + 1) * cells, 0);
    std::vector<std::int32_t> flows[flow_count];
    for (auto& f : flows) f.assign(cells, 0);
    for (auto& f : counts.flows) f.reserve(static_cast<std::size_t>(intervals) * cells);
    count_population(rates.grid, population, counts.population.data());
    Population scratch;
    for (int interval = 0; interval < intervals; ++interval) {
        for (auto& f : flows) std::fill(f.begin(), f.end(), 0);
        advance_one_year(rates, seed, replicate, interval, population, scratch, flows, person_years_done);
        for (int f = 0; f < flow_count; ++f) counts.flows[f].insert(counts.flows[f].end(), flows[f].begin(), flows[f].end());
        count_population(rates.grid, population, counts.population.data() + static_cast<std::size_t>(interval + 1) * cells);
    }
    return counts;
}

RunResults simulate(const DemographicRates& rates, const SimulationOptions& options) {
    RunResults results;
    results.grid = rates.grid;
    results.base_year = rates.base_year;
    results.horizon_year = rates.horizon_year;
    results.first_replicate = options.first_replicate;
    results.replicates.resize(options.replicate_count);
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, options.replicate_count, 1),
                      [&](const tbb::blocked_range<std::uint32_t>& r) {
                          for (auto i = r.begin(); i != r.end(); ++i) {
                              Population population = make_population(rates.grid, rates.base_counts);
                              results.replicates[i] = simulate_replicate(rates, options.seed, options.first_replicate + i,
                                                                         population, options.person_years_done);
                          }
                      });
    return results;
}

std::uint64_t estimated_person_years(const DemographicRates& rates) {
    const auto base = std::accumulate(rates.base_counts.begin(), rates.base_counts.end(), std::int64_t{0});
    return static_cast<std::uint64_t>(base) * static_cast<std::uint64_t>(rates.interval_count());
}

}  // namespace carecast
