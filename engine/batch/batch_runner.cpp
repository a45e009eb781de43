#include "batch/batch_runner.hpp"

#include <chrono>
#include <ctime>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>

#include "batch/batch_plan.hpp"
#include "batch/dataset_codec.hpp"
#include "batch/merge.hpp"
#include "output/netcdf_reader.hpp"
#include "output/netcdf_writer.hpp"

namespace carecast::batch {
namespace {

namespace fs = std::filesystem;

/// A unit still to compute, as sent from rank 0 to every rank.
struct Task {
    std::size_t unit = 0;  // index into BatchPlan::units (rank 0 only)
    std::string scenario_path;
    std::string digest;
    std::uint64_t seed = 0;
    ReplicateRange range;
};

std::string encode_tasks(const std::vector<Task>& tasks) {
    std::ostringstream out;
    out << "OK\n";
    for (const Task& t : tasks)
        out << t.unit << '\t' << t.digest << '\t' << t.seed << '\t' << t.range.first << '\t' << t.range.count << '\t'
            << t.scenario_path << '\n';
    return out.str();
}

std::vector<Task> decode_tasks(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    if (line != "OK") throw std::runtime_error("rank 0 sent no work");
    std::vector<Task> tasks;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Task t;
        fields >> t.unit >> t.digest >> t.seed >> t.range.first >> t.range.count;
        fields.get();  // the tab before the path
        std::getline(fields, t.scenario_path);
        if (!fields && !fields.eof()) throw std::runtime_error("malformed work list from rank 0");
        tasks.push_back(std::move(t));
    }
    return tasks;
}

std::string clock_time() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::ostringstream out;
    out << std::put_time(&local, "%H:%M:%S");
    return out.str();
}

/// Loads each scenario once per rank; other ranks check that they see the same inputs as rank 0.
class ScenarioCache {
public:
    explicit ScenarioCache(std::map<std::string, std::unique_ptr<PreparedScenario>> prepared)
        : prepared_(std::move(prepared)) {}
    const PreparedScenario& get(const Task& task) {
        auto& slot = prepared_[task.scenario_path];
        if (!slot) slot = prepare_scenario(task.scenario_path);
        if (slot->loaded.digest != task.digest)
            throw std::runtime_error(task.scenario_path + ": scenario_digest " + slot->loaded.digest +
                                     " differs from rank 0's " + task.digest +
                                     " (the files differ between nodes, or changed during the batch)");
        return *slot;
    }

private:
    std::map<std::string, std::unique_ptr<PreparedScenario>> prepared_;
};

/// Joins a scenario's unit files into its output; returns its results_digest.
std::string write_scenario_output(const BatchPlan& plan, std::size_t s, const BatchOptions& options,
                                  std::ostream& log) {
    const PlannedScenario& scenario = plan.scenarios[s];
    std::vector<MergePart> parts;
    for (const PlannedUnit& unit : plan.units)
        if (unit.scenario == s) parts.push_back({unit.file.string(), output::read_netcdf4(unit.file)});
    output::Dataset merged = merge_parts(std::move(parts), "");
    merged.set_attribute("command_line", options.command_line);
    merged.set_attribute("history", options.command_line);
    const std::string digest = global_attribute(merged, "results_digest");
    if (scenario.output_exists) {
        const output::Dataset existing = output::read_netcdf4(scenario.output);
        if (global_attribute(existing, "results_digest") == digest) {
            if (!options.quiet)
                log << "carecast batch: " << scenario.output.string() << " is up to date (" << digest << ")\n";
            return digest;
        }
        throw std::runtime_error("output file " + scenario.output.string() + " exists with results_digest " +
                                 global_attribute(existing, "results_digest") + ", not " + digest +
                                 "; use --force to overwrite it");
    }
    output::write_netcdf4_file(merged, scenario.output, true);
    if (!options.quiet) log << "carecast batch: wrote " << scenario.output.string() << " (" << digest << ")\n";
    return digest;
}

/// Rank 0: plans the batch and returns the tasks, or throws.
std::vector<Task> plan_tasks(BatchPlan& plan) {
    std::vector<Task> tasks;
    for (std::size_t u = 0; u < plan.units.size(); ++u) {
        const PlannedUnit& unit = plan.units[u];
        if (unit.done) continue;
        const PlannedScenario& scenario = plan.scenarios[unit.scenario];
        tasks.push_back({u, scenario.path.string(), scenario.digest, scenario.seed, unit.range});
    }
    return tasks;
}

int finish(WorkDistributor& distributor, int status) {
    std::string text = std::to_string(status);
    distributor.broadcast(text);
    return text == "0" ? 0 : 1;
}

}  // namespace

int run_batch(const BatchOptions& options, WorkDistributor& distributor, std::ostream& log) {
    const bool root = distributor.rank() == 0;
    BatchPlan plan;
    std::string work;
    if (root) {
        try {
            plan = plan_batch(options.batch_file, options.output_directory, options.force, log);
            const std::vector<Task> tasks = plan_tasks(plan);
            work = encode_tasks(tasks);
            write_manifest(plan, "running", distributor.size(), {});
            if (!options.quiet)
                log << "carecast batch: " << plan.scenarios.size() << " scenario(s), " << plan.units.size()
                    << " work unit(s), " << plan.units.size() - tasks.size() << " already done; " << distributor.size()
                    << " rank(s) x " << options.threads << " thread(s); output in " << plan.output_directory.string()
                    << "\n";
        } catch (const InputError& e) {
            log << e.diagnostics().to_string() << options.batch_file.string() << ": " << e.diagnostics().items().size()
                << " error(s); nothing was simulated\n";
            work = "FAIL";
        } catch (const std::exception& e) {
            log << "carecast: error: " << e.what() << "\n";
            work = "FAIL";
        }
    }
    distributor.broadcast(work);
    if (work == "FAIL") return 1;
    const std::vector<Task> tasks = decode_tasks(work);
    if (!root && !options.quiet)
        log << "carecast batch: rank " << distributor.rank() << " of " << distributor.size() << ", " << options.threads
            << " thread(s)\n";

    ScenarioCache cache(std::move(plan.prepared));
    const auto started = std::chrono::steady_clock::now();
    std::size_t delivered = 0;
    const auto compute = [&](std::size_t k) {
        const Task& task = tasks[k];
        return encode_dataset(
            simulate_dataset(cache.get(task), task.seed, task.range, options.threads, options.command_line));
    };
    const auto deliver = [&](std::size_t k, const std::string& bytes) {
        PlannedUnit& unit = plan.units[tasks[k].unit];
        output::Dataset dataset = decode_dataset(bytes);
        fs::create_directories(unit.file.parent_path());
        output::write_netcdf4_file(dataset, unit.file, true);
        unit.done = true;
        unit.results_digest = global_attribute(dataset, "results_digest");
        write_manifest(plan, "running", distributor.size(), {});
        ++delivered;
        if (!options.quiet) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            log << "[" << clock_time() << "] unit " << delivered << "/" << tasks.size()
                << " done: " << plan.scenarios[unit.scenario].output.filename().string() << " replicates "
                << unit.range.to_string() << " (rank " << k % static_cast<std::size_t>(distributor.size()) << ", "
                << std::fixed << std::setprecision(1) << seconds << " s)\n";
        }
    };
    const std::vector<std::string> failures = distributor.run(tasks.size(), compute, deliver);
    if (!root) return finish(distributor, 0);

    if (!failures.empty()) {
        for (const std::string& failure : failures) log << "carecast: error: " << failure << "\n";
        log << "carecast batch: " << failures.size() << " work unit(s) failed; finished units are kept, so running "
            << "the same command again redoes only the failed ones\n";
        return finish(distributor, 1);
    }
    try {
        std::vector<std::string> digests;
        for (std::size_t s = 0; s < plan.scenarios.size(); ++s)
            digests.push_back(write_scenario_output(plan, s, options, log));
        write_manifest(plan, "complete", distributor.size(), digests);
    } catch (const std::exception& e) {
        log << "carecast: error: " << e.what() << "\n";
        return finish(distributor, 1);
    }
    return finish(distributor, 0);
}

}  // namespace carecast::batch
