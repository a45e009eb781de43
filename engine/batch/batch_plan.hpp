#pragma once
// What a batch will do: every scenario loaded and checked, cut into work units (one scenario, one
// block of consecutive replicates), and which units are already finished from an earlier start.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "batch/batch_file.hpp"
#include "batch/replicate_range.hpp"
#include "batch/scenario_run.hpp"

namespace carecast::batch {

/// The folder inside the output directory holding finished units' files.
inline constexpr const char* state_folder = ".carecast-batch";
/// The manifest's name inside the output directory.
inline constexpr const char* manifest_name = "batch_manifest.txtpb";

struct PlannedUnit {
    std::size_t scenario = 0;  // index into BatchPlan::scenarios
    ReplicateRange range;
    std::filesystem::path file;  // its finished results (atomically written)
    bool done = false;           // a valid file from an earlier start exists
    std::string results_digest;  // of `file`, when done
};

struct PlannedScenario {
    std::filesystem::path path;
    std::filesystem::path output;  // the final file
    std::string digest;            // scenario_digest
    std::uint64_t seed = 0;
    std::uint32_t replicates = 0;
    bool output_exists = false;  // from an earlier start of this batch (checked at the end)
};

/// An exclusive flock(2) on a file, released when destroyed (or when the process dies, even by SIGKILL).
class DirectoryLock {
public:
    explicit DirectoryLock(int fd) : fd_(fd) {}
    ~DirectoryLock();
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;

private:
    int fd_;
};

struct BatchPlan {
    BatchFile file;
    std::filesystem::path output_directory;
    std::vector<PlannedScenario> scenarios;
    std::vector<PlannedUnit> units;                                     // scenario by scenario, replicates ascending
    std::map<std::string, std::unique_ptr<PreparedScenario>> prepared;  // by scenario path
    std::unique_ptr<DirectoryLock> lock;                                // one batch at a time per output directory
};

/// Reads the batch file, loads every scenario, creates the output directory and its state folder, locks
/// it (a second batch on the same directory is refused while the first runs),
/// removes temporary files left by killed runs, and finds the units already done. Throws InputError
/// (bad batch or scenario files; every problem at once) or std::runtime_error (output files that exist
/// and are not from this batch, unless `force`; directories that cannot be created).
BatchPlan plan_batch(const std::filesystem::path& batch_file, const std::filesystem::path& output_override, bool force,
                     std::ostream& log);

/// Why `file` is not the finished unit `range` of `scenario` ("" if it is, and then its results_digest
/// goes to `results_digest` when not null); reads the file.
std::string unit_file_problem(const std::filesystem::path& file, const PlannedScenario& scenario, ReplicateRange range,
                              std::string* results_digest = nullptr);

/// Writes the manifest (atomically) with `status` "running" or "complete".
void write_manifest(const BatchPlan& plan, const std::string& status, int ranks,
                    const std::vector<std::string>& results_digests);

}  // namespace carecast::batch
