// run_phases: where the wall time of a `carecast run` goes, phase by phase, so that the fixed serial
// costs around the simulation (issue 15: model build, summaries, the output file) can be measured
// apart from the simulation itself.
//
// Runs the same steps as `carecast run SCENARIO -o FILE` (engine/cli/run_command.cpp), in the same
// order, --repeat times in one process: load and validate the scenario, build the model, simulate
// every replicate on --threads threads, print the summary table (into memory) and the results'
// warnings, describe the results as a dataset, write the netCDF file (into a temporary directory) with the
// results digest computed beside it.
// Prints, per phase, the median and best wall seconds, the median CPU seconds (all threads) and of the
// main thread alone (on a loaded machine, the estimate of the phase's wall time on idle cores), and a
// last line starting "RESULT " with the medians: serial= is every phase but the simulation.
//
//   cmake --build build --target run_phases && build/run_phases scenarios/county_durham_baseline.txtpb -r 20
//   build/run_phases scenarios/county_durham_baseline.txtpb -r 20 --shrink 100 --repeat 5   # serial phases only
//   build/run_phases ENGLAND.txtpb -r 1 -t 2 --shrink 100 --repeat 1   # every area shrunk: England's serial phases
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <boost/program_options.hpp>

#include "batch/merge.hpp"
#include "batch/scenario_run.hpp"
#include "cli/summary_table.hpp"
#include "finance/finance_dataset.hpp"
#include "output/netcdf_writer.hpp"
#include "results/run_dataset.hpp"
#include "sim/simulation.hpp"

namespace {

namespace po = boost::program_options;
using namespace carecast;

/// CPU seconds (user + system) so far of this process (all threads), or of the calling thread only.
double cpu_seconds(int who = RUSAGE_SELF) {
    rusage usage{};
    getrusage(who, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// A phase's wall seconds, CPU seconds of all threads, and CPU seconds of the main thread: the main
/// thread's CPU estimates the phase's wall time on idle cores, which other work on a shared machine
/// cannot inflate (a serial phase runs on the main thread alone; a parallel one shares its work).
struct PhaseTime {
    double wall = 0, cpu = 0, main_cpu = 0;
};

/// Times one phase: wall and CPU seconds of `f()`.
template <typename F>
PhaseTime timed(F&& f) {
    const double cpu_start = cpu_seconds(), main_start = cpu_seconds(RUSAGE_THREAD);
    const auto start = std::chrono::steady_clock::now();
    f();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), cpu_seconds() - cpu_start,
            cpu_seconds(RUSAGE_THREAD) - main_start};
}

/// The 1-minute load average (other work on the machine inflates wall time).
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

const char* const phase_names[] = {"load", "build_model", "simulate", "summary", "dataset", "write_file"};
constexpr std::size_t phase_count = std::size(phase_names);

/// One `carecast run`, phase by phase; the results' digest goes to `digest`.
std::vector<PhaseTime> run_once(const std::string& path, std::uint32_t replicates, unsigned threads, int shrink,
                                const std::filesystem::path& output, std::string& digest) {
    std::vector<PhaseTime> t;
    batch::PreparedScenario scenario;
    scenario.path = path;
    t.push_back(timed([&] { scenario.loaded = load_scenario(path); }));
    scenario.loaded.config.run.replicates = replicates;
    t.push_back(timed([&] { scenario.model = build_model(scenario.loaded); }));
    if (shrink > 1) {  // a smaller population: results of the same shape, simulated sooner
        auto shrink_model = [shrink](Model& model) {
            auto& rates = model.demography;
            for (auto& n : rates.base_counts) n /= shrink;
            for (auto& e : rates.expected_immigrants) e /= shrink;
        };
        shrink_model(scenario.model);
        for (auto& area : scenario.model.area_models) {  // each area is simulated alone: shrunk in a copy
            auto shrunk = std::make_shared<Model>(*area);
            shrink_model(*shrunk);
            area = std::move(shrunk);
        }
    }
    RunResults results;
    const auto seed = scenario.loaded.config.run.seed;
    t.push_back(timed([&] {
        tbb::task_arena arena(static_cast<int>(threads));  // gone after the simulation, as in `carecast run`
        arena.execute([&] { results = simulate(scenario.model, {seed, 0, replicates, nullptr}); });
    }));
    t.push_back(timed([&] {
        std::ostringstream table;
        cli::print_summary_table(table, results);
        for (const auto& w : output::results_warnings(results)) table << w << "\n";
    }));
    output::Dataset dataset;
    t.push_back(timed([&] {
        dataset = output::make_run_dataset(results, batch::make_provenance(scenario, seed, threads, "run_phases"),
                                           &scenario.loaded.observed, output::ResultsDigest::later);
    }));
    t.push_back(timed([&] { output::write_run_file(dataset, output, true); }));  // the digest beside it
    digest = batch::global_attribute(dataset, "results_digest");
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("run_phases SCENARIO [options]");
    options.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario file")(
        "replicates,r", po::value<std::uint32_t>()->default_value(20), "replicates")(
        "threads,t", po::value<unsigned>()->default_value(0), "threads (0: all)")(
        "repeat", po::value<int>()->default_value(3), "runs, in one process")(
        "shrink", po::value<int>()->default_value(1),
        "divide the base population and immigrants by K (of every area) after the model build (the serial phases, "
        "which "
        "depend on the results' shape, not on the population, measured without the full simulation)");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const std::exception& e) {
        std::cerr << "run_phases: " << e.what() << "\n";
        return 2;
    }
    if (vm.count("help") || !vm.count("scenario")) {
        std::cout << options;
        return vm.count("help") ? 0 : 2;
    }
    const auto replicates = vm["replicates"].as<std::uint32_t>();
    unsigned threads = vm["threads"].as<unsigned>();
    if (threads == 0) threads = static_cast<unsigned>(tbb::info::default_concurrency());
    const int repeat = std::max(1, vm["repeat"].as<int>());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    const auto directory = std::filesystem::temp_directory_path() / ("run_phases." + std::to_string(getpid()));
    std::filesystem::create_directories(directory);
    const auto output = directory / "run.nc";

    std::vector<std::vector<PhaseTime>> runs;
    std::string digest;
    try {
        for (int k = 0; k < repeat; ++k)
            runs.push_back(run_once(vm["scenario"].as<std::string>(), replicates, threads, vm["shrink"].as<int>(),
                                    output, digest));
    } catch (const std::exception& e) {
        std::cerr << "run_phases: " << e.what() << "\n";
        std::filesystem::remove_all(directory);
        return 1;
    }
    std::filesystem::remove_all(directory);

    std::printf("%-12s %10s %10s %10s %10s   (%d runs, %u replicates, %u threads, load %s)\n", "phase", "median s",
                "best s", "median CPU", "main CPU", repeat, replicates, threads, load_average().c_str());
    std::string result = "RESULT replicates=" + std::to_string(replicates) + " threads=" + std::to_string(threads);
    std::vector<double> serial_walls(runs.size(), 0.0), serial_cpus(runs.size(), 0.0), serial_mains(runs.size(), 0.0);
    for (std::size_t p = 0; p < phase_count; ++p) {
        std::vector<double> walls, cpus, mains;
        for (std::size_t k = 0; k < runs.size(); ++k) {
            walls.push_back(runs[k][p].wall);
            cpus.push_back(runs[k][p].cpu);
            mains.push_back(runs[k][p].main_cpu);
            if (std::string(phase_names[p]) != "simulate") {
                serial_walls[k] += runs[k][p].wall;
                serial_cpus[k] += runs[k][p].cpu;
                serial_mains[k] += runs[k][p].main_cpu;
            }
        }
        std::printf("%-12s %10.3f %10.3f %10.3f %10.3f\n", phase_names[p], median(walls),
                    *std::min_element(walls.begin(), walls.end()), median(cpus), median(mains));
        char field[64];
        std::snprintf(field, sizeof field, " %s=%.3f", phase_names[p], median(walls));
        result += field;
    }
    std::printf("%-12s %10.3f %10.3f %10.3f %10.3f\n", "not simulate", median(serial_walls),
                *std::min_element(serial_walls.begin(), serial_walls.end()), median(serial_cpus), median(serial_mains));
    char tail[160];
    std::snprintf(tail, sizeof tail, " serial=%.3f serial_cpu=%.3f serial_main_cpu=%.3f", median(serial_walls),
                  median(serial_cpus), median(serial_mains));
    std::cout << result << tail << " digest=" << digest << "\n";
    return 0;
}
