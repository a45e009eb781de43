#include "finance/volumes.hpp"

#include <algorithm>

namespace carecast::finance {
namespace {

MeasureId find_measure(const MeasureRegistry& registry, const std::string& name) {
    for (std::size_t i = 0; i < registry.size(); ++i)
        if (registry.info(static_cast<MeasureId>(i)).name == name) return static_cast<MeasureId>(i);
    return -1;
}

/// Totals per time step (mid-year or interval) of a measure over the cells with age in [min_age, max_age].
std::vector<std::int64_t> totals(const RunResults& r, const ReplicateCounts& counts, const std::string& name,
                                 int min_age = 0, int max_age = 1000) {
    const MeasureId id = find_measure(r.registry, name);
    if (id < 0) return {};
    const auto& values = counts.values.at(static_cast<std::size_t>(id));
    const auto& grid = r.grid;
    const std::size_t cells = grid.cell_count();
    const std::size_t steps = values.size() / cells;
    std::vector<std::int64_t> out(steps, 0);
    for (std::size_t t = 0; t < steps; ++t)
        for (std::size_t area = 0; area < grid.areas.size(); ++area)
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = std::max(0, min_age); age <= std::min(grid.max_age, max_age); ++age)
                    out[t] += values[t * cells + grid.cell(area, sex, age)];
    return out;
}

}  // namespace

ServiceVolumes service_volumes(const RunResults& r, const ReplicateCounts& counts) {
    ServiceVolumes v;
    v.first_year = r.base_year;
    v.intervals = r.interval_count();
    v.bed_days[0] = totals(r, counts, "care_home_bed_days_residential");
    v.bed_days[1] = totals(r, counts, "care_home_bed_days_nursing");
    v.self_funded_bed_days[0] = totals(r, counts, "self_funded_bed_days_residential");
    v.self_funded_bed_days[1] = totals(r, counts, "self_funded_bed_days_nursing");
    v.reablement_episodes = totals(r, counts, "reablement_episodes");
    v.home_care_clients = totals(r, counts, "home_care");
    for (const char* band : {"carers_1_19", "carers_20_49", "carers_50_plus"}) {
        const auto band_totals = totals(r, counts, band);
        if (band_totals.empty()) continue;
        if (v.carers.empty()) v.carers.assign(band_totals.size(), 0);
        for (std::size_t t = 0; t < band_totals.size(); ++t) v.carers[t] += band_totals[t];
    }
    v.ehc_plans = totals(r, counts, "ehc_plans");
    v.ehc_plans_5_18 = totals(r, counts, "ehc_plans", special_school_min_age, special_school_max_age);
    return v;
}

std::pair<int, int> client_group_ages(ClientGroup group) {
    // The model's care services start at 18: the under-65 group is the adults aged 18-64.
    return group == ClientGroup::older_people_65_plus ? std::pair{65, 1000} : std::pair{0, 64};
}

ServiceVolumes care_volumes(const RunResults& r, const ReplicateCounts& counts, int min_age, int max_age) {
    ServiceVolumes v;
    v.first_year = r.base_year;
    v.intervals = r.interval_count();
    v.bed_days[0] = totals(r, counts, "care_home_bed_days_residential", min_age, max_age);
    v.bed_days[1] = totals(r, counts, "care_home_bed_days_nursing", min_age, max_age);
    v.reablement_episodes = totals(r, counts, "reablement_episodes", min_age, max_age);
    v.home_care_clients = totals(r, counts, "home_care", min_age, max_age);
    return v;
}

}  // namespace carecast::finance
