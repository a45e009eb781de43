#pragma once
// Blocks of people for the parallel loops over a population: a constant number of people each
// (people_per_block, core/population.hpp), never derived from the thread count, so what is kept per
// block, read in block order, is in index order whatever the threads.
#include <algorithm>
#include <cstddef>
#include <utility>

#include "core/parallel.hpp"
#include "core/population.hpp"

namespace carecast {

/// Blocks covering n people.
constexpr std::size_t block_count(std::size_t n) {
    return (n + people_per_block - 1) / people_per_block;
}

/// Runs `body(b, first, last)` in parallel for every block b of people [begin, end): block b is
/// [begin + b * people_per_block, begin + (b + 1) * people_per_block), the last cut at end.
template <typename Body>
void for_each_block(std::size_t begin, std::size_t end, Body&& body) {
    run_in_parallel(std::size_t{0}, block_count(end - begin), [&](std::size_t b) {
        body(b, begin + b * people_per_block, std::min(end, begin + (b + 1) * people_per_block));
    });
}

/// for_each_block over people [0, n).
template <typename Body>
void for_each_block(std::size_t n, Body&& body) {
    for_each_block(std::size_t{0}, n, std::forward<Body>(body));
}

}  // namespace carecast
