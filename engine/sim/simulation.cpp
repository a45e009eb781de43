#include "sim/simulation.hpp"

#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "demography/base_population.hpp"
#include "sim/replicate_parameters.hpp"
#include "sim/year_step.hpp"

namespace carecast {

ReplicateCounts simulate_replicate(const Model& model, std::uint64_t seed, std::uint32_t replicate,
                                   Population& population, std::atomic<std::uint64_t>* person_years_done) {
    const std::size_t cells = model.demography.grid.cell_count();
    const int intervals = model.demography.interval_count();
    ReplicateCounts counts;
    for (const auto& info : model.registry.measures())
        counts.values.emplace_back(static_cast<std::size_t>(info.kind == MeasureKind::stock ? intervals + 1 : intervals) * cells, 0);
    count_stocks(model, population, 0, counts);
    YearWorkspace workspace;
    for (int interval = 0; interval < intervals; ++interval) {
        advance_one_year(model, seed, replicate, interval, population, workspace, counts, person_years_done);
        count_stocks(model, population, interval + 1, counts);
    }
    return counts;
}

RunResults simulate(const Model& model, const SimulationOptions& options) {
    RunResults results;
    results.grid = model.demography.grid;
    results.registry = model.registry;
    results.base_year = model.demography.base_year;
    results.horizon_year = model.demography.horizon_year;
    results.first_replicate = options.first_replicate;
    results.prevalence_cohort_names = model.cohorts.prevalence_cohort_names;
    results.prevalence_cohort_rates = model.cohorts.prevalence_cohort_rates;
    results.finance = model.finance;
    results.interventions = model.interventions;
    results.uncertainty_sources = uncertainty_sources(model);
    results.drawn_parameters = drawn_parameters(model);
    results.replicates.resize(options.replicate_count);
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, options.replicate_count, 1),
                      [&](const tbb::blocked_range<std::uint32_t>& r) {
                          for (auto i = r.begin(); i != r.end(); ++i) {
                              const std::uint32_t replicate = options.first_replicate + i;
                              // With parameter uncertainty each replicate has its own drawn model.
                              auto parameters = draw_parameter_values(model, options.seed, replicate);
                              const Model own = parameters.empty() ? Model{} : model_for_replicate(model, parameters);
                              const Model& m = parameters.empty() ? model : own;
                              Population population = make_population(m.demography.grid, m.demography.base_counts);
                              initialise_cohort_states(m, options.seed, replicate, population);
                              results.replicates[i] =
                                  simulate_replicate(m, options.seed, replicate, population, options.person_years_done);
                              results.replicates[i].parameters = std::move(parameters);
                          }
                      });
    return results;
}

Model demography_only_model(DemographicRates rates) {
    Model model;
    model.demography = std::move(rates);
    model.cohorts.age_count = model.demography.grid.age_count();
    model.ids = register_measures(model.cohorts.config, model.registry);
    return model;
}

std::uint64_t estimated_person_years(const Model& model) {
    const auto& counts = model.demography.base_counts;
    const auto base = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    return static_cast<std::uint64_t>(base) * static_cast<std::uint64_t>(model.demography.interval_count());
}

}  // namespace carecast
