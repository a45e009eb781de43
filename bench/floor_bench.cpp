// floor_bench: the floor under carecast's cost per person-year on this machine (issue 15 item 3).
//
// Measures, on one core, in CPU time of the measuring thread (best of --repeat runs):
//   * Philox4x64-10 throughput through the model's own path (philox_address and the Random123 call a
//     DrawBlock makes; also through DrawBlock itself): ns per block for independent blocks (consecutive
//     people, as pass 1 draws them) and, for comparison, for a chain where each block's counter depends
//     on the previous block (latency); and through decision_blocks (core/philox_batch.hpp) in runs of
//     64 people, as the yearly step's passes compute their blocks ahead (AVX-512 where the CPU has it);
//   * memory bandwidth: sequential read, write and copy of arrays far larger than the caches (GB/s;
//     copy counts bytes read plus bytes written, as STREAM does);
//   * the first write to fresh memory (us per 4 KiB page, CPU time of the thread, the kernel's
//     included): pages faulted in one by one, mapped first by core/fresh_memory's prefault, in
//     transparent huge pages (advise_huge_pages), and written a second time (no fault: the write alone).
//     A run allocates its population once per replicate, its results once per run: this is that cost.
//   * compaction's moves (core/keep_marked.hpp): a column of 1, 2, 4 and 8-byte elements losing a
//     pseudo-random 1 in 30 (a year's deaths and emigrants), ns per element, by the CPU's way (AVX-512
//     VBMI2 where it has it), one element at a time, and a memmove per run of kept elements (compaction's
//     way until 6 December 2026); summed over the full model's columns, ns per person.
// Then prints the floor in ns per person-year of the full model and of the demography:
//   Philox:  blocks per person-year x ns per block (the cheaper of one at a time and decision_blocks);
//   memory:  bytes per person-year / copy bandwidth, where the least a yearly step can move is each
//            person's columns read once and written once (compaction alone does that);
// both as a sum (one core doing one after the other) and as the larger of the two (perfect overlap).
// Blocks per person-year are counted, not derived here: how is written in bench/RESULTS.md; the defaults
// are those counts (County Durham), and --blocks-full / --blocks-demography override them. Bytes per
// person come from the Population columns each configuration uses (core/population.hpp).
//
// Every loop's result feeds a checksum that is printed, so the compiler cannot drop the work.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <time.h>

#include <boost/program_options.hpp>

#include "core/fresh_memory.hpp"
#include "core/keep_marked.hpp"
#include "core/philox_batch.hpp"
#include "core/population.hpp"
#include "core/random.hpp"

namespace {

namespace po = boost::program_options;
using namespace carecast;
/// CPU time of this thread, in seconds: other work on a shared machine delays wall time far more.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// Best (smallest) CPU time of `repeat` runs of `f`, in seconds.
template <typename F>
double best_of(int repeat, F&& f) {
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const double start = thread_cpu_seconds();
        f();
        best = std::min(best, thread_cpu_seconds() - start);
    }
    return best;
}

struct PhiloxFigures {
    double ns_per_block = 0;          // independent blocks, philox_address + Philox4x64 (the DrawBlock call)
    double ns_per_drawblock = 0;      // the same through DrawBlock(key, person, year).word(0..7)
    double ns_per_block_latency = 0;  // each block's counter depends on the previous block
    double ns_per_block_batched = 0;  // decision_blocks, runs of 64 consecutive people
    std::uint64_t checksum = 0;
};

/// Philox4x64-10 on the model's addresses: person keys 0..n-1, one year, event `decisions`.
PhiloxFigures measure_philox(std::uint64_t n, int repeat) {
    PhiloxFigures f;
    const StreamKey key{20260101, 0, RandomModule::demography};
    const std::int32_t year = 2030;
    std::uint64_t sink = 0;
    const double independent = best_of(repeat, [&] {
        std::uint64_t x = 0;
        for (std::uint64_t person = 0; person < n; ++person) {
            const PhiloxAddress a = philox_address(key, person, year, RandomEvent::decisions);
            const auto block = r123::Philox4x64()(a.counter, a.key);
            x ^= block.v[0] ^ block.v[1] ^ block.v[2] ^ block.v[3];
        }
        sink ^= x;
    });
    const double drawblock = best_of(repeat, [&] {
        std::uint64_t x = 0;
        for (std::uint64_t person = 0; person < n; ++person) {
            DrawBlock block(key, person, year);
            for (int w = 0; w < 8; ++w) x += block.word(w);
        }
        sink ^= x;
    });
    const double chained = best_of(repeat, [&] {
        std::uint64_t x = 0;
        for (std::uint64_t person = 0; person < n; ++person) {
            const PhiloxAddress a = philox_address(key, person ^ x, year, RandomEvent::decisions);
            x = r123::Philox4x64()(a.counter, a.key).v[0] & 1;  // the next address waits for this block
        }
        sink ^= x;
    });
    const double batched = best_of(repeat, [&] {
        constexpr std::uint64_t run = 64;  // sim/year_step.cpp's ahead_run
        std::array<std::uint64_t, run> persons;
        std::array<DrawBlock::Block, run> blocks;
        std::uint64_t x = 0;
        for (std::uint64_t first = 0; first < n; first += run) {
            const std::uint64_t count = std::min(run, n - first);
            std::iota(persons.begin(), persons.begin() + static_cast<std::ptrdiff_t>(count), first);
            decision_blocks(key, year, {persons.data(), count}, blocks.data());
            for (std::uint64_t k = 0; k < count; ++k)
                x ^= blocks[k].v[0] ^ blocks[k].v[1] ^ blocks[k].v[2] ^ blocks[k].v[3];
        }
        sink ^= x;
    });
    const auto per_block = [&](double s) { return s / static_cast<double>(n) * 1e9; };
    f.ns_per_block = per_block(independent);
    f.ns_per_drawblock = per_block(drawblock);
    f.ns_per_block_latency = per_block(chained);
    f.ns_per_block_batched = per_block(batched);
    f.checksum = sink;
    return f;
}

struct MemoryFigures {
    double read_gbs = 0, write_gbs = 0, copy_gbs = 0;  // copy: bytes read + bytes written
    std::uint64_t checksum = 0;
};

/// Sequential read (sum), write (store) and copy (memcpy) of `bytes`-long arrays of 64-bit words.
MemoryFigures measure_memory(std::size_t bytes, int repeat) {
    MemoryFigures f;
    const std::size_t n = bytes / sizeof(std::uint64_t);
    std::vector<std::uint64_t> a(n), b(n);
    std::iota(a.begin(), a.end(), std::uint64_t{1});  // touch every page before timing
    std::fill(b.begin(), b.end(), std::uint64_t{2});
    std::uint64_t sink = 0;
    const double read = best_of(repeat, [&] {
        std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;  // four sums: the adds do not wait on each other
        for (std::size_t i = 0; i + 3 < n; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        sink += s0 + s1 + s2 + s3;
    });
    std::uint64_t value = 0;
    const double write = best_of(repeat, [&] {
        ++value;
        for (std::size_t i = 0; i < n; ++i) b[i] = value + i;
        sink += b[n / 3];
    });
    const double copy = best_of(repeat, [&] {
        std::memcpy(b.data(), a.data(), n * sizeof(std::uint64_t));
        sink += b[n / 2];
        a[n / 2] += 1;  // the next copy has something new to move
    });
    const double gb = static_cast<double>(n * sizeof(std::uint64_t)) / 1e9;
    f.read_gbs = gb / read;
    f.write_gbs = gb / write;
    f.copy_gbs = 2 * gb / copy;
    f.checksum = sink;
    return f;
}

struct CompactionFigures {
    // ns per element by element size (1, 2, 4, 8 bytes)
    std::array<double, 4> by_cpu{}, one_by_one{}, runs{};
    std::uint64_t checksum = 0;
};

/// keep_marked's ways, and a memmove per run of kept elements, on `n` elements of each size. Each timed
/// run starts from a fresh copy of the column (not timed): the moves are in place.
CompactionFigures measure_compaction(std::size_t n, int repeat) {
    CompactionFigures f;
    std::vector<std::uint64_t> marks((n + 63) / 64, 0);
    std::uint64_t state = 20261206;
    for (std::size_t i = 0; i < n; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        if ((state >> 33) % 30 != 0) marks[i / 64] |= std::uint64_t{1} << (i % 64);
    }
    auto by_runs = [&](void* values, std::size_t element_bytes) {
        auto* bytes = static_cast<unsigned char*>(values);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < n;) {
            while (i < n && !((marks[i / 64] >> (i % 64)) & 1)) ++i;
            const std::size_t begin = i;
            while (i < n && ((marks[i / 64] >> (i % 64)) & 1)) ++i;
            if (begin != kept)
                std::memmove(bytes + kept * element_bytes, bytes + begin * element_bytes, (i - begin) * element_bytes);
            kept += i - begin;
        }
        return kept;
    };
    std::uint64_t sink = 0;
    auto measure = [&]<typename T>(std::size_t k) {
        std::vector<T> original(n), column(n);
        std::iota(original.begin(), original.end(), T{1});
        auto timed = [&](auto&& move) {
            double best = 1e300;
            for (int r = 0; r < repeat; ++r) {
                column = original;
                const double start = thread_cpu_seconds();
                const std::size_t kept = move();
                best = std::min(best, thread_cpu_seconds() - start);
                sink += kept + static_cast<std::uint64_t>(column[kept / 2]);
            }
            return best / static_cast<double>(n) * 1e9;
        };
        f.by_cpu[k] = timed([&] { return keep_marked(std::span(column), std::span(marks)); });
        f.one_by_one[k] =
            timed([&] { return detail::keep_marked_one_by_one(column.data(), sizeof(T), n, marks.data()); });
        f.runs[k] = timed([&] { return by_runs(column.data(), sizeof(T)); });
    };
    measure.operator()<std::uint8_t>(0);
    measure.operator()<std::uint16_t>(1);
    measure.operator()<std::uint32_t>(2);
    measure.operator()<std::uint64_t>(3);
    f.checksum = sink;
    return f;
}

struct FirstTouchFigures {
    double faulted_us = 0;     // fresh pages written, one fault each
    double prefaulted_us = 0;  // prefault (one call), then written: both timed
    double huge_us = 0;        // advise_huge_pages, then written (2 MiB pages where the kernel gives them)
    double rewritten_us = 0;   // the same pages written again: the write alone
    std::uint64_t checksum = 0;
};

enum class Timed { prepare_and_write, write_only };

/// CPU microseconds per 4 KiB page of preparing (`prepare`) and then writing `bytes` of memory fresh from
/// the kernel (its own mmap, so no allocator can hand back pages already mapped), best of `repeat`;
/// with Timed::write_only the preparation is not timed.
template <typename Prepare>
double first_touch_us(std::size_t bytes, int repeat, Timed timed, Prepare&& prepare, std::uint64_t& sink) {
    const std::size_t room = bytes + (std::size_t{2} << 20);  // whole huge pages inside, wherever it lands
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        void* memory = mmap(nullptr, room, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED)
            throw std::runtime_error("floor_bench: mmap of " + std::to_string(room) + " bytes failed");
        double start = thread_cpu_seconds();
        prepare(memory, room);
        if (timed == Timed::write_only) start = thread_cpu_seconds();
        std::memset(memory, r + 1, room);
        best = std::min(best, thread_cpu_seconds() - start);
        sink += static_cast<unsigned char*>(memory)[room / 2];
        munmap(memory, room);
    }
    return best / static_cast<double>(room / 4096) * 1e6;
}

FirstTouchFigures measure_first_touch(std::size_t bytes, int repeat) {
    FirstTouchFigures f;
    std::uint64_t sink = 0;
    const auto nothing = [](void*, std::size_t) {};
    f.faulted_us = first_touch_us(bytes, repeat, Timed::prepare_and_write, nothing, sink);
    f.prefaulted_us = first_touch_us(bytes, repeat, Timed::prepare_and_write, prefault, sink);
    f.huge_us = first_touch_us(bytes, repeat, Timed::prepare_and_write, advise_huge_pages, sink);
    const auto write_zeros = [](void* p, std::size_t n) { std::memset(p, 0, n); };
    f.rewritten_us = first_touch_us(bytes, repeat, Timed::write_only, write_zeros, sink);
    f.checksum = sink;
    return f;
}

/// Bytes per person of the Population columns numbered `columns` (population_columns order).
std::size_t bytes_per_person(const std::vector<std::size_t>& columns) {
    Population p;
    std::size_t bytes = 0;
    for (const std::size_t k : columns)
        visit_population_column(p, k, [&](const auto& column) { bytes += sizeof(column[0]); });
    return bytes;
}

/// ns per person of moving every column in `columns` at the per-size costs `ns` (1, 2, 4, 8 bytes).
double compaction_ns_per_person(const std::array<double, 4>& ns, const std::vector<std::size_t>& columns) {
    Population p;
    double total = 0;
    for (const std::size_t k : columns)
        visit_population_column(p, k, [&](const auto& column) {
            total += ns[static_cast<std::size_t>(std::countr_zero(sizeof(column[0])))];
        });
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options("floor_bench [options]");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("blocks-full", po::value<double>()->default_value(2.604),
         "Philox blocks per person-year, full model (County Durham baseline; bench/count_philox.sh at a853994: pass 2 computes no block since 2bffbce; bench/RESULTS.md)")
        ("blocks-demography", po::value<double>()->default_value(1.260),
         "Philox blocks per person-year, demography (County Durham demography-only; counted)")
        ("blocks", po::value<std::uint64_t>()->default_value(20'000'000), "Philox blocks per timed loop")
        ("megabytes", po::value<std::size_t>()->default_value(512), "size of each memory test array (MB)")
        ("touch-megabytes", po::value<std::size_t>()->default_value(64), "size of each first-touch test (MB)")
        ("compaction-elements", po::value<std::size_t>()->default_value(16'000'000), "elements of each compaction test column")
        ("repeat", po::value<int>()->default_value(5), "timed runs of each loop (the best is kept)");
    // clang-format on
    po::variables_map vm;
    try {
        po::store(po::parse_command_line(argc, argv, options), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "floor_bench: " << e.what() << "\n" << options;
        return 2;
    }
    if (vm.count("help")) {
        std::cout << options;
        return 0;
    }
    const int repeat = std::max(1, vm["repeat"].as<int>());
    const PhiloxFigures philox = measure_philox(std::max<std::uint64_t>(1, vm["blocks"].as<std::uint64_t>()), repeat);
    const MemoryFigures memory =
        measure_memory(std::max<std::size_t>(1, vm["megabytes"].as<std::size_t>()) << 20, repeat);
    const FirstTouchFigures touch =
        measure_first_touch(std::max<std::size_t>(1, vm["touch-megabytes"].as<std::size_t>()) << 20, repeat);
    const CompactionFigures compaction =
        measure_compaction(std::max<std::size_t>(1, vm["compaction-elements"].as<std::size_t>()), repeat);

    std::cout << std::fixed << std::setprecision(2) << "Philox4x64-10 (philox_address + Random123, one core):\n"
              << "  independent blocks  " << philox.ns_per_block << " ns/block (" << 1e3 / philox.ns_per_block
              << " M blocks/s)\n"
              << "  through DrawBlock   " << philox.ns_per_drawblock << " ns/block (all 8 words read)\n"
              << "  dependent chain     " << philox.ns_per_block_latency << " ns/block (latency)\n"
              << "  decision_blocks     " << philox.ns_per_block_batched << " ns/block (runs of 64, "
              << (philox_batch_path() == CpuPath::avx512 ? "AVX-512, 8 blocks a vector" : "one block at a time")
              << ")\n"
              << "memory (" << vm["megabytes"].as<std::size_t>() << " MB arrays, one core):\n"
              << "  read " << memory.read_gbs << " GB/s, write " << memory.write_gbs << " GB/s, copy "
              << memory.copy_gbs << " GB/s (read + written)\n"
              << "first write to fresh memory (" << vm["touch-megabytes"].as<std::size_t>()
              << " MB, one core, CPU us per 4 KiB page):\n"
              << "  faulted page by page " << touch.faulted_us << ", prefaulted " << touch.prefaulted_us
              << ", huge pages " << touch.huge_us << "; the write alone " << touch.rewritten_us << "\n"
              << "compaction's moves (" << vm["compaction-elements"].as<std::size_t>()
              << " elements losing 1 in 30, one core, ns per element of 1 / 2 / 4 / 8 bytes):\n";
    const char* const compaction_text =
        compaction_path() == CpuPath::avx512 ? "AVX-512 VBMI2, a vector at a time" : "one element at a time";
    auto sizes = [](const std::array<double, 4>& ns) {
        std::ostringstream out;
        out << std::fixed << std::setprecision(3) << ns[0] << " / " << ns[1] << " / " << ns[2] << " / " << ns[3];
        return out.str();
    };
    std::cout << "  " << compaction_text << ": " << sizes(compaction.by_cpu) << "\n"
              << "  one element at a time: " << sizes(compaction.one_by_one) << "\n"
              << "  a memmove per run (before 6 December 2026): " << sizes(compaction.runs) << "\n";

    // Columns: every one for the full model; the demographic core uses key, age, sex and area only.
    std::vector<std::size_t> all(population_column_count);
    std::iota(all.begin(), all.end(), std::size_t{0});
    const std::vector<std::size_t> demography{
        population_column_index(&Population::key), population_column_index(&Population::age),
        population_column_index(&Population::sex), population_column_index(&Population::area)};
    struct Config {
        const char* name;
        double blocks;
        std::size_t bytes;
    };
    const Config configs[] = {{"full", vm["blocks-full"].as<double>(), bytes_per_person(all)},
                              {"demography", vm["blocks-demography"].as<double>(), bytes_per_person(demography)}};
    std::cout << "floor per person-year (memory: each person's columns read once and written once, at the copy "
                 "bandwidth):\n";
    const double ns_per_block = std::min(philox.ns_per_block, philox.ns_per_block_batched);
    for (const auto& c : configs) {
        const double philox_ns = c.blocks * ns_per_block;
        const double memory_ns = 2.0 * static_cast<double>(c.bytes) / memory.copy_gbs;  // bytes / (GB/s) = ns
        std::cout << "  " << std::left << std::setw(10) << c.name << std::right << " " << std::setprecision(3)
                  << c.blocks << std::setprecision(2) << " blocks x " << ns_per_block << " ns = " << philox_ns
                  << " ns; 2 x " << c.bytes << " bytes = " << memory_ns << " ns; floor " << philox_ns + memory_ns
                  << " ns (sum), " << std::max(philox_ns, memory_ns) << " ns (overlapped)\n";
        std::cout << "RESULT config=" << c.name << " blocks_per_py=" << std::setprecision(3) << c.blocks
                  << std::setprecision(2) << " ns_per_block=" << philox.ns_per_block
                  << " ns_per_block_batched=" << philox.ns_per_block_batched << " ns_per_block_floor=" << ns_per_block
                  << " bytes_per_person=" << c.bytes << " copy_gbs=" << memory.copy_gbs
                  << " philox_ns_per_py=" << philox_ns << " memory_ns_per_py=" << memory_ns
                  << " floor_ns_per_py=" << philox_ns + memory_ns
                  << " floor_overlapped_ns_per_py=" << std::max(philox_ns, memory_ns) << "\n";
    }
    std::cout << "compaction's moves per person (each of its columns, the sizes above):\n";
    for (const auto& c : configs) {
        const std::vector<std::size_t>& columns = c.name == std::string("full") ? all : demography;
        std::cout << "  " << std::left << std::setw(10) << c.name << std::right << " "
                  << compaction_ns_per_person(compaction.by_cpu, columns) << " ns (" << compaction_text << "), "
                  << compaction_ns_per_person(compaction.one_by_one, columns) << " one at a time, "
                  << compaction_ns_per_person(compaction.runs, columns) << " by runs\n";
        std::cout << "RESULT config=" << c.name
                  << " compaction_ns_per_person=" << compaction_ns_per_person(compaction.by_cpu, columns)
                  << " compaction_one_by_one_ns_per_person=" << compaction_ns_per_person(compaction.one_by_one, columns)
                  << " compaction_runs_ns_per_person=" << compaction_ns_per_person(compaction.runs, columns) << "\n";
    }
    std::cout << "first write of a new population's pages (prefaulted, " << touch.prefaulted_us
              << " us a page), once per replicate:\n";
    for (const auto& c : configs)
        std::cout << "  " << std::left << std::setw(10) << c.name << std::right << " " << c.bytes
                  << " bytes = " << static_cast<double>(c.bytes) / 4096.0 * touch.prefaulted_us * 1e3
                  << " ns per person\n";
    std::cout << "checksum " << std::hex << (philox.checksum ^ memory.checksum ^ touch.checksum ^ compaction.checksum)
              << std::dec << "\n";
    return 0;
}
