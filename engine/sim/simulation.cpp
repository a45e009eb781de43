#include "sim/simulation.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <tuple>

#include <tbb/blocked_range.h>
#include <tbb/task_arena.h>

#include "cohorts/modules.hpp"
#include "core/fresh_memory.hpp"
#include "core/parallel.hpp"
#include "demography/base_population.hpp"
#include "scenario/parameter_schedules.hpp"
#include "sim/replicate_parameters.hpp"
#include "sim/stock_accounting.hpp"
#include "sim/year_step.hpp"

namespace carecast {

ReplicateCounts simulate_replicate(const Model& model, std::uint64_t seed, std::uint32_t replicate,
                                   Population& population, std::atomic<std::uint64_t>* person_years_done,
                                   bool count_stocks_every_year) {
    const std::size_t cells = model.demography.grid.cell_count();
    const int intervals = model.demography.interval_count();
    ReplicateCounts counts;
    for (const auto& info : model.registry.measures())
        counts.values.push_back(zeroed_array<std::int32_t>(
            static_cast<std::size_t>(info.kind == MeasureKind::stock ? intervals + 1 : intervals) * cells));
    YearWorkspace workspace;
    // The stocks counted person by person in the base year (pass 1 of the first interval) and at the
    // horizon; the years between derived from their flows, and the horizon's checked against them
    // (sim/stock_accounting.hpp).
    for (int interval = 0; interval < intervals; ++interval)
        advance_one_year(model, seed, replicate, interval, population, workspace, counts, person_years_done,
                         interval == 0 || count_stocks_every_year);
    count_stocks(model, population, intervals, counts);
    if (count_stocks_every_year) return counts;  // counted, for a test that checks them with its own arithmetic
    try {
        account_stocks(model.registry, model.demography.grid, model.demography.base_year, intervals, counts);
    } catch (const AccountingError& e) {
        throw AccountingError("replicate " + std::to_string(replicate) + ": " + e.what());
    }
    return counts;
}

namespace {

/// Several areas: each area's model simulated alone (in parallel over areas, each isolated so that a
/// thread waiting inside one area never starts another: at most one area per thread in memory), its
/// counts copied into its slice of the full grid; stays merged in (interval, type, days) order. Every
/// draw is keyed by the area's code, so an area's counts equal those of the area run alone.
void simulate_areas(const Model& model, const SimulationOptions& options, RunResults& results) {
    const auto& grid = model.demography.grid;
    const std::size_t cells = grid.cell_count();
    const std::size_t block = static_cast<std::size_t>(sex_count) * static_cast<std::size_t>(grid.age_count());
    const std::size_t area_count = model.area_models.size();
    for (auto& counts : results.replicates)
        for (const auto& info : model.registry.measures()) {
            const int slots = info.kind == MeasureKind::stock ? results.year_count() : results.interval_count();
            counts.values.push_back(zeroed_array<std::int32_t>(static_cast<std::size_t>(slots) * cells));
        }
    std::vector<std::vector<std::vector<CompletedStay>>> stays(area_count);  // [area][replicate]
    run_in_parallel(tbb::blocked_range<std::size_t>(0, area_count, 1), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t a = r.begin(); a != r.end(); ++a) {
            RunResults own = tbb::this_task_arena::isolate([&] { return simulate(*model.area_models[a], options); });
            for (std::size_t i = 0; i < own.replicates.size(); ++i) {
                auto& from = own.replicates[i];
                auto& to = results.replicates[i];
                for (std::size_t m = 0; m < from.values.size(); ++m) {
                    const std::size_t slots = from.values[m].size() / block;
                    for (std::size_t t = 0; t < slots; ++t)
                        std::copy_n(from.values[m].begin() + static_cast<std::ptrdiff_t>(t * block), block,
                                    to.values[m].begin() + static_cast<std::ptrdiff_t>(t * cells + a * block));
                }
                stays[a].push_back(std::move(from.stays));
                if (a == 0) {  // national: the same in every area
                    to.parameters = std::move(from.parameters);
                    to.money_draws = std::move(from.money_draws);
                }
            }
        }
    });
    for (std::size_t i = 0; i < results.replicates.size(); ++i) {
        auto& merged = results.replicates[i].stays;
        for (std::size_t a = 0; a < area_count; ++a)
            merged.insert(merged.end(), stays[a][i].begin(), stays[a][i].end());
        std::sort(merged.begin(), merged.end(), [](const CompletedStay& x, const CompletedStay& y) {
            return std::tie(x.interval, x.type, x.days) < std::tie(y.interval, y.type, y.days);
        });
    }
}

}  // namespace

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
    results.schedules =
        describe_parameter_schedules(model.config(), model.schedules, model.demography.horizon_year - 1);
    results.area_names = model.area_names;
    results.area_sources = model.area_sources;
    results.replicates.resize(options.replicate_count);
    if (!model.area_models.empty()) {
        simulate_areas(model, options, results);
        return results;
    }
    run_in_parallel(
        tbb::blocked_range<std::uint32_t>(0, options.replicate_count, 1),
        [&](const tbb::blocked_range<std::uint32_t>& r) {
            for (auto i = r.begin(); i != r.end(); ++i) {
                const std::uint32_t replicate = options.first_replicate + i;
                // With parameter uncertainty each replicate has its own drawn model.
                auto parameters = draw_parameter_values(model, options.seed, replicate);
                const Model own = parameters.empty() ? Model{} : model_for_replicate(model, parameters);
                const Model& m = parameters.empty() ? model : own;
                // Without cohort modules the population holds only the demography's columns.
                Population population =
                    make_population(m.demography.grid, m.demography.base_counts, columns_in_use(m.config()));
                initialise_cohort_states(m, options.seed, replicate, population);
                results.replicates[i] = simulate_replicate(m, options.seed, replicate, population,
                                                           options.person_years_done, options.count_stocks_every_year);
                results.replicates[i].parameters = std::move(parameters);
                results.replicates[i].money_draws = draw_money_shifts(model.finance.money, options.seed, replicate);
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
