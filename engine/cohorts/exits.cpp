#include "cohorts/exits.hpp"

#include "cohorts/modules.hpp"

namespace carecast {

void count_exit(const YearContext& c, const PersonYear& p, const Population& population, Tally& tally) {
    count_demographic_exit(c.ids, p.died, p.cell_end, tally);
    CohortModules::for_each([&]<typename M>() {
        if (is_enabled<M>(c.config))
            M::count_exit(c.ids, p, population, tally);  // a disabled one's columns may be empty
    });
}

}  // namespace carecast
