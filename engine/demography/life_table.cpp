#include "demography/life_table.hpp"

#include <cassert>

namespace carecast {

LifeTable life_table_from_rates(const std::vector<double>& mx) {
    assert(!mx.empty());
    const std::size_t n = mx.size();
    LifeTable table;
    table.survivors.resize(n);
    table.person_years.resize(n);
    double l = 1.0;
    for (std::size_t x = 0; x < n; ++x) {
        table.survivors[x] = l;
        if (x + 1 == n) {
            // Open interval: everyone left dies, at rate m, so L = l / m.
            table.person_years[x] = mx[x] > 0 ? l / mx[x] : 0.0;
            break;
        }
        const double a = x == 0 ? 0.1 : 0.5;
        const double q = mx[x] / (1.0 + (1.0 - a) * mx[x]);
        const double deaths = l * (q > 1.0 ? 1.0 : q);
        table.person_years[x] = (l - deaths) + a * deaths;
        l -= deaths;
    }
    for (double years : table.person_years) table.life_expectancy_at_birth += years;
    return table;
}

}  // namespace carecast
