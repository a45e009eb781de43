#include "cohorts/exits.hpp"

namespace carecast {

void count_exit(const YearContext& c, const PersonYear& p, const Population& population, Tally& tally) {
    const auto& ids = c.ids;
    const std::size_t i = p.index;
    tally.add(p.died ? ids.deaths : ids.emigrants, p.cell_end);
    if (population.dementia_years[i] > 0) {
        tally.add(p.died ? ids.dementia_deaths : ids.dementia_emigrants, p.cell_end);
        if (population.flags[i] & dementia_diagnosed) tally.add(ids.dementia_diagnosed_exits, p.cell_end);
    }
    if (population.send[i] == static_cast<std::uint8_t>(SendState::sen_support))
        tally.add(ids.sen_support_ends, p.cell_end);
    if (population.send[i] == static_cast<std::uint8_t>(SendState::ehc_plan)) tally.add(ids.ehc_plan_ends, p.cell_end);
    if (population.flags[i] & home_care) tally.add(ids.home_care_ends, p.cell_end);
}

}  // namespace carecast
