#pragma once
// Runs the microsimulation: replicates in parallel, and within a replicate the people in fixed-size
// blocks in parallel. Every random draw is addressed by (seed, replicate, module, person, year,
// event), so results do not depend on the number of threads.
#include <atomic>
#include <cstdint>

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
};

/// Simulates `options.replicate_count` replicates from the model's base population.
/// Runs on the calling thread's TBB arena (use a task_arena to limit threads).
RunResults simulate(const Model& model, const SimulationOptions& options);

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
