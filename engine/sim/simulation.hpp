#pragma once
// Runs the demographic microsimulation: replicates in parallel, and within a replicate the people in
// fixed-size blocks in parallel. Every random draw is addressed by (seed, replicate, module, person,
// year, event), so results do not depend on the number of threads.
#include <atomic>
#include <cstdint>

#include "demography/demographic_rates.hpp"
#include "sim/run_results.hpp"

namespace carecast {

struct SimulationOptions {
    std::uint64_t seed = 0;
    std::uint32_t first_replicate = 0;
    std::uint32_t replicate_count = 1;
    /// Person-years simulated so far, for progress reporting; may be null.
    std::atomic<std::uint64_t>* person_years_done = nullptr;
};

/// Simulates `options.replicate_count` replicates from the rates' base population.
/// Runs on the calling thread's TBB arena (use a task_arena to limit threads).
RunResults simulate(const DemographicRates& rates, const SimulationOptions& options);

/// Simulates one replicate starting from `population` (consumed); the final population is left in it.
/// Exposed for tests that start from a chosen population.
ReplicateCounts simulate_replicate(const DemographicRates& rates, std::uint64_t seed, std::uint32_t replicate,
                                   Population& population, std::atomic<std::uint64_t>* person_years_done = nullptr);

/// Total person-years one replicate will simulate, approximately (for progress bars).
std::uint64_t estimated_person_years(const DemographicRates& rates);

}  // namespace carecast
