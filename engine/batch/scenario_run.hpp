#pragma once
// The one sequence every command uses to turn a scenario into results: load and validate, build the
// model, simulate a block of replicates, describe the results as a dataset with provenance.
// `carecast run` and every work unit of `carecast batch` go through it, so a replicate computed by
// either is bit-identical.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "batch/replicate_range.hpp"
#include "output/dataset.hpp"
#include "results/run_dataset.hpp"
#include "sim/load_scenario.hpp"
#include "sim/model.hpp"
#include "sim/run_results.hpp"

namespace carecast::batch {

/// A loaded, validated scenario and the model built from it.
struct PreparedScenario {
    std::string path;  // as given by the user
    LoadedScenario loaded;
    Model model;
};

/// Loads `path` and builds its model; throws InputError with every problem found.
std::unique_ptr<PreparedScenario> prepare_scenario(const std::filesystem::path& path);

/// This machine's host name (gethostname), or "unknown".
std::string host_name();

/// Provenance attributes for a run of `scenario` (seed as simulated, threads used, command line, and
/// this host).
output::Provenance make_provenance(const PreparedScenario& scenario, std::uint64_t seed, unsigned threads,
                                   const std::string& command_line);

/// Simulates replicates `range` with `seed` on the calling thread's TBB arena. `progress` (may be null)
/// counts person-years done.
RunResults simulate_replicates(const PreparedScenario& scenario, std::uint64_t seed, ReplicateRange range,
                               std::atomic<std::uint64_t>* progress = nullptr);

/// The dataset of `results` of `scenario` simulated with `seed` (results_digest computed over its
/// arrays), its provenance naming `host` (make_provenance's otherwise: this host) when not empty.
output::Dataset results_dataset(const PreparedScenario& scenario, const RunResults& results, std::uint64_t seed,
                                unsigned threads, const std::string& command_line, const std::string& host = {});

/// simulate_replicates, then the run's dataset (results_dataset).
output::Dataset simulate_dataset(const PreparedScenario& scenario, std::uint64_t seed, ReplicateRange range,
                                 unsigned threads, const std::string& command_line,
                                 std::atomic<std::uint64_t>* progress = nullptr);

}  // namespace carecast::batch
