#include "batch/scenario_run.hpp"

#include <unistd.h>

#include <array>

#include "sim/simulation.hpp"

namespace carecast::batch {

std::string host_name() {
    std::array<char, 256> name{};
    if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "unknown";
    return name.data();
}

std::unique_ptr<PreparedScenario> prepare_scenario(const std::filesystem::path& path) {
    auto scenario = std::make_unique<PreparedScenario>();
    scenario->path = path.string();
    scenario->loaded = load_scenario(path);
    scenario->model = build_model(scenario->loaded);
    return scenario;
}

output::Provenance make_provenance(const PreparedScenario& scenario, std::uint64_t seed, unsigned threads,
                                   const std::string& command_line) {
    const LoadedScenario& loaded = scenario.loaded;
    output::Provenance provenance;
    provenance.scenario_name = loaded.config.name;
    provenance.scenario_description = loaded.config.description;
    provenance.scenario_path = scenario.path;
    provenance.scenario_text = loaded.file->text;
    provenance.resolved_scenario = loaded.resolved_text;
    provenance.scenario_digest = loaded.digest;
    provenance.command_line = command_line;
    provenance.host = host_name();
    provenance.seed = seed;
    provenance.threads = threads;
    provenance.warnings = loaded.warnings;
    provenance.what_if_changes = loaded.changes;
    return provenance;
}

RunResults simulate_replicates(const PreparedScenario& scenario, std::uint64_t seed, ReplicateRange range,
                               std::atomic<std::uint64_t>* progress) {
    return simulate(scenario.model, SimulationOptions{seed, range.first, range.count, progress});
}

output::Dataset simulate_dataset(const PreparedScenario& scenario, std::uint64_t seed, ReplicateRange range,
                                 unsigned threads, const std::string& command_line,
                                 std::atomic<std::uint64_t>* progress) {
    return results_dataset(scenario, simulate_replicates(scenario, seed, range, progress), seed, threads, command_line);
}

output::Dataset results_dataset(const PreparedScenario& scenario, const RunResults& results, std::uint64_t seed,
                                unsigned threads, const std::string& command_line, const std::string& host) {
    output::Provenance provenance = make_provenance(scenario, seed, threads, command_line);
    if (!host.empty()) provenance.host = host;
    return output::make_run_dataset(results, provenance, &scenario.loaded.observed);
}

}  // namespace carecast::batch
