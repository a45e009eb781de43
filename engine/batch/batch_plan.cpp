#include "batch/batch_plan.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <google/protobuf/text_format.h>

#include "batch/merge.hpp"
#include "carecast/batch.pb.h"
#include "carecast/version.hpp"
#include "output/atomic_file.hpp"
#include "output/dataset_digest.hpp"
#include "output/netcdf_reader.hpp"

namespace carecast::batch {
namespace {

namespace fs = std::filesystem;

/// Loads every scenario once (a scenario may appear twice with different seeds); all problems at once.
void load_scenarios(BatchPlan& plan) {
    Diagnostics diagnostics;
    for (const BatchEntry& entry : plan.file.scenarios) {
        const std::string key = entry.scenario.string();
        if (plan.prepared.contains(key)) continue;
        try {
            plan.prepared[key] = prepare_scenario(entry.scenario);
        } catch (const InputError& e) {
            diagnostics.append(e.diagnostics());
        }
    }
    if (!diagnostics.empty()) throw InputError(diagnostics);
}

fs::path output_directory_of(const BatchPlan& plan, const fs::path& override_directory) {
    const fs::path directory = override_directory.empty() ? plan.file.output_directory : override_directory;
    if (directory.empty()) {
        Diagnostics diagnostics;
        diagnostics.error(plan.file.path.string(), 0, 0,
                          "output_directory: not given; set it in the batch file or use `carecast batch -o DIR`");
        throw InputError(diagnostics);
    }
    return directory;
}

void ensure_directory(const fs::path& directory) {
    std::error_code error;
    if (fs::is_directory(directory)) return;
    fs::create_directory(directory, error);
    if (error || !fs::is_directory(directory))
        throw std::runtime_error("cannot create directory " + directory.string() +
                                 (error ? ": " + error.message() : std::string()));
}

/// Takes the batch lock of `state`; throws if another batch holds it. Filesystems without flock (some
/// NFS set-ups) get no lock rather than a failure.
std::unique_ptr<DirectoryLock> lock_state_folder(const fs::path& state, std::ostream& log) {
    const fs::path path = state / "lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return std::make_unique<DirectoryLock>(fd);
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK)
        throw std::runtime_error("another carecast batch is running with output directory " +
                                 state.parent_path().string() + " (" + path.string() +
                                 " is locked); wait for it, or give this batch its own -o DIR");
    log << "carecast batch: warning: cannot lock " << path.string() << " (" << std::strerror(error)
        << "); make sure no other batch writes this directory\n";
    return nullptr;
}

/// Removes `<name>.tmp.<pid>` files beside `directory`'s `names` whose process no longer exists
/// (left by a killed run: publish_atomically never got to rename them).
void remove_stale_temporaries(const fs::path& directory, const std::vector<std::string>& names, std::ostream& log) {
    if (!fs::is_directory(directory)) return;
    for (const auto& entry : fs::directory_iterator(directory)) {
        const std::string file = entry.path().filename().string();
        for (const std::string& name : names) {
            const std::string prefix = name + ".tmp.";
            if (!file.starts_with(prefix)) continue;
            const std::string pid_text = file.substr(prefix.size());
            if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
            const auto pid = static_cast<pid_t>(std::stol(pid_text));
            if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
            std::error_code ignored;
            if (fs::remove(entry.path(), ignored))
                log << "carecast batch: removed " << entry.path().string() << " (left by an interrupted run)\n";
        }
    }
}

/// A final output that already exists must come from an earlier start of this very batch.
void check_existing_output(PlannedScenario& scenario, bool force) {
    if (!fs::exists(fs::symlink_status(scenario.output)) || force) return;
    std::string problem;
    try {
        const output::Dataset existing = output::read_netcdf4(scenario.output);
        if (global_attribute(existing, "scenario_digest") != scenario.digest ||
            global_attribute(existing, "seed") != std::to_string(scenario.seed) ||
            global_attribute(existing, "replicates") != std::to_string(scenario.replicates) ||
            global_attribute(existing, "first_replicate") != "0")
            problem = "holds a different run";
    } catch (const std::exception& e) {
        problem = std::string("cannot be read (") + e.what() + ")";
    }
    if (!problem.empty())
        throw std::runtime_error("output file " + scenario.output.string() + " exists and " + problem +
                                 "; use --force to overwrite it");
    scenario.output_exists = true;
}

void plan_units(BatchPlan& plan) {
    const fs::path state = plan.output_directory / state_folder;
    for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
        const PlannedScenario& scenario = plan.scenarios[s];
        const fs::path folder = state / fs::path(scenario.output).stem();
        for (std::uint32_t first = 0; first < scenario.replicates; first += plan.file.replicates_per_unit) {
            const std::uint32_t count = std::min(plan.file.replicates_per_unit, scenario.replicates - first);
            const ReplicateRange range{first, count};
            const std::string name = "r" + std::to_string(first) + "-" + std::to_string(range.end()) + ".nc";
            plan.units.push_back({s, range, folder / name, false, {}});
        }
    }
}

}  // namespace

DirectoryLock::~DirectoryLock() {
    ::close(fd_);
}

std::string unit_file_problem(const fs::path& file, const PlannedScenario& scenario, ReplicateRange range,
                              std::string* results_digest) {
    if (!fs::exists(fs::symlink_status(file))) return "missing";
    try {
        const output::Dataset dataset = output::read_netcdf4(file);
        if (global_attribute(dataset, "carecast_version") != engine_version)
            return "written by another carecast version";
        if (global_attribute(dataset, "scenario_digest") != scenario.digest) return "scenario or its data changed";
        if (global_attribute(dataset, "seed") != std::to_string(scenario.seed)) return "different seed";
        if (global_attribute(dataset, "first_replicate") != std::to_string(range.first) ||
            global_attribute(dataset, "replicates") != std::to_string(range.count))
            return "different replicates";
        if (global_attribute(dataset, "results_digest") != output::dataset_results_digest(dataset))
            return "results_digest does not match the arrays";
        if (results_digest != nullptr) *results_digest = global_attribute(dataset, "results_digest");
    } catch (const std::exception& e) {
        return std::string("unreadable: ") + e.what();
    }
    return {};
}

BatchPlan plan_batch(const fs::path& batch_file, const fs::path& output_override, bool force, std::ostream& log) {
    BatchPlan plan;
    plan.file = read_batch_file(batch_file);
    plan.output_directory = output_directory_of(plan, output_override);
    load_scenarios(plan);
    for (const BatchEntry& entry : plan.file.scenarios) {
        const PreparedScenario& prepared = *plan.prepared.at(entry.scenario.string());
        PlannedScenario scenario;
        scenario.path = entry.scenario;
        scenario.output = plan.output_directory / entry.output;
        scenario.digest = prepared.loaded.digest;
        scenario.seed = entry.seed.value_or(prepared.loaded.config.run.seed);
        scenario.replicates = entry.replicates.value_or(prepared.loaded.config.run.replicates);
        plan.scenarios.push_back(std::move(scenario));
    }
    if (!fs::is_directory(plan.output_directory.parent_path().empty() ? fs::path(".")
                                                                      : plan.output_directory.parent_path()))
        throw std::runtime_error("cannot create output directory " + plan.output_directory.string() +
                                 ": its parent directory does not exist");
    for (PlannedScenario& scenario : plan.scenarios) check_existing_output(scenario, force);
    ensure_directory(plan.output_directory);
    ensure_directory(plan.output_directory / state_folder);
    plan.lock = lock_state_folder(plan.output_directory / state_folder, log);
    plan_units(plan);

    std::vector<std::string> outputs = {manifest_name};
    for (const PlannedScenario& scenario : plan.scenarios) outputs.push_back(scenario.output.filename().string());
    remove_stale_temporaries(plan.output_directory, outputs, log);
    for (PlannedUnit& unit : plan.units) {
        const fs::path folder = unit.file.parent_path();
        ensure_directory(folder);
        remove_stale_temporaries(folder, {unit.file.filename().string()}, log);
        const std::string problem =
            unit_file_problem(unit.file, plan.scenarios[unit.scenario], unit.range, &unit.results_digest);
        unit.done = problem.empty();
        if (!unit.done && problem != "missing")
            log << "carecast batch: " << unit.file.string() << " will be recomputed (" << problem << ")\n";
    }
    return plan;
}

void write_manifest(const BatchPlan& plan, const std::string& status, int ranks,
                    const std::vector<std::string>& results_digests) {
    BatchManifest manifest;
    manifest.set_batch_path(plan.file.path.string());
    manifest.set_batch_name(plan.file.name);
    manifest.set_carecast_version(std::string(engine_version) + " (git " + git_revision + ")");
    manifest.set_status(status);
    manifest.set_ranks(static_cast<std::uint32_t>(ranks));
    for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
        const PlannedScenario& scenario = plan.scenarios[s];
        ManifestScenario* entry = manifest.add_scenario();
        entry->set_path(scenario.path.string());
        entry->set_output(fs::relative(scenario.output, plan.output_directory).string());
        entry->set_scenario_digest(scenario.digest);
        entry->set_seed(scenario.seed);
        entry->set_replicates(scenario.replicates);
        if (s < results_digests.size()) entry->set_results_digest(results_digests[s]);
        for (const PlannedUnit& unit : plan.units) {
            if (unit.scenario != s) continue;
            ManifestUnit* record = entry->add_unit();
            record->set_first_replicate(unit.range.first);
            record->set_replicate_count(unit.range.count);
            record->set_file(fs::relative(unit.file, plan.output_directory).string());
            record->set_status(unit.done ? "done" : "pending");
            record->set_results_digest(unit.results_digest);
        }
    }
    std::string text = "# proto-file: proto/carecast/batch.proto\n# proto-message: carecast.BatchManifest\n";
    std::string body;
    google::protobuf::TextFormat::PrintToString(manifest, &body);
    text += body;
    output::publish_atomically(plan.output_directory / manifest_name, true, [&text](const fs::path& temp) {
        std::ofstream out(temp, std::ios::binary);
        out << text;
        out.close();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    });
}

}  // namespace carecast::batch
