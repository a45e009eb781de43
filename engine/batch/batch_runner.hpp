#pragma once
// `carecast batch`: runs every work unit of a batch on the ranks of a WorkDistributor (one process or
// many under MPI), records each finished unit, and joins them into one file per scenario. Killed and
// started again, it redoes only the unfinished units and writes the same files.
#include <filesystem>
#include <ostream>
#include <string>

#include "batch/work_distributor.hpp"

namespace carecast::batch {

struct BatchOptions {
    std::filesystem::path batch_file;
    std::filesystem::path output_directory;  // empty: the batch file's output_directory
    unsigned threads = 1;                    // TBB threads of this rank (already capped by the caller)
    bool force = false;                      // overwrite final outputs that hold something else
    bool quiet = false;                      // no progress lines
    std::string command_line;                // stored in every output
};

/// Runs the batch; call on every rank. Returns the exit status (the same on every rank): 0 when every
/// output is written, 1 on invalid input or any failure (reported on stderr by rank 0).
int run_batch(const BatchOptions& options, WorkDistributor& distributor, std::ostream& log);

}  // namespace carecast::batch
