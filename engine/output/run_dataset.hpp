#pragma once
// Turns a run's results into the self-describing dataset written to the output file: every count per
// replicate, its across-replicate statistics, and the provenance needed to reproduce it.
#include <string>

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
};

/// Digest of every result array, in a fixed order; equal digests mean bit-identical results.
std::string results_digest(const RunResults& results);

/// The dataset for `results`, with dimension coordinates, units, long names and provenance.
Dataset make_run_dataset(const RunResults& results, const Provenance& provenance);

}  // namespace carecast::output
