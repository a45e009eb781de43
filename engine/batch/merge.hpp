#pragma once
// Joining runs of the same scenario that hold different replicates (Slurm array tasks, batch work
// units) into one dataset, bit-identical to running all those replicates in one process.
#include <stdexcept>
#include <string>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::batch {

/// One input of a merge: a dataset and the name it is reported under (usually its file path).
struct MergePart {
    std::string name;
    output::Dataset dataset;
};

/// A merge that cannot be done; the message lists every problem, naming the parts and replicates.
class MergeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Merges `parts` (in any order). Checks that every part has the same scenario_digest, seed and
/// carecast_version, a results_digest matching its arrays, the same dimensions (but `replicate`), the
/// same variables and identical values of every variable without a `replicate` dimension; that the
/// replicates together are consecutive, none missing or doubled. Then concatenates every variable whose
/// first dimension is `replicate` in replicate order, recomputes every `X_summary` from the merged `X`,
/// and sets the replicates, first_replicate and results_digest attributes. Provenance of every part,
/// in replicate order: `merged_from` has one line per part (its replicates, name, host, threads and
/// command line; a part that is itself merged gives its own `merged_from` lines), `history` every part's
/// history lines once each, `host` every distinct host. Other global attributes come from the part with
/// the lowest replicates; `command_line` (when not empty) is appended to `history` and stored as
/// `command_line`. Throws MergeError.
output::Dataset merge_parts(std::vector<MergePart> parts, const std::string& command_line);

/// The value of global attribute `name`, or "" if absent.
std::string global_attribute(const output::Dataset& dataset, const std::string& name);

}  // namespace carecast::batch
