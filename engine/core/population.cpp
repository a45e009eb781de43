#include "core/population.hpp"

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "core/fresh_memory.hpp"
#include "core/parallel.hpp"

namespace carecast {

namespace {
/// Calls `f(column)` for every column `p` holds.
template <typename P, typename F>
void for_each_column(P& p, F&& f) {
    std::size_t k = 0;
    for_each_population_column(p, p, [&](auto& column, auto&) {
        if (p.holds(k++)) f(column);
    });
}

constexpr std::size_t partner_column = population_column_index(&Population::partner);

}  // namespace

void Population::hold_only(std::span<const std::size_t> columns) {
    std::uint32_t held = 0;
    for (const std::size_t k : columns) held |= 1u << k;
    held_columns = held;
    std::size_t k = 0;
    for_each_population_column(*this, *this, [&](auto& column, auto&) {
        if (!holds(k++)) std::decay_t<decltype(column)>().swap(column);  // no storage
    });
}

void Population::reserve(std::size_t n) {
    // A large column's whole 2 MiB pages advised as huge pages, mapped 512 times fewer at a time when
    // first written (core/fresh_memory.hpp); not a small one's, where the last huge page's unused part
    // would be a large share of its memory. A column that moves here is copied before the advice, so
    // only its part not yet written gets huge pages.
    constexpr std::size_t large_column_bytes = std::size_t{32} << 20;
    for_each_column(*this, [n](auto& column) {
        column.reserve(n);
        if (const std::size_t bytes = n * sizeof(column[0]); bytes >= large_column_bytes)
            advise_huge_pages(column.data(), bytes);
    });
}

void Population::reserve_growing(std::size_t n) {
    if (key.capacity() < n) reserve(n + n / 16);  // every column is reserved together (reserve, add)
}

void Population::clear() {
    for_each_column(*this, [](auto& column) { column.clear(); });
}

void Population::add(std::uint64_t person_key, int person_age, int person_sex, int person_area) {
    set_person(grow(1), person_key, person_age, person_sex, person_area);
}

std::size_t Population::grow(std::size_t n) {
    const std::size_t first = size();
    auto grow_column = [&](auto& column) {
        // Pages mapped before they are zeroed, a large column's by the threads side by side (the kernel
        // zeroes each page it maps). A column that must move faults its pages as they are written.
        if (column.capacity() >= first + n) prefault_in_parallel(column.data() + first, n * sizeof(column[0]));
        column.resize(first + n);  // cohort states start at zero
    };
    // Many people at once (a base population): the columns in parallel too. One person (an arrival, a
    // newborn) is too little work for a thread.
    constexpr std::size_t many = 1 << 16;
    if (n >= many) {
        std::vector<std::size_t> held;
        for (std::size_t k = 0; k < population_column_count; ++k)
            if (holds(k)) held.push_back(k);
        run_in_parallel(std::size_t{0}, held.size(),
                        [&](std::size_t j) { visit_population_column(*this, held[j], grow_column); });
    } else {
        for_each_column(*this, grow_column);
    }
    if (holds(partner_column))
        std::fill(partner.begin() + static_cast<std::ptrdiff_t>(first), partner.end(), no_person);
    return first;
}

void Population::append(const Population& other, std::size_t i) {
    std::size_t k = 0;
    for_each_population_column(*this, other, [&](auto& column, const auto& from) {
        if (holds(k++)) column.push_back(from[i]);
    });
}

void Population::move(std::size_t from, std::size_t to) {
    for_each_column(*this, [from, to](auto& column) { column[to] = column[from]; });
}

void Population::truncate(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.resize(n); });
}

}  // namespace carecast
