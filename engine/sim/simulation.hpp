#pragma once
// Runs the microsimulation: replicates in parallel, and within a replicate the people in fixed-size
// blocks in parallel. Every random draw is addressed by (seed, replicate, module, person, year,
// event), so results do not depend on the number of threads.
#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast {

struct SimulationOptions {
    std::uint64_t seed = 0;
    std::uint32_t first_replicate = 0;
    std::uint32_t replicate_count = 1;
    /// Person-years simulated so far, for progress reporting; may be null.
    std::atomic<std::uint64_t>* person_years_done = nullptr;
    /// Every year's stocks counted person by person instead of derived from their flows
    /// (sim/stock_accounting.hpp), and not checked against them here: the same numbers, more slowly; for
    /// the accounting test, which checks them with its own arithmetic.
    bool count_stocks_every_year = false;
    /// With several areas (Model::area_models): only the areas [first_area, first_area + area_count) are
    /// simulated, every other area's counts left 0 (area_count 0: every area from first_area on). Runs
    /// of disjoint area ranges that together cover every area add up to the whole run, bit for bit
    /// (add_area_part); this is how `carecast batch` spreads one replicate of a multi-area run over MPI
    /// ranks.
    std::uint32_t first_area = 0;
    std::uint32_t area_count = 0;
};

/// Simulates `options.replicate_count` replicates from the model's base population.
/// Runs on the calling thread's TBB arena (use a task_arena to limit threads).
RunResults simulate(const Model& model, const SimulationOptions& options);

/// What simulate returns before it simulates: the run's description (grid, measures, money, what-ifs,
/// areas) and `options.replicate_count` replicates without counts. Area parts are added into it.
RunResults results_frame(const Model& model, const SimulationOptions& options);

/// Where to cut a multi-area model's areas into `parts` runs of consecutive areas holding about equal
/// shares of its base population (at most one part per area): the first area of each part, then the
/// number of areas. For one model of one area, or parts <= 1: {0, areas}.
std::vector<std::uint32_t> area_part_bounds(const Model& model, std::uint32_t parts);

/// The counts of areas [first_area, first_area + area_count) of a multi-area run: each replicate's
/// arrays cut to those areas' cells (slot by slot), its completed stays, drawn parameters and money
/// shifts. What one MPI rank sends for its share of a replicate (batch/dataset_codec.hpp).
struct AreaPart {
    std::uint32_t first_area = 0;
    std::uint32_t area_count = 0;
    std::vector<ReplicateCounts> replicates;
};

/// The part of `results` (simulate with options.first_area and options.area_count) for its areas.
AreaPart cut_area_part(const RunResults& results, std::uint32_t first_area, std::uint32_t area_count);

/// `part` placed into `into`, a results_frame of the same model, seed and replicates holding the other
/// areas' parts added so far: counts copied into the part's cells, completed stays merged in the order
/// simulate keeps them, drawn parameters and money shifts (the same in every area) taken from the part
/// with area 0. Once parts of disjoint areas covering every area are added, in any order, `into` equals
/// simulate of every area, bit for bit. Throws std::invalid_argument if the part does not fit `into`.
void add_area_part(RunResults& into, const AreaPart& part);

/// Simulates one replicate starting from `population` (cohort states as given; consumed); the final
/// population is left in it. Exposed for tests that start from a chosen population.
/// `count_stocks_every_year`: as SimulationOptions's.
ReplicateCounts simulate_replicate(const Model& model, std::uint64_t seed, std::uint32_t replicate,
                                   Population& population, std::atomic<std::uint64_t>* person_years_done = nullptr,
                                   bool count_stocks_every_year = false);

/// A model with demography only (every cohort disabled), for tests that change demographic rates.
Model demography_only_model(DemographicRates rates);

/// Total person-years one replicate will simulate, approximately (for progress bars).
std::uint64_t estimated_person_years(const Model& model);

}  // namespace carecast
