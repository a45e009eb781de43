#include "sim/memory_estimate.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "sim/year_step.hpp"

namespace carecast {
namespace {

/// A person's columns (population_bytes_per_person: the columns' element sizes summed) and their yearly
/// workspace (YearWorkspace: an outcome byte and, with the carers module, a caring-draws byte; for
/// compaction and the partner remap a bit per survivor and a count per 64 people, SurvivorIndex, about
/// 0.2 bytes; compaction's newborns, 16 bytes for about one person in a hundred, about 0.2 bytes:
/// together rounded up to 1).
constexpr std::uint64_t kWorkspaceBytes = sizeof(decltype(YearWorkspace::outcomes)::value_type) +
                                          sizeof(decltype(YearWorkspace::caring_draws)::value_type) + 1;
constexpr std::uint64_t kBytesPerPerson = population_bytes_per_person + kWorkspaceBytes;

std::optional<std::uint64_t> read_limit(const char* path) {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;  // "max", missing, or not a number
    try {
        return std::stoull(text);
    } catch (...) {
        return std::nullopt;
    }
}

double saturating(double value) {
    return std::min(value, 1.8e19);
}

}  // namespace

std::uint64_t estimated_run_bytes(const Model& model, std::uint64_t replicates, unsigned threads) {
    const auto& d = model.demography;
    const double cells = static_cast<double>(d.grid.cell_count());
    const double intervals = static_cast<double>(std::max(d.interval_count(), 0));
    double counts_per_replicate = 0;
    for (const auto& info : model.registry.measures())
        counts_per_replicate += (info.kind == MeasureKind::stock ? intervals + 1 : intervals) * cells;
    const double results = 3.0 * 4.0 * counts_per_replicate * static_cast<double>(replicates);
    const double base = std::accumulate(d.base_counts.begin(), d.base_counts.end(), 0.0,
                                        [](double sum, std::int64_t c) { return sum + static_cast<double>(c); });
    const double immigrants = std::accumulate(d.expected_immigrants.begin(), d.expected_immigrants.end(), 0.0,
                                              [](double sum, double c) { return sum + std::max(c, 0.0); });
    const double people = 1.25 * base + intervals * immigrants;  // births and the longest-lived cohort: 25%
    const double populations =
        static_cast<double>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(replicates, 1))) * people *
        static_cast<double>(kBytesPerPerson);
    return static_cast<std::uint64_t>(saturating(results + populations));
}

std::optional<std::uint64_t> usable_memory_bytes() {
    std::optional<std::uint64_t> usable;
    const auto take = [&usable](std::optional<std::uint64_t> limit) {
        if (limit && *limit > 0) usable = usable ? std::min(*usable, *limit) : *limit;
    };
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) take(static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page));
    take(read_limit("/sys/fs/cgroup/memory.max"));
    take(read_limit("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    rlimit limit{};
    if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
        take(static_cast<std::uint64_t>(limit.rlim_cur));
    return usable;
}

std::string memory_problem(std::uint64_t needed, std::optional<std::uint64_t> usable) {
    if (!usable || static_cast<double>(needed) <= 0.9 * static_cast<double>(*usable)) return {};
    const auto gib = [](std::uint64_t bytes) {
        const double value = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
        char text[32];
        std::snprintf(text, sizeof text, "%.1f GiB", value);
        return std::string(text);
    };
    return "this run needs about " + gib(needed) + " of memory but only " + gib(*usable) +
           " is available to it: run fewer replicates (or split them with --replicates A:B and "
           "`carecast merge`), fewer threads, or a shorter horizon";
}

}  // namespace carecast
