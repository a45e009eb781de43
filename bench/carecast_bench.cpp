// carecast_bench: how fast and how lean the demographic core is.
//
// Loads a scenario, optionally multiplies its base population (and expected immigrants) by --scale,
// and simulates --replicates replicates on --threads threads, --repeat times. Reports
//   * simulated person-years, counted exactly from the results: for every replicate, the population
//     alive at the start of each interval (years 0..Y-1 of the population array);
//   * wall time (best and median of the repeats), person-years per second, and per second per core
//     (divided by the threads used);
//   * with --memory (one run, meant to be the only case in its process): peak resident memory above
//     the resident memory after loading inputs, per simulated person alive at once (the largest
//     mid-year population of a replicate times the replicates running concurrently,
//     min(threads, replicates)).
// Every run ends with one machine-readable line starting "RESULT ". Targets (issue): at least
// 20 million person-years per second per core, at most 64 bytes per simulated person.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "core/diagnostics.hpp"
#include "output/run_dataset.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/simulation.hpp"

namespace {

namespace po = boost::program_options;
using namespace carecast;

/// A "Vm...:  1234 kB" field of /proc/self/status, in bytes; -1 if absent.
std::int64_t proc_status_bytes(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) != 0) continue;
        std::istringstream in(line.substr(field.size() + 1));
        std::int64_t kb = -1;
        in >> kb;
        return kb < 0 ? -1 : kb * 1024;
    }
    return -1;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0: "5" > /proc/self/clear_refs). Returns success.
bool reset_peak_rss() {
    std::ofstream clear("/proc/self/clear_refs");
    if (!clear) return false;
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

/// CPU time used by this process so far (all threads, user + system), in seconds.
double process_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// The 1-minute load average: other work on the machine makes wall-time figures pessimistic.
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one.empty() ? "unknown" : one;
}

struct Counted {
    std::uint64_t person_years = 0;  // sum over replicates of the population at the start of each interval
    std::int64_t peak_alive = 0;     // largest mid-year population of any one replicate
};

/// The population counts [year 0..Y][cell] of one replicate, whether ReplicateCounts exposes them as
/// a member or (as planned with registered measures) through population().
template <class Replicate>
const std::vector<std::int32_t>& population_counts(const Replicate& replicate) {
    if constexpr (requires { replicate.population(); })
        return replicate.population();
    else
        return replicate.population;
}

Counted count(const RunResults& results) {
    Counted c;
    const std::size_t cells = results.grid.cell_count();
    for (const auto& replicate : results.replicates) {
        for (int year = 0; year < results.year_count(); ++year) {
            const auto* row = population_counts(replicate).data() + static_cast<std::size_t>(year) * cells;
            const std::int64_t alive = std::accumulate(row, row + cells, std::int64_t{0});
            if (year < results.interval_count()) c.person_years += static_cast<std::uint64_t>(alive);
            c.peak_alive = std::max(c.peak_alive, alive);
        }
    }
    return c;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("carecast_bench [SCENARIO] [options]");
    options.add_options()
        ("help,h", "show this help")
        ("scenario", po::value<std::string>()->default_value("scenarios/county_durham_baseline.txtpb"),
         "scenario file (.txtpb)")
        ("case", po::value<std::string>()->default_value(""), "label for the RESULT line (default: derived)")
        ("scale", po::value<unsigned>()->default_value(1), "multiply base population and immigrants by K")
        ("replicates,r", po::value<std::uint32_t>()->default_value(1), "replicates per run")
        ("threads,t", po::value<unsigned>()->default_value(1), "worker threads (0: all available)")
        ("repeat", po::value<unsigned>()->default_value(3), "timed runs (best and median reported)")
        ("memory", "measure peak memory per person instead of time: one run, run it in its own process")
        ("seed", po::value<std::uint64_t>(), "override the scenario's seed")
        ("target-mpy", po::value<double>()->default_value(20.0), "target: million person-years/s/core")
        ("target-bytes", po::value<double>()->default_value(64.0), "target: bytes per simulated person")
        ("enforce", "exit with status 3 if the measured figure misses its target");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "carecast_bench: " << e.what() << "\n" << options;
        return 2;
    }
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    const std::string scenario = vm["scenario"].as<std::string>();
    const unsigned scale = vm["scale"].as<unsigned>();
    const std::uint32_t replicates = vm["replicates"].as<std::uint32_t>();
    unsigned threads = vm["threads"].as<unsigned>();
    if (threads == 0) threads = static_cast<unsigned>(tbb::info::default_concurrency());
    const bool memory_mode = vm.count("memory") > 0;
    const unsigned repeat = memory_mode ? 1u : std::max(1u, vm["repeat"].as<unsigned>());
    if (scale < 1 || scale > 1000 || replicates < 1 || replicates > 100000 || threads > 1024) {
        std::cerr << "carecast_bench: need 1 <= --scale <= 1000, 1 <= --replicates <= 100000, --threads <= 1024\n";
        return 2;
    }
    std::string label = vm["case"].as<std::string>();
    if (label.empty()) label = scale == 1 ? "baseline" : "x" + std::to_string(scale);

    LoadedScenario loaded;
    try {
        loaded = load_scenario(scenario);
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string() << scenario << ": cannot load\n";
        return 1;
    }
    const std::uint64_t seed = vm.count("seed") ? vm["seed"].as<std::uint64_t>() : loaded.config.run.seed;
    Model model = build_model(loaded);
    // A population K times larger: every base cell and every arrival stream times K (cohort rates are
    // shares, so they do not change).
    auto& rates = model.demography;
    for (auto& n : rates.base_counts) n *= scale;
    for (auto& e : rates.expected_immigrants) e *= scale;
    const std::int64_t base_population = std::accumulate(rates.base_counts.begin(), rates.base_counts.end(),
                                                         std::int64_t{0});

    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads));
    // Start the arena's workers before the baseline so their stacks are not counted per person.
    arena.execute([] { tbb::parallel_for(0, 1024, [](int) {}); });

    const bool peak_reset = memory_mode && reset_peak_rss();
    const std::int64_t baseline_rss = proc_status_bytes("VmRSS");

    std::cout << "case " << label << ": " << scenario << ", scale " << scale << " (base population "
              << base_population << "), " << rates.interval_count() << " years, " << replicates << " replicate(s), "
              << threads << " thread(s), " << (memory_mode ? "memory run" : std::to_string(repeat) + " timed run(s)")
              << "\n";

    std::vector<double> seconds, cpu_seconds;
    const std::string load_before = load_average();
    Counted counted;
    std::string digest;
    for (unsigned i = 0; i < repeat; ++i) {
        RunResults results;
        const double cpu_start = process_cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        arena.execute([&] { results = simulate(model, {seed, 0, replicates, nullptr}); });
        const auto stop = std::chrono::steady_clock::now();
        cpu_seconds.push_back(process_cpu_seconds() - cpu_start);
        seconds.push_back(std::chrono::duration<double>(stop - start).count());
        counted = count(results);
        const std::string d = output::results_digest(results);
        if (!digest.empty() && d != digest) {
            std::cerr << "carecast_bench: repeat " << i << " gave different results (" << d << " vs " << digest << ")\n";
            return 1;
        }
        digest = d;
        std::cout << "  run " << i + 1 << ": " << std::fixed << std::setprecision(3) << seconds.back() << " s wall, "
                  << cpu_seconds.back() << " s CPU\n";
    }
    const double best = *std::min_element(seconds.begin(), seconds.end());
    const double med = median(seconds);
    const double py = static_cast<double>(counted.person_years);
    const double mpy_per_s = py / med / 1e6;
    const double mpy_per_s_per_core = mpy_per_s / threads;
    const double best_mpy_per_s_per_core = py / best / 1e6 / threads;
    const double med_cpu = median(cpu_seconds);
    const double mpy_per_cpu_s = py / med_cpu / 1e6;
    const unsigned concurrent = std::min<unsigned>(threads, replicates);
    const std::int64_t peak_persons = counted.peak_alive * concurrent;

    std::ostringstream result;
    result << std::fixed << "RESULT case=" << label << " mode=" << (memory_mode ? "memory" : "time")
           << " scale=" << scale << " replicates=" << replicates << " threads=" << threads
           << " person_years=" << counted.person_years << std::setprecision(4) << " seconds=" << med
           << " best_seconds=" << best << std::setprecision(2) << " mpy_per_s=" << mpy_per_s
           << " mpy_per_s_per_core=" << mpy_per_s_per_core << " best_mpy_per_s_per_core=" << best_mpy_per_s_per_core
           << std::setprecision(4) << " cpu_seconds=" << med_cpu << std::setprecision(2) << " mpy_per_cpu_s=" << mpy_per_cpu_s
           << " load_before=" << load_before << " load_after=" << load_average();
    bool missed = false;
    if (memory_mode) {
        const std::int64_t hwm = proc_status_bytes("VmHWM");
        const double bytes_per_person = static_cast<double>(hwm - baseline_rss) / static_cast<double>(peak_persons);
        std::cout << "  resident after loading " << baseline_rss / 1024 << " kB, peak " << hwm / 1024 << " kB"
                  << (peak_reset ? "" : " (could not reset VmHWM: peak may include loading)") << "\n"
                  << "  peak simulated persons alive at once " << peak_persons << " (" << counted.peak_alive
                  << " x " << concurrent << " concurrent replicate(s))\n";
        const bool met = bytes_per_person <= vm["target-bytes"].as<double>();
        missed = !met;
        result << " baseline_rss_kb=" << baseline_rss / 1024 << " peak_rss_kb=" << hwm / 1024
               << " peak_persons=" << peak_persons << std::setprecision(1) << " bytes_per_person=" << bytes_per_person
               << " target_bytes=" << vm["target-bytes"].as<double>() << " memory_target=" << (met ? "met" : "missed");
    } else {
        const bool met = mpy_per_s_per_core >= vm["target-mpy"].as<double>();
        missed = !met;
        result << std::setprecision(1) << " target_mpy=" << vm["target-mpy"].as<double>()
               << " speed_target=" << (met ? "met" : "missed");
    }
    result << " digest=" << digest;
    std::cout << "  " << counted.person_years << " person-years, median " << std::setprecision(3) << med
              << " s: " << std::setprecision(2) << mpy_per_s << " M person-years/s, " << mpy_per_s_per_core
              << " M per core (best " << best_mpy_per_s_per_core << "); " << mpy_per_cpu_s
              << " M per CPU-second\n"
              << result.str() << std::endl;
    return missed && vm.count("enforce") ? 3 : 0;
}
