#pragma once
// Period life tables from central death rates, as used for local-mortality calibration, for the
// life-expectancy checks in docs/validation.md and for splitting the open age group.
#include <vector>

namespace carecast {

struct LifeTable {
    std::vector<double> survivors;        // l(x), l(0) = 1
    std::vector<double> person_years;     // L(x): years lived in [x, x+1) per newborn; last is open
    double life_expectancy_at_birth = 0;  // e(0) in years
};

/// Life table from m(x) at single ages 0..n-1, the last age open-ended. Deaths fall mid-interval
/// (a(x) = 0.5) except in infancy, where a(0) = 0.1, the convention of ONS and PHE life tables.
LifeTable life_table_from_rates(const std::vector<double>& mx);

}  // namespace carecast
