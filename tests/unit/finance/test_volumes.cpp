// Reading the volumes the money and the market need from hand-made measure arrays.
#include <catch2/catch.hpp>

#include "finance/volumes.hpp"

using namespace carecast;
using namespace carecast::finance;

namespace {

/// A run on a grid of one area and ages 0..20, base 2016, horizon 2018 (three mid-years, two intervals).
RunResults small_run() {
    RunResults r;
    r.grid.areas = {"E06000047"};
    r.grid.max_age = 20;
    r.base_year = 2016;
    r.horizon_year = 2018;
    r.registry.add({"population", MeasureKind::stock, "population", "1", {}, {}});
    r.registry.add({"ehc_plans", MeasureKind::stock, "plans", "1", {}, {}});
    r.registry.add({"care_home_bed_days_residential", MeasureKind::flow, "bed-days", "day", {}, {}});
    ReplicateCounts counts;
    const std::size_t cells = r.grid.cell_count();
    counts.values.emplace_back(3 * cells, 0);
    counts.values.emplace_back(3 * cells, 0);
    counts.values.emplace_back(2 * cells, 0);
    auto& plans = counts.values[1];
    // mid-year 1: plans at ages 4, 5, 18 and 19 (female) and 10 (male)
    for (int age : {4, 5, 18, 19}) plans[1 * cells + r.grid.cell(0, 0, age)] = 1;
    plans[1 * cells + r.grid.cell(0, 1, 10)] = 3;
    auto& bed_days = counts.values[2];
    bed_days[1 * cells + r.grid.cell(0, 1, 20)] = 365;  // interval 1
    bed_days[1 * cells + r.grid.cell(0, 0, 19)] = 10;
    r.replicates.push_back(counts);
    return r;
}

}  // namespace

TEST_CASE("volumes are totals over cells by mid-year or interval", "[finance]") {
    const auto r = small_run();
    const auto v = service_volumes(r, r.replicates[0]);
    CHECK(v.first_year == 2016);
    CHECK(v.intervals == 2);
    CHECK(v.ehc_plans == std::vector<std::int64_t>{0, 7, 0});
    CHECK(v.ehc_plans_5_18 == std::vector<std::int64_t>{0, 5, 0});  // ages 5, 18 and the three at 10
    CHECK(v.bed_days[0] == std::vector<std::int64_t>{0, 375});
}

TEST_CASE("modules not in the run leave their volumes empty", "[finance]") {
    const auto r = small_run();
    const auto v = service_volumes(r, r.replicates[0]);
    CHECK(v.bed_days[1].empty());
    CHECK(v.home_care_clients.empty());
    CHECK(v.reablement_episodes.empty());
    CHECK(v.carers.empty());
}
