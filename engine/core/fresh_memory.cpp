#include "core/fresh_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/parallel.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace carecast {

void advise_huge_pages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    // Only the huge pages wholly inside: the memory around them belongs to other allocations.
    const std::uintptr_t first = (begin + huge_page - 1) & ~(huge_page - 1), end = (begin + bytes) & ~(huge_page - 1);
    if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
#endif
}

void prefault([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    static const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    // From the page holding the first byte: mapping a page already in use changes nothing in it.
    const std::uintptr_t first = begin & ~(page - 1), end = (begin + bytes) & ~(page - 1);
    if (end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_POPULATE_WRITE);
#endif
}

void prefault_in_parallel(void* data, std::size_t bytes) {
    constexpr std::uintptr_t piece = std::uintptr_t{4} << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data), end = begin + bytes;
    const std::uintptr_t first_boundary = (begin + piece) & ~(piece - 1);  // the first after begin
    if (end <= first_boundary + piece) {
        prefault(data, bytes);
        return;
    }
    // Piece k is [begin, first_boundary) for k = 0, else [first_boundary + (k - 1) piece, ... + piece),
    // the last cut at end.
    const std::size_t pieces = 1 + (end - first_boundary + piece - 1) / piece;
    run_in_parallel(std::size_t{0}, pieces, [&](std::size_t k) {
        const std::uintptr_t from = k == 0 ? begin : first_boundary + (k - 1) * piece;
        const std::uintptr_t to = std::min<std::uintptr_t>(end, k == 0 ? first_boundary : from + piece);
        prefault(reinterpret_cast<void*>(from), to - from);
    });
}

}  // namespace carecast
