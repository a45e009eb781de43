#include "sim/simulation.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
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

/// Cells of one area in the grid: an area's cells are consecutive, [a * block, (a + 1) * block).
std::size_t cells_per_area(const PopulationGrid& grid) {
    return static_cast<std::size_t>(sex_count) * static_cast<std::size_t>(grid.age_count());
}

/// Zeroed counts of every measure for `cells` cells: year_count slots for a stock, interval_count for a flow.
std::vector<std::vector<std::int32_t>> zeroed_counts(const RunResults& results, std::size_t cells) {
    std::vector<std::vector<std::int32_t>> values;
    for (const auto& info : results.registry.measures()) {
        const int slots = info.kind == MeasureKind::stock ? results.year_count() : results.interval_count();
        values.push_back(zeroed_array<std::int32_t>(static_cast<std::size_t>(slots) * cells));
    }
    return values;
}

/// For each measure and each slot, `n` consecutive cells of `from` (`from_cells` cells a slot, starting
/// at cell `from_first`) copied to `to` (`to_cells` a slot, from `to_first`): one area's or several
/// consecutive areas' counts moved between a whole grid and an area's or a part's own arrays.
void copy_area_cells(const std::vector<std::vector<std::int32_t>>& from, std::size_t from_cells, std::size_t from_first,
                     std::vector<std::vector<std::int32_t>>& to, std::size_t to_cells, std::size_t to_first,
                     std::size_t n) {
    if (from.size() != to.size()) throw std::invalid_argument("area counts: the measures differ");
    for (std::size_t m = 0; m < from.size(); ++m) {
        const std::size_t slots = from[m].size() / from_cells;
        if (slots * from_cells != from[m].size() || slots * to_cells != to[m].size() || from_first + n > from_cells ||
            to_first + n > to_cells)
            throw std::invalid_argument("area counts: measure " + std::to_string(m) + " does not fit the grid");
        for (std::size_t t = 0; t < slots; ++t)
            std::copy_n(from[m].begin() + static_cast<std::ptrdiff_t>(t * from_cells + from_first), n,
                        to[m].begin() + static_cast<std::ptrdiff_t>(t * to_cells + to_first));
    }
}

/// Completed stays in the order simulate keeps them: by interval, type and length (stays with equal
/// keys are equal, so the order is one whatever order they arrive in).
void sort_stays(std::vector<CompletedStay>& stays) {
    std::sort(stays.begin(), stays.end(), [](const CompletedStay& x, const CompletedStay& y) {
        return std::tie(x.interval, x.type, x.days) < std::tie(y.interval, y.type, y.days);
    });
}

/// Several areas: each area's model of [first, first + count) simulated alone (in parallel over areas,
/// each isolated so that a thread waiting inside one area never starts another: at most one area per
/// thread in memory), its counts copied into its slice of the full grid (other areas' left 0); stays
/// merged. Every draw is keyed by the area's code, so an area's counts equal those of the area run alone.
void simulate_areas(const Model& model, const SimulationOptions& options, std::size_t first, std::size_t count,
                    RunResults& results) {
    const std::size_t cells = results.grid.cell_count();
    const std::size_t block = cells_per_area(results.grid);
    for (auto& counts : results.replicates) counts.values = zeroed_counts(results, cells);
    std::vector<std::vector<std::vector<CompletedStay>>> stays(count);  // [area - first][replicate]
    SimulationOptions area_options = options;                           // an area's model is one area
    area_options.first_area = 0;
    area_options.area_count = 0;
    run_in_parallel(tbb::blocked_range<std::size_t>(0, count, 1), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t k = r.begin(); k != r.end(); ++k) {
            const std::size_t a = first + k;
            RunResults own =
                tbb::this_task_arena::isolate([&] { return simulate(*model.area_models[a], area_options); });
            for (std::size_t i = 0; i < own.replicates.size(); ++i) {
                auto& from = own.replicates[i];
                auto& to = results.replicates[i];
                copy_area_cells(from.values, block, 0, to.values, cells, a * block, block);
                stays[k].push_back(std::move(from.stays));
                if (k == 0) {  // national: the same in every area
                    to.parameters = std::move(from.parameters);
                    to.money_draws = std::move(from.money_draws);
                }
            }
        }
    });
    for (std::size_t i = 0; i < results.replicates.size(); ++i) {
        auto& merged = results.replicates[i].stays;
        for (std::size_t k = 0; k < count; ++k) merged.insert(merged.end(), stays[k][i].begin(), stays[k][i].end());
        sort_stays(merged);
    }
}

}  // namespace

RunResults results_frame(const Model& model, const SimulationOptions& options) {
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
    return results;
}

std::vector<std::uint32_t> area_part_bounds(const Model& model, std::uint32_t parts) {
    const auto areas = static_cast<std::uint32_t>(std::max<std::size_t>(model.area_models.size(), 1));
    parts = std::clamp<std::uint32_t>(parts, 1, areas);
    std::vector<std::int64_t> before(areas + 1, 0);  // base population of the areas before each
    for (std::uint32_t a = 0; a < areas && !model.area_models.empty(); ++a) {
        const auto& counts = model.area_models[a]->demography.base_counts;
        before[a + 1] = before[a] + std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    }
    const std::int64_t total = before[areas];
    std::vector<std::uint32_t> bounds{0};
    for (std::uint32_t i = 1; i < parts; ++i) {
        // The area whose preceding areas hold nearest i / parts of the people, leaving at least an area
        // for each part, this one and those still to come.
        std::uint32_t a = bounds.back() + 1;
        while (a < areas - (parts - i) && before[a] * parts < total * i) ++a;
        if (a - 1 > bounds.back() && total * i - before[a - 1] * parts < before[a] * parts - total * i) --a;
        bounds.push_back(a);
    }
    bounds.push_back(areas);
    return bounds;
}

AreaPart cut_area_part(const RunResults& results, std::uint32_t first_area, std::uint32_t area_count) {
    const std::size_t cells = results.grid.cell_count();
    const std::size_t block = cells_per_area(results.grid);
    if ((static_cast<std::size_t>(first_area) + area_count) * block > cells)
        throw std::invalid_argument("area part: areas beyond the grid's");
    AreaPart part{first_area, area_count, {}};
    for (const ReplicateCounts& counts : results.replicates) {
        ReplicateCounts& own = part.replicates.emplace_back();
        own.values = zeroed_counts(results, area_count * block);
        copy_area_cells(counts.values, cells, first_area * block, own.values, area_count * block, 0,
                        area_count * block);
        own.stays = counts.stays;
        own.parameters = counts.parameters;
        own.money_draws = counts.money_draws;
    }
    return part;
}

void add_area_part(RunResults& into, const AreaPart& part) {
    const std::size_t cells = into.grid.cell_count();
    const std::size_t block = cells_per_area(into.grid);
    if (part.replicates.size() != into.replicates.size())
        throw std::invalid_argument("area part: " + std::to_string(part.replicates.size()) + " replicates, not " +
                                    std::to_string(into.replicates.size()));
    if ((static_cast<std::size_t>(part.first_area) + part.area_count) * block > cells)
        throw std::invalid_argument("area part: areas beyond the grid's");
    for (std::size_t i = 0; i < into.replicates.size(); ++i) {
        ReplicateCounts& to = into.replicates[i];
        const ReplicateCounts& from = part.replicates[i];
        if (to.values.empty()) to.values = zeroed_counts(into, cells);
        copy_area_cells(from.values, part.area_count * block, 0, to.values, cells, part.first_area * block,
                        part.area_count * block);
        to.stays.insert(to.stays.end(), from.stays.begin(), from.stays.end());
        sort_stays(to.stays);
        if (part.first_area == 0) {
            to.parameters = from.parameters;
            to.money_draws = from.money_draws;
        }
    }
}

RunResults simulate(const Model& model, const SimulationOptions& options) {
    RunResults results = results_frame(model, options);
    if (!model.area_models.empty()) {
        const std::size_t areas = model.area_models.size();
        const std::size_t first = options.first_area;
        const std::size_t count =
            options.area_count == 0 ? areas - std::min<std::size_t>(first, areas) : options.area_count;
        if (first + count > areas || count == 0)
            throw std::invalid_argument("simulate: areas " + std::to_string(first) + ".." +
                                        std::to_string(first + count) + " of a model with " + std::to_string(areas));
        simulate_areas(model, options, first, count, results);
        return results;
    }
    if (options.first_area != 0 || options.area_count > 1)
        throw std::invalid_argument("simulate: an area range for a model of one area");
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
