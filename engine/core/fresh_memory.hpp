#pragma once
// Fresh memory mapped cheaply. In a virtual machine the first write to each 4 KiB page of a new
// allocation faults into the kernel, at several microseconds a page (bench/floor_bench on this VM: 10.9
// us a page, 2.8 ms per megabyte): for the gigabytes an England run allocates, seconds. Two remedies,
// both only optimisations (where the kernel refuses, pages fault in one by one as before):
//   - advise_huge_pages: the allocation's whole 2 MiB pages become transparent huge pages, mapped 512
//     times fewer at a time (0.3 us per 4 KiB; Debian's kernels enable them only where asked: "madvise");
//   - prefault: the pages mapped in one system call before they are written (5.9 us a page with the
//     write: here the first write to a page the kernel has already mapped still costs about 5.7 us,
//     apparently the hypervisor mapping it in turn, so prefaulting halves the cost, no more).
#include <cstddef>
#include <vector>

namespace carecast {

/// Asks for the whole 2 MiB pages inside [data, data + bytes) to be backed by transparent huge pages
/// when first written. Call before the memory is written; nothing for less than one huge page.
void advise_huge_pages(void* data, std::size_t bytes);

/// Maps the pages of [data, data + bytes) in one system call (Linux 5.14+), before they are written
/// (faulting them in one by one costs several microseconds a page in a virtual machine): from the page
/// holding the first byte, without a partial last page (which faults when written).
void prefault(void* data, std::size_t bytes);

/// prefault by the threads side by side, in pieces between 4 MiB boundaries (so no huge page is mapped
/// by two threads): mapping a large array (the kernel zeroing each page as it maps it) would otherwise
/// run in one thread. One call for less than two pieces.
void prefault_in_parallel(void* data, std::size_t bytes);

/// Reserves room for `n` Ts in an empty `values` and maps it cheaply before it is written: its whole
/// huge pages advised, all its pages mapped (prefault_in_parallel). For large arrays written once, like
/// a run's counts and statistics, or scratch arrays reused from year to year.
template <typename T>
void reserve_fresh(std::vector<T>& values, std::size_t n) {
    values.reserve(n);  // allocated, not yet written
    advise_huge_pages(values.data(), n * sizeof(T));
    prefault_in_parallel(values.data(), n * sizeof(T));
}

/// `n` value-initialised (zero) Ts in fresh memory mapped as by reserve_fresh.
template <typename T>
std::vector<T> zeroed_array(std::size_t n) {
    std::vector<T> values;
    reserve_fresh(values, n);
    values.resize(n);
    return values;
}

}  // namespace carecast
