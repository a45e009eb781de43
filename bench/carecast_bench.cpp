// carecast_bench: how fast and how lean the simulation is (the demographic core alone, or the full model
// with every cohort module: whichever modules the scenario enables).
//
// Loads a scenario, builds its Model, optionally multiplies its base population (and expected
// immigrants) by --scale, and simulates --replicates replicates on --threads threads, --repeat times.
// Each run happens in a child process forked after loading (the parent never starts a thread), so every
// run starts from the memory state of a fresh `carecast run` (with --in-process, the runs share one
// process, and runs after the first reuse memory the allocator kept: faster than a real run).
// Reports
//   * simulated person-years, counted exactly from the results: for every replicate, the population
//     alive at the start of each interval (years 0..Y-1 of the population array);
//   * wall time (best and median of the runs), person-years per second, and per second per core
//     (divided by the threads used); CPU time (user + system, all threads) per person-year, which other
//     work on the machine disturbs far less than wall time; system time and minor page faults; the
//     cores other work kept busy during the run (machine busy time from /proc/stat minus our own);
//   * with --measure memory|both: peak resident memory of a run above the resident memory after loading
//     inputs and building the model, per simulated person alive at once (the largest mid-year population
//     of a replicate times the replicates running concurrently, min(threads, replicates)); the largest
//     over the runs (only the first with --in-process).
// Every run ends with one machine-readable line starting "RESULT ". Targets (issues 2 and 3):
//   demographic core: >= 20 M person-years/s/core, <= 64 bytes/person (the defaults);
//   full model:       >= 10 M person-years/s/core, <= 96 bytes/person (--target-mpy 10 --target-bytes 96).
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <boost/program_options.hpp>

#include "cohorts/modules.hpp"
#include "core/diagnostics.hpp"
#include "results/run_dataset.hpp"
#include "sim/load_scenario.hpp"
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

/// CPU time (all threads) and minor page faults of this process so far.
struct Usage {
    double cpu_seconds = 0;  // user + system
    double system_seconds = 0;
    std::int64_t minor_faults = 0;

    static Usage now() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto seconds = [](const timeval& t) {
            return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
        };
        return {seconds(usage.ru_utime) + seconds(usage.ru_stime), seconds(usage.ru_stime), usage.ru_minflt};
    }
    Usage operator-(const Usage& o) const {
        return {cpu_seconds - o.cpu_seconds, system_seconds - o.system_seconds, minor_faults - o.minor_faults};
    }
};

/// The enabled cohort modules of `model`, e.g. "dementia,couples,carers"; "none" for the core alone.
std::string enabled_modules(const Model& model) {
    const auto& c = model.config();
    std::string list;
    auto add = [&](bool on, std::string_view name) {
        if (!on) return;
        if (!list.empty()) list += ',';
        list += name;
    };
    // Every cohort module by its own name (cohorts/modules.hpp), then the prevalence cohorts, which are
    // counted from rates and are not a module.
    CohortModules::for_each([&]<typename M>() { add(is_enabled<M>(c), M::name); });
    add(c.prevalence.enabled, "prevalence");
    return list.empty() ? "none" : list;
}

/// CPU-seconds the whole machine has spent busy (not idle or waiting for I/O) since boot, from /proc/stat.
double machine_busy_seconds() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    in >> cpu;
    double busy = 0;
    for (int field = 0; field < 8; ++field) {  // user nice system idle iowait irq softirq steal
        double jiffies = 0;
        in >> jiffies;
        if (field != 3 && field != 4) busy += jiffies;
    }
    return busy / static_cast<double>(sysconf(_SC_CLK_TCK));
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

/// What one run measured. Trivially copyable: a forked child sends it to the parent through a pipe.
struct RunFigures {
    double seconds = 0, cpu_seconds = 0, system_seconds = 0, other_cores = 0;
    std::int64_t minor_faults = 0, baseline_rss = 0, peak_rss = 0;
    bool peak_reset = false;
    unsigned threads_seen = 0;  // distinct threads that ran the warm-up's tasks
    Counted counted;
    std::array<char, 64> digest{};
    std::array<std::uint64_t, 32> philox_by_module{};  // Philox blocks by module (counting build only)
};

/// One simulation of every replicate on `threads` threads, with its time, CPU, page faults and memory.
RunFigures run_once(const Model& model, std::uint64_t seed, std::uint32_t replicates, unsigned threads) {
    RunFigures f;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads));
    // Start the arena's workers before the baseline so their stacks are not counted per person, and check
    // that they start: in a child forked after the parent had started TBB's workers there are none (their
    // threads are not copied by fork), and a run "on 2 threads" would run on one.
    std::mutex seen_mutex;
    std::vector<std::thread::id> seen;
    arena.execute([&] {
        tbb::parallel_for(0, static_cast<int>(8 * threads), [&](int) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            const std::lock_guard lock(seen_mutex);
            if (std::find(seen.begin(), seen.end(), std::this_thread::get_id()) == seen.end())
                seen.push_back(std::this_thread::get_id());
        });
    });
    f.threads_seen = static_cast<unsigned>(seen.size());
    f.peak_reset = reset_peak_rss();
    f.baseline_rss = proc_status_bytes("VmRSS");
    RunResults results;
    const Usage usage_start = Usage::now();
    const double busy_start = machine_busy_seconds();
#ifdef CARECAST_COUNT_PHILOX  // bench/count_philox.hpp, force-included by bench/count_philox.sh
    for (auto& n : philox_count::by_module) n = 0;
#endif
    const auto start = std::chrono::steady_clock::now();
    arena.execute([&] { results = simulate(model, {seed, 0, replicates, nullptr}); });
    const auto stop = std::chrono::steady_clock::now();
#ifdef CARECAST_COUNT_PHILOX
    for (std::size_t m = 0; m < f.philox_by_module.size(); ++m) f.philox_by_module[m] = philox_count::by_module[m];
#endif
    const Usage used = Usage::now() - usage_start;
    const double busy = machine_busy_seconds() - busy_start;
    f.peak_rss = proc_status_bytes("VmHWM");  // the peak of this run, with its results held
    f.seconds = std::chrono::duration<double>(stop - start).count();
    f.cpu_seconds = used.cpu_seconds;
    f.system_seconds = used.system_seconds;
    f.minor_faults = used.minor_faults;
    // Cores kept busy by other work during the run: the machine's busy CPU time minus our own.
    f.other_cores = std::max(0.0, busy - used.cpu_seconds) / f.seconds;
    f.counted = count(results);
    const std::string digest = output::counts_digest(results);
    std::strncpy(f.digest.data(), digest.c_str(), f.digest.size() - 1);
    return f;
}

/// run_once in a forked child, so that the run starts from the parent's memory state (inputs loaded,
/// nothing simulated yet), as a fresh process would. The parent must not have started any thread.
bool run_in_child(const Model& model, std::uint64_t seed, std::uint32_t replicates, unsigned threads,
                  RunFigures& figures) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    std::cout.flush();
    const pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) {
        close(fds[0]);
        const RunFigures f = run_once(model, seed, replicates, threads);
        const auto* bytes = reinterpret_cast<const char*>(&f);
        std::size_t written = 0;
        while (written < sizeof f) {
            const ssize_t n = write(fds[1], bytes + written, sizeof f - written);
            if (n <= 0) _exit(1);
            written += static_cast<std::size_t>(n);
        }
        _exit(0);
    }
    close(fds[1]);
    auto* bytes = reinterpret_cast<char*>(&figures);
    std::size_t got = 0;
    while (got < sizeof figures) {
        const ssize_t n = read(fds[0], bytes + got, sizeof figures - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    return got == sizeof figures && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("carecast_bench [SCENARIO] [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("scenario", po::value<std::string>()->default_value("scenarios/county_durham_baseline.txtpb"),
         "scenario file (.txtpb)")
        ("case", po::value<std::string>()->default_value(""), "label for the RESULT line (default: derived)")
        ("scale", po::value<unsigned>()->default_value(1), "multiply base population and immigrants by K")
        ("replicates,r", po::value<std::uint32_t>()->default_value(1), "replicates per run")
        ("threads,t", po::value<unsigned>()->default_value(1), "worker threads (0: all available)")
        ("repeat", po::value<unsigned>()->default_value(3), "timed runs (best and median reported)")
        ("in-process", "run the repeats in this process, not each in a fresh forked child")
        ("measure", po::value<std::string>()->default_value("time"),
         "time: speed against its target; memory: one run, peak memory per person against its target; "
         "both: --repeat runs, speed and memory from all")
        ("memory", "same as --measure memory")
        ("seed", po::value<std::uint64_t>(), "override the scenario's seed")
        ("config", po::value<std::string>()->default_value(""), "configuration label for the RESULT line (default: scenario name)")
        ("target-mpy", po::value<double>()->default_value(20.0), "target: million person-years/s/core")
        ("target-bytes", po::value<double>()->default_value(64.0), "target: bytes per simulated person")
        ("enforce", "exit with status 3 if the measured figure misses its target");
    // clang-format on
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
    const std::string measure = vm.count("memory") ? "memory" : vm["measure"].as<std::string>();
    if (measure != "time" && measure != "memory" && measure != "both") {
        std::cerr << "carecast_bench: --measure must be time, memory or both\n";
        return 2;
    }
    const bool memory_mode = measure != "time", speed_mode = measure != "memory";
    const unsigned repeat = speed_mode ? std::max(1u, vm["repeat"].as<unsigned>()) : 1u;
    if (scale < 1 || scale > 1000 || replicates < 1 || replicates > 100000 || threads > 1024) {
        std::cerr << "carecast_bench: need 1 <= --scale <= 1000, 1 <= --replicates <= 100000, --threads <= 1024\n";
        return 2;
    }
    std::string label = vm["case"].as<std::string>();
    if (label.empty()) label = scale == 1 ? "baseline" : "x" + std::to_string(scale);
    std::string config = vm["config"].as<std::string>();
    if (config.empty()) {
        const auto slash = scenario.find_last_of('/');
        config = scenario.substr(slash == std::string::npos ? 0 : slash + 1);
        config = config.substr(0, config.find('.'));
    }

    LoadedScenario loaded;
    try {
        loaded = load_scenario(scenario);
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string() << scenario << ": cannot load\n";
        return 1;
    }
    const std::uint64_t seed = vm.count("seed") ? vm["seed"].as<std::uint64_t>() : loaded.config.run.seed;
    // The parent must have no thread but this one when it forks the runs (fork copies only the calling
    // thread, and TBB in the child would then run on one): the build's parallel parts (the dementia fit
    // runs the two sexes side by side) start TBB's workers, so the build ends by waiting for them to end.
    tbb::task_scheduler_handle scheduler{tbb::attach{}};
    Model model = build_model(loaded);
    if (!tbb::finalize(scheduler, std::nothrow)) {
        std::cerr << "carecast_bench: TBB's worker threads did not end after the model build\n";
        return 1;
    }
    // A population K times larger: every base cell and every arrival stream times K (cohort rates are
    // shares, so they do not change).
    auto& rates = model.demography;
    for (auto& n : rates.base_counts) n *= scale;
    for (auto& e : rates.expected_immigrants) e *= scale;
    const std::int64_t base_population =
        std::accumulate(rates.base_counts.begin(), rates.base_counts.end(), std::int64_t{0});

    RunFigures f;
    const bool in_process = vm.count("in-process") > 0;
    std::cout << "case " << config << "/" << label << ": " << scenario << " (cohort modules: " << enabled_modules(model)
              << "), scale " << scale << " (base population " << base_population << "), " << rates.interval_count()
              << " years, " << replicates << " replicate(s), " << threads << " thread(s), " << repeat << " run(s)"
              << (in_process ? " in this process" : ", each in a fresh child process") << "\n";

    std::vector<double> seconds, cpu_seconds, system_seconds, minor_faults, other_cores;
    std::vector<RunFigures> runs;
    const std::string load_before = load_average();
    Counted counted;
    std::string digest;
    for (unsigned i = 0; i < repeat; ++i) {
        RunFigures f;
        if (in_process) {
            f = run_once(model, seed, replicates, threads);
        } else if (!run_in_child(model, seed, replicates, threads, f)) {
            std::cerr << "carecast_bench: run " << i + 1 << " failed in its child process\n";
            return 1;
        }
        if (f.threads_seen < threads) {
            std::cerr << "carecast_bench: run " << i + 1 << " had " << f.threads_seen << " of its " << threads
                      << " threads (did the parent start TBB threads before fork?); its times are not valid\n";
            return 1;
        }
        runs.push_back(f);
        seconds.push_back(f.seconds);
        cpu_seconds.push_back(f.cpu_seconds);
        system_seconds.push_back(f.system_seconds);
        minor_faults.push_back(static_cast<double>(f.minor_faults));
        other_cores.push_back(f.other_cores);
        counted = f.counted;
        const std::string d = f.digest.data();
        if (!digest.empty() && d != digest) {
            std::cerr << "carecast_bench: run " << i + 1 << " gave different results (" << d << " vs " << digest
                      << ")\n";
            return 1;
        }
        digest = d;
        std::cout << "  run " << i + 1 << ": " << std::fixed << std::setprecision(3) << f.seconds << " s wall, "
                  << f.cpu_seconds << " s CPU (" << f.system_seconds << " s system, " << f.minor_faults
                  << " minor page faults); other work kept " << std::setprecision(2) << f.other_cores
                  << " cores busy; peak " << (f.peak_rss - f.baseline_rss) / 1024 << " kB above "
                  << f.baseline_rss / 1024 << " kB\n";
    }
    // Memory: the largest peak above the baseline over the runs (only the first is clean in one process).
    const RunFigures& memory_run =
        in_process ? runs.front()
                   : *std::max_element(runs.begin(), runs.end(), [](const RunFigures& a, const RunFigures& b) {
                         return a.peak_rss - a.baseline_rss < b.peak_rss - b.baseline_rss;
                     });
    const std::int64_t hwm = memory_run.peak_rss, baseline_rss = memory_run.baseline_rss;
    const bool peak_reset = memory_run.peak_reset;
    const double best = *std::min_element(seconds.begin(), seconds.end());
    const double med = median(seconds);
    const double py = static_cast<double>(counted.person_years);
    const double mpy_per_s = py / med / 1e6;
    const double mpy_per_s_per_core = mpy_per_s / threads;
    const double best_mpy_per_s_per_core = py / best / 1e6 / threads;
    const double med_cpu = median(cpu_seconds);
    const double mpy_per_cpu_s = py / med_cpu / 1e6;
    const double cpu_ns_per_py = med_cpu / py * 1e9;
    const unsigned concurrent = std::min<unsigned>(threads, replicates);
    const std::int64_t peak_persons = counted.peak_alive * concurrent;

    std::ostringstream result;
    result << std::fixed << "RESULT config=" << config << " case=" << label << " mode=" << measure
           << " modules=" << enabled_modules(model) << " scale=" << scale << " replicates=" << replicates
           << " threads=" << threads << " person_years=" << counted.person_years << std::setprecision(4)
           << " seconds=" << med << " best_seconds=" << best << std::setprecision(2) << " mpy_per_s=" << mpy_per_s
           << " mpy_per_s_per_core=" << mpy_per_s_per_core << " best_mpy_per_s_per_core=" << best_mpy_per_s_per_core
           << std::setprecision(4) << " cpu_seconds=" << med_cpu << std::setprecision(2)
           << " mpy_per_cpu_s=" << mpy_per_cpu_s << std::setprecision(1) << " cpu_ns_per_py=" << cpu_ns_per_py
           << std::setprecision(3) << " system_seconds=" << median(system_seconds) << std::setprecision(0)
           << " minor_faults=" << median(minor_faults) << " peak_alive=" << counted.peak_alive << std::setprecision(2)
           << " other_cores=" << median(other_cores)
           << " max_other_cores=" << *std::max_element(other_cores.begin(), other_cores.end())
           << " load_before=" << load_before << " load_after=" << load_average();
    bool missed = false;
    if (memory_mode) {
        const double bytes_per_person = static_cast<double>(hwm - baseline_rss) / static_cast<double>(peak_persons);
        std::cout << "  resident after loading " << baseline_rss / 1024 << " kB, peak " << hwm / 1024 << " kB"
                  << (peak_reset ? "" : " (could not reset VmHWM: peak may include loading)") << "\n"
                  << "  peak simulated persons alive at once " << peak_persons << " (" << counted.peak_alive << " x "
                  << concurrent << " concurrent replicate(s))\n";
        const bool met = bytes_per_person <= vm["target-bytes"].as<double>();
        missed = missed || !met;
        result << " baseline_rss_kb=" << baseline_rss / 1024 << " peak_rss_kb=" << hwm / 1024
               << " peak_persons=" << peak_persons << std::setprecision(1) << " bytes_per_person=" << bytes_per_person
               << " target_bytes=" << vm["target-bytes"].as<double>() << " memory_target=" << (met ? "met" : "missed");
    }
    if (speed_mode) {
        const bool met = mpy_per_s_per_core >= vm["target-mpy"].as<double>();
        missed = missed || !met;
        result << std::setprecision(1) << " target_mpy=" << vm["target-mpy"].as<double>()
               << " speed_target=" << (met ? "met" : "missed");
    }
#ifdef CARECAST_COUNT_PHILOX
    // Blocks of the last run (every run draws the same blocks), in all and by random module id.
    const auto& blocks = runs.back().philox_by_module;
    result << " philox_blocks=" << std::accumulate(blocks.begin(), blocks.end(), std::uint64_t{0})
           << " philox_by_module=";
    for (std::size_t m = 0, listed = 0; m < blocks.size(); ++m)
        if (blocks[m] > 0) result << (listed++ ? "," : "") << m << ":" << blocks[m];
#endif
    result << " digest=" << digest;
    std::cout << "  " << counted.person_years << " person-years, median " << std::setprecision(3) << med
              << " s: " << std::setprecision(2) << mpy_per_s << " M person-years/s, " << mpy_per_s_per_core
              << " M per core (best " << best_mpy_per_s_per_core << "); " << mpy_per_cpu_s << " M per CPU-second ("
              << std::setprecision(1) << cpu_ns_per_py << " ns CPU per person-year)\n"
              << result.str() << std::endl;
    return missed && vm.count("enforce") ? 3 : 0;
}
