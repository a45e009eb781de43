#include "batch/batch_runner.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "batch/batch_plan.hpp"
#include "batch/dataset_codec.hpp"
#include "batch/merge.hpp"
#include "core/text.hpp"
#include "output/atomic_file.hpp"
#include "output/netcdf_reader.hpp"
#include "output/netcdf_writer.hpp"

namespace carecast::batch {
namespace {

namespace fs = std::filesystem;

/// A unit still to compute, or a part of one (some of a multi-area scenario's areas), as sent from rank
/// 0 to every rank.
struct Task {
    std::size_t unit = 0;  // index into BatchPlan::units (rank 0 only)
    std::string scenario_path;
    std::string digest;
    std::uint64_t seed = 0;
    ReplicateRange range;
    std::uint32_t first_area = 0;
    std::uint32_t area_count = 0;  // 0: the whole unit, every area
};

std::string encode_tasks(const std::vector<Task>& tasks) {
    std::ostringstream out;
    out << "OK\n";
    for (const Task& t : tasks)
        out << t.unit << '\t' << t.digest << '\t' << t.seed << '\t' << t.range.first << '\t' << t.range.count << '\t'
            << t.first_area << '\t' << t.area_count << '\t' << t.scenario_path << '\n';
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
        fields >> t.unit >> t.digest >> t.seed >> t.range.first >> t.range.count >> t.first_area >> t.area_count;
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

/// Publishes a scenario's output of results `digest` with `write`, unless an output of an earlier start
/// of this batch holds the same results (kept) or other ones (refused: --force); returns the digest.
std::string publish_output(const PlannedScenario& scenario, const std::string& digest, const BatchOptions& options,
                           std::ostream& log, const std::function<void()>& write) {
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
    write();
    if (!options.quiet) log << "carecast batch: wrote " << scenario.output.string() << " (" << digest << ")\n";
    return digest;
}

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
    return publish_output(scenario, global_attribute(merged, "results_digest"), options, log,
                          [&] { output::write_netcdf4_file(merged, scenario.output, true); });
}

/// The only unit of scenario `s`.
const PlannedUnit& unit_of(const BatchPlan& plan, std::size_t s) {
    return *std::find_if(plan.units.begin(), plan.units.end(), [s](const PlannedUnit& u) { return u.scenario == s; });
}

/// The output of a scenario of one unit, whether computed now or by an earlier start: the unit's file
/// itself, which is the file `carecast run` of its replicates writes (a merge of one part would only add
/// `merged_from`); copied, not written again.
std::string copy_unit_output(const PlannedScenario& scenario, const PlannedUnit& unit, const BatchOptions& options,
                             std::ostream& log) {
    return publish_output(scenario, unit.results_digest, options, log, [&] {
        output::publish_atomically(scenario.output, true,
                                   [&](const fs::path& temp) { fs::copy_file(unit.file, temp); });
    });
}

/// Rank 0: the tasks of the units not done: a unit each, or with area_parts_per_unit that many area
/// parts of each unit of a scenario of several areas (area_part_bounds).
std::vector<Task> plan_tasks(const BatchPlan& plan) {
    std::vector<Task> tasks;
    for (std::size_t u = 0; u < plan.units.size(); ++u) {
        const PlannedUnit& unit = plan.units[u];
        if (unit.done) continue;
        const PlannedScenario& scenario = plan.scenarios[unit.scenario];
        const Task whole{u, scenario.path.string(), scenario.digest, scenario.seed, unit.range};
        const Model& model = plan.prepared.at(whole.scenario_path)->model;
        const std::vector<std::uint32_t> bounds = area_part_bounds(model, plan.file.area_parts_per_unit);
        if (bounds.size() <= 2) {
            tasks.push_back(whole);
            continue;
        }
        for (std::size_t p = 0; p + 1 < bounds.size(); ++p) {
            Task part = whole;
            part.first_area = bounds[p];
            part.area_count = bounds[p + 1] - bounds[p];
            tasks.push_back(part);
        }
    }
    return tasks;
}

/// ", the rest in T tasks (P area parts of 1 to N areas)" when units are cut into area parts, else "".
std::string parts_note(const std::vector<Task>& tasks) {
    std::size_t parts = 0;
    std::uint32_t fewest = UINT32_MAX, most = 0;
    for (const Task& task : tasks) {
        if (task.area_count == 0) continue;
        ++parts;
        fewest = std::min(fewest, task.area_count);
        most = std::max(most, task.area_count);
    }
    if (parts == 0) return "";
    return ", the rest in " + std::to_string(tasks.size()) + " tasks (" + std::to_string(parts) + " area parts of " +
           std::to_string(fewest) + " to " + std::to_string(most) + " areas)";
}

/// Rank 0: a unit whose area parts are arriving, assembled until its last part is in.
struct UnitAssembly {
    RunResults results;  // a results_frame, the parts added so far
    std::uint32_t areas_left = 0;
    std::map<std::uint32_t, std::string> hosts;  // by the part's first area
};

/// Ranks other than 0: the batch's scenarios loaded and built while rank 0 plans, so that their work
/// can start as soon as the plan arrives (all England: about 4 s on one thread, which rank 1 otherwise
/// spent after rank 0's own). Problems are left to rank 0, which reports them; the tasks' digests are
/// checked against rank 0's when used (ScenarioCache).
std::map<std::string, std::unique_ptr<PreparedScenario>> preload_scenarios(const fs::path& batch_file) {
    std::map<std::string, std::unique_ptr<PreparedScenario>> prepared;
    try {
        for (const BatchEntry& entry : read_batch_file(batch_file).scenarios) {
            auto& slot = prepared[entry.scenario.string()];
            if (!slot) slot = prepare_scenario(entry.scenario);
        }
    } catch (const std::exception&) {
        // rank 0 finds the same problem and says so
    }
    return prepared;
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
            if (plan.file.area_parts_per_unit > 1 &&
                std::none_of(plan.prepared.begin(), plan.prepared.end(),
                             [](const auto& p) { return p.second->model.area_models.size() > 1; }))
                log << "carecast batch: note: area_parts_per_unit " << plan.file.area_parts_per_unit
                    << " changes nothing: no scenario of the batch has several areas\n";
            work = encode_tasks(tasks);
            write_manifest(plan, "running", distributor.size(), {});
            if (!options.quiet)
                log << "carecast batch: " << plan.scenarios.size() << " scenario(s), " << plan.units.size()
                    << " work unit(s), "
                    << std::count_if(plan.units.begin(), plan.units.end(), [](const PlannedUnit& u) { return u.done; })
                    << " already done" << parts_note(tasks) << "; " << distributor.size() << " rank(s) x "
                    << options.threads << " thread(s); output in " << plan.output_directory.string() << "\n";
        } catch (const InputError& e) {
            log << e.diagnostics().to_string() << options.batch_file.string() << ": " << e.diagnostics().items().size()
                << " error(s); nothing was simulated\n";
            work = "FAIL";
        } catch (const std::exception& e) {
            log << "carecast: error: " << e.what() << "\n";
            work = "FAIL";
        }
    } else {
        plan.prepared = preload_scenarios(options.batch_file);
    }
    distributor.broadcast(work);
    if (work == "FAIL") return 1;
    const std::vector<Task> tasks = decode_tasks(work);
    if (!root && !options.quiet)
        log << "carecast batch: rank " << distributor.rank() << " of " << distributor.size() << ", " << options.threads
            << " thread(s)\n";

    const auto unit_count =  // on rank 0, the units this start computes
        std::count_if(plan.units.begin(), plan.units.end(), [](const PlannedUnit& u) { return !u.done; });
    ScenarioCache cache(std::move(plan.prepared));
    const auto started = std::chrono::steady_clock::now();
    std::size_t delivered = 0;
    // On rank 0 what compute made for its own tasks goes to deliver as it is, not as bytes: encoding and
    // decoding an all-England dataset cost about 10 s and held it twice more.
    std::map<std::size_t, output::Dataset> own_datasets;  // by task: a whole unit
    std::map<std::size_t, AreaPart> own_parts;            // by task: an area part
    const auto compute_task = [&](std::size_t k) -> std::string {
        const Task& task = tasks[k];
        if (task.area_count == 0) {
            output::Dataset dataset =
                simulate_dataset(cache.get(task), task.seed, task.range, options.threads, options.command_line);
            if (!root) return encode_dataset(dataset);
            own_datasets.insert_or_assign(k, std::move(dataset));
            return {};
        }
        SimulationOptions simulation{task.seed, task.range.first, task.range.count};
        simulation.first_area = task.first_area;
        simulation.area_count = task.area_count;
        AreaPart part = cut_area_part(simulate(cache.get(task).model, simulation), task.first_area, task.area_count);
        if (!root) return encode_area_part(part, host_name());
        own_parts.insert_or_assign(k, std::move(part));
        return {};
    };
    const auto compute = [&](std::size_t k) -> std::string {
        try {
            return compute_task(k);
        } catch (const std::exception& e) {  // the failure, as every rank reports it, says which task
            const Task& task = tasks[k];
            throw std::runtime_error(task.scenario_path + " replicates " + task.range.to_string() +
                                     (task.area_count == 0 ? std::string()
                                                           : ", areas " + std::to_string(task.first_area + 1) + "-" +
                                                                 std::to_string(task.first_area + task.area_count)) +
                                     ": " + e.what());
        }
    };
    std::map<std::size_t, UnitAssembly> assemblies;  // by unit
    // An area part into its unit; the unit's dataset once its last part is in, else nothing.
    const auto add_part = [&](std::size_t k, const std::string& bytes) -> std::optional<output::Dataset> {
        const Task& task = tasks[k];
        const PreparedScenario& scenario = cache.get(task);
        auto [at, fresh] = assemblies.try_emplace(task.unit);
        UnitAssembly& assembly = at->second;
        if (fresh) {
            assembly.results =
                results_frame(scenario.model, SimulationOptions{task.seed, task.range.first, task.range.count});
            assembly.areas_left = static_cast<std::uint32_t>(scenario.model.area_models.size());
        }
        std::string host = host_name();
        AreaPart part;
        if (const auto own = own_parts.find(k); own != own_parts.end()) {
            part = std::move(own->second);
            own_parts.erase(own);
        } else {
            part = decode_area_part(bytes, host);
        }
        add_area_part(assembly.results, part);
        assembly.areas_left -= part.area_count;
        assembly.hosts[part.first_area] = host;
        if (assembly.areas_left != 0) return std::nullopt;
        std::vector<std::string> hosts;  // each once, in order of areas
        for (const auto& [first_area, host] : assembly.hosts)
            if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
        output::Dataset dataset = results_dataset(scenario, assembly.results, task.seed, options.threads,
                                                  options.command_line, joined(hosts, ", "));
        assemblies.erase(at);
        return dataset;
    };
    // A scenario of one unit gets its output at once, a copy of the unit's file (copy_unit_output), instead
    // of at the end; a failure to write it is reported at the end, with the others.
    std::vector<std::size_t> units_of(plan.scenarios.size(), 0);
    for (const PlannedUnit& unit : plan.units) ++units_of[unit.scenario];
    std::map<std::size_t, std::string> output_digests;  // by scenario, outputs written already
    std::vector<std::string> output_errors;
    const auto deliver = [&](std::size_t k, const std::string& bytes) {
        const Task& task = tasks[k];
        PlannedUnit& unit = plan.units[task.unit];
        if (task.area_count != 0 && !options.quiet)
            log << "[" << clock_time() << "] areas " << task.first_area + 1 << "-" << task.first_area + task.area_count
                << " of " << plan.scenarios[unit.scenario].output.filename().string() << " replicates "
                << unit.range.to_string() << " done (rank " << k % static_cast<std::size_t>(distributor.size())
                << ")\n";
        std::optional<output::Dataset> dataset;
        if (task.area_count != 0) {
            dataset = add_part(k, bytes);
            if (!dataset) return;
        } else if (const auto own = own_datasets.find(k); own != own_datasets.end()) {
            dataset = std::move(own->second);
            own_datasets.erase(own);
        } else {
            dataset = decode_dataset(bytes);
        }
        fs::create_directories(unit.file.parent_path());
        output::write_netcdf4_file(*dataset, unit.file, true);
        unit.done = true;
        unit.results_digest = global_attribute(*dataset, "results_digest");
        write_manifest(plan, "running", distributor.size(), {});
        ++delivered;
        if (!options.quiet) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            log << "[" << clock_time() << "] unit " << delivered << "/" << unit_count
                << " done: " << plan.scenarios[unit.scenario].output.filename().string() << " replicates "
                << unit.range.to_string() << " (rank " << k % static_cast<std::size_t>(distributor.size()) << ", "
                << std::fixed << std::setprecision(1) << seconds << " s)\n";
        }
        if (units_of[unit.scenario] != 1) return;
        try {
            output_digests[unit.scenario] = copy_unit_output(plan.scenarios[unit.scenario], unit, options, log);
        } catch (const std::exception& e) {
            output_errors.push_back(e.what());
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
    if (!output_errors.empty()) {
        for (const std::string& error : output_errors) log << "carecast: error: " << error << "\n";
        return finish(distributor, 1);
    }
    try {
        std::vector<std::string> digests;
        for (std::size_t s = 0; s < plan.scenarios.size(); ++s) {
            if (const auto written = output_digests.find(s); written != output_digests.end())
                digests.push_back(written->second);
            else if (units_of[s] == 1)  // done by an earlier start
                digests.push_back(copy_unit_output(plan.scenarios[s], unit_of(plan, s), options, log));
            else
                digests.push_back(write_scenario_output(plan, s, options, log));
        }
        write_manifest(plan, "complete", distributor.size(), digests);
    } catch (const std::exception& e) {
        log << "carecast: error: " << e.what() << "\n";
        return finish(distributor, 1);
    }
    return finish(distributor, 0);
}

}  // namespace carecast::batch
