#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <boost/program_options.hpp>

#include "batch/merge.hpp"
#include "batch/replicate_range.hpp"
#include "batch/scenario_run.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/summary_table.hpp"
#include "finance/finance_dataset.hpp"
#include "output/atomic_file.hpp"
#include "output/netcdf_writer.hpp"
#include "results/run_dataset.hpp"
#include "sim/load_scenario.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/simulation.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;

po::options_description run_options() {
    po::options_description options("Options for `carecast run SCENARIO -o OUTPUT`");
    options.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->value_name("FILE"),
                                                      "scenario file (.txtpb)")(
        "output,o", po::value<std::string>()->value_name("FILE"), "output file, ending .nc or .h5 (required)")(
        "threads,t", po::value<std::string>()->value_name("N")->default_value("0"),
        "worker threads, 0..1024 (0: as many as this process may use)")(
        "seed", po::value<std::string>()->value_name("S"), "override the scenario's random seed (0..2^64-1)")(
        "replicates,r", po::value<std::string>()->value_name("R|A:B"),
        ("override the scenario's number of replicates (1.." + std::to_string(batch::max_replicate_count()) +
         ": replicates 0..R-1), or run only replicates "
         "A..B-1 (A:B, half-open) for a partial file to join with `carecast merge`")
            .c_str())("force", "overwrite OUTPUT if it exists")(
        "progress", po::value<std::string>()->value_name("STYLE")->default_value("auto"),
        "auto, bar, log or none (progress goes to stderr)")("quiet,q", "no progress and no summary table");
    return options;
}

/// Checks the output path before any simulation so a mistake costs nothing.
std::string check_output_path(const std::filesystem::path& output, bool force) {
    const auto extension = output.extension().string();
    if (extension != ".nc" && extension != ".h5") return "output file '" + output.string() + "' must end in .nc or .h5";
    const auto directory = output.parent_path().empty() ? std::filesystem::path(".") : output.parent_path();
    if (!std::filesystem::is_directory(directory))
        return "output directory '" + directory.string() + "' does not exist";
    if (std::filesystem::exists(output) && !force)
        return "output file '" + output.string() + "' exists; use --force to overwrite it";
    try {
        output::check_output_target(output, force);  // a directory, a dangling link, a device...
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

/// Simulates on a worker thread inside a task arena of `threads` while the main thread reports progress.
RunResults simulate_with_progress(const Model& model, SimulationOptions options, unsigned threads,
                                  ProgressStyle style) {
    std::atomic<std::uint64_t> done{0};
    options.person_years_done = &done;
    ProgressReporter progress(style, estimated_person_years(model) * options.replicate_count);
    RunResults results;
    std::exception_ptr failure;
    std::atomic<bool> finished{false};
    tbb::task_arena arena(static_cast<int>(threads));
    std::thread worker([&] {
        try {
            arena.execute([&] { results = simulate(model, options); });
        } catch (...) {
            failure = std::current_exception();
        }
        finished = true;
    });
    while (!finished) {
        progress.update(done.load());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    worker.join();
    if (failure) std::rethrow_exception(failure);
    progress.finish(done.load());
    return results;
}

}  // namespace

int run_command(const std::vector<std::string>& args, const std::string& command_line) {
    const auto options = run_options();
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast run SCENARIO -o OUTPUT.nc [options]\n\n" << options;
        return exit_ok;
    }
    if (!vm.count("scenario")) return usage_error("run: missing SCENARIO file (see `carecast run --help`)");
    if (!vm.count("output")) return usage_error("run: missing -o OUTPUT (a file ending .nc or .h5)");
    const std::filesystem::path output = vm["output"].as<std::string>();
    const bool force = vm.count("force") > 0;
    ProgressStyle style = ProgressStyle::none;
    try {
        style = vm.count("quiet") ? ProgressStyle::none : parse_progress_style(vm["progress"].as<std::string>());
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    if (output.extension() != ".nc" && output.extension() != ".h5")
        return usage_error("output file '" + output.string() + "' must end in .nc or .h5");
    // Usage errors first: they cost the user nothing to fix.
    std::optional<std::uint64_t> seed;
    std::optional<std::uint32_t> replicates;
    std::optional<batch::ReplicateRange> range;
    unsigned threads = 0;
    try {
        if (vm.count("seed")) seed = parse_whole_number("seed", vm["seed"].as<std::string>(), 0, UINT64_MAX);
        if (vm.count("replicates") && vm["replicates"].as<std::string>().find(':') != std::string::npos)
            range = batch::parse_replicate_range("replicates", vm["replicates"].as<std::string>());
        else if (vm.count("replicates"))
            replicates = static_cast<std::uint32_t>(
                parse_whole_number("replicates", vm["replicates"].as<std::string>(), 1, batch::max_replicate_count()));
        threads = static_cast<unsigned>(parse_whole_number("threads", vm["threads"].as<std::string>(), 0, 1024));
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    const std::string scenario_path = vm["scenario"].as<std::string>();
    batch::PreparedScenario scenario;
    scenario.path = scenario_path;
    LoadedScenario& loaded = scenario.loaded;
    try {
        loaded = load_scenario(scenario_path);
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string() << scenario_path << ": " << e.diagnostics().items().size()
                  << " error(s); nothing was simulated\n";
        return exit_failure;
    }
    for (const auto& w : loaded.warnings) std::cerr << w << "\n";
    auto& run = loaded.config.run;
    if (seed) run.seed = *seed;
    if (replicates) run.replicates = *replicates;
    if (!range) range = batch::ReplicateRange{0, run.replicates};
    if (const auto problem = check_output_path(output, force); !problem.empty()) {
        std::cerr << "carecast: error: " << problem << "\n";
        return exit_failure;
    }
    if (threads == 0) threads = static_cast<unsigned>(tbb::info::default_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);

    scenario.model = build_model(loaded);
    const auto needed = estimated_run_bytes(scenario.model, range->count, threads);
    if (const auto problem = memory_problem(needed, usable_memory_bytes()); !problem.empty()) {
        std::cerr << "carecast: error: " << scenario_path << ": " << problem << "\n";
        return exit_failure;
    }
    const auto results =
        simulate_with_progress(scenario.model, {run.seed, range->first, range->count, nullptr}, threads, style);
    if (!vm.count("quiet")) print_summary_table(std::cout, results);
    for (const auto& w : output::results_warnings(results)) std::cerr << scenario_path << ": warning: " << w << "\n";
    if (!standard_output_works()) return exit_failure;  // the summary is lost: write no file either
    output::Dataset dataset =
        output::make_run_dataset(results, batch::make_provenance(scenario, run.seed, threads, command_line),
                                 &loaded.observed, output::ResultsDigest::later);
    try {
        output::write_run_file(dataset, output, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: writing " << output.string() << ": " << e.what() << "\n";
        return exit_failure;
    }
    std::cout << "wrote " << output.string() << " (" << batch::global_attribute(dataset, "results_digest") << ")\n";
    return exit_ok;
}

}  // namespace carecast::cli
