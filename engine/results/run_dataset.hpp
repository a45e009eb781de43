#pragma once
// Turns a run's results into the self-describing dataset written to the output file: every count per
// replicate, its across-replicate statistics, and the provenance needed to reproduce it.
#include <filesystem>
#include <string>
#include <vector>

#include "observed/observed_inputs.hpp"
#include "output/dataset.hpp"
#include "sim/run_results.hpp"

namespace carecast::output {

/// What produced a run, stored verbatim as global attributes.
struct Provenance {
    std::string scenario_name;
    std::string scenario_description;
    std::string scenario_path;
    std::string scenario_text;      // the file as written by the user
    std::string resolved_scenario;  // after inheritance (`extends`), in canonical text format
    std::string scenario_digest;    // of the resolved scenario and every data file it reads
    std::string command_line;
    std::uint64_t seed = 0;
    unsigned threads = 0;
    std::string host;                   // the machine that simulated the replicates (gethostname); last, so older
                                        // positional initialisers still compile
    std::vector<std::string> warnings;  // plausibility warnings of the scenario (file:line:col: warning: ...)
    std::vector<std::string> what_if_changes;  // with `extends`: every field changed from the parent
};

/// Digest of a run's raw counts and every completed stay, in a fixed order. Stricter than the file's
/// `results_digest` attribute (output/dataset_digest.hpp, over the written per-replicate arrays, which
/// see stays only through their statistics); used where the results are in memory (tests, benchmark).
std::string counts_digest(const RunResults& results);

/// Whether make_run_dataset computes the `results_digest` attribute or leaves it to the caller.
enum class ResultsDigest {
    now,
    later  // holds pending_results_digest: computed while the file is written (write_run_file)
};
inline constexpr const char* pending_results_digest = "pending";

/// The dataset for `results`, with dimension coordinates, units, long names and provenance; with
/// `observed`, also the published figures beside the projection (results/observed_dataset.hpp).
Dataset make_run_dataset(const RunResults& results, const Provenance& provenance,
                         const ObservedInputs* observed = nullptr, ResultsDigest digest = ResultsDigest::now);

/// Writes a dataset made with ResultsDigest::later to `target` (as write_netcdf4_file), its results
/// digest computed beside the writing and stored in the dataset and the file. The digest is one serial
/// pass over every count (40 ms for 20 County Durham replicates) and the writing leaves a core idle at
/// times, so a run's output is ready sooner than digest first, then file.
void write_run_file(Dataset& dataset, const std::filesystem::path& target, bool overwrite);

}  // namespace carecast::output
