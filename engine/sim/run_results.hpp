#pragma once
// Integer counts produced by a run, per replicate, on the (area, sex, age) grid. Counts are integers so
// that reductions over threads are exact in any order (bit-identical results at any thread count).
#include <cstdint>
#include <vector>

#include "core/population.hpp"

namespace carecast {

/// The flows counted over each interval mid-year y -> mid-year y+1, by age reached at its end
/// (births at age 0), so that population(y+1, a+1) = population(y, a) - deaths - emigrants +
/// immigrants for every cell.
enum class Flow : int { births = 0, deaths = 1, immigrants = 2, emigrants = 3 };
inline constexpr int flow_count = 4;
inline constexpr const char* flow_names[flow_count] = {"births", "deaths", "immigrants", "emigrants"};

/// One replicate's counts.
struct ReplicateCounts {
    std::vector<std::int32_t> population;                 // [year index 0..Y][cell]
    std::vector<std::int32_t> flows[flow_count];          // [interval 0..Y-1][cell]
};

struct RunResults {
    PopulationGrid grid;
    int base_year = 0;
    int horizon_year = 0;
    std::uint32_t first_replicate = 0;
    std::vector<ReplicateCounts> replicates;  // replicate first_replicate + i

    int year_count() const { return horizon_year - base_year + 1; }
    int interval_count() const { return horizon_year - base_year; }
};

}  // namespace carecast
