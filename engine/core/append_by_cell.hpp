#pragma once
// Appending people cell by cell, the cells filled in parallel: the base population and each year's
// immigrants.
#include <cassert>
#include <cstdint>
#include <vector>

#include "core/parallel.hpp"
#include "core/person_key.hpp"
#include "core/population.hpp"

namespace carecast {

/// Appends counts[cell] people for every cell of `grid` (counts holds grid.cell_count() non-negative
/// counts), in cell order as one pass over the cells would, each cell's from its own first index so that
/// the cells are filled in parallel. The k-th person of a cell gets its age, sex and area and the key
/// `key(area_key, sex, age, k)`. Returns each cell's first index, then the end of the last cell.
template <typename Count, typename Key>
std::vector<std::size_t> append_by_cell(const PopulationGrid& grid, const std::vector<Count>& counts, Key&& key,
                                        Population& population) {
    assert(counts.size() == grid.cell_count());
    std::vector<std::size_t> first(counts.size() + 1);
    first[0] = population.size();
    for (std::size_t cell = 0; cell < counts.size(); ++cell)
        first[cell + 1] = first[cell] + static_cast<std::size_t>(counts[cell]);
    [[maybe_unused]] const std::size_t begin = population.grow(first.back() - first.front());
    assert(begin == first.front());
    run_in_parallel(std::size_t{0}, counts.size(), [&](std::size_t cell) {
        const auto [area, sex, age] = grid.address(cell);
        assert(grid.cell(area, sex, age) == cell);
        const std::uint32_t id = area_key(grid.areas[area]);
        for (std::size_t i = first[cell]; i < first[cell + 1]; ++i)
            population.set_person(i,
                                  key(id, static_cast<std::uint32_t>(sex), static_cast<std::uint32_t>(age),
                                      static_cast<std::uint32_t>(i - first[cell])),
                                  age, sex, static_cast<int>(area));
    });
    return first;
}

}  // namespace carecast
