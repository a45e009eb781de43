// Market position arithmetic: capacity with openings and closures, demand, occupancy and surplus.
#include <cmath>

#include <catch2/catch.hpp>

#include "finance/finance_rates.hpp"
#include "finance/market_position.hpp"

using namespace carecast;
using namespace carecast::finance;

namespace {

MarketConfig market_with_beds() {
    MarketConfig m;
    m.enabled = true;
    m.first_year = 2016;
    m.home_care_centihours_per_week = 1000;  // 10 hours a week
    m.special_school_share_bp = 4000;
    auto& beds = m.capacity[static_cast<std::size_t>(MarketService::residential_beds)];
    beds.given = true;
    beds.base = 100;
    beds.changes = {{2018, 20}, {2020, -50}};
    return m;
}

ServiceVolumes volumes() {
    ServiceVolumes v;
    v.first_year = 2016;
    v.intervals = 2;
    v.bed_days[0] = {365 * 90, 365 * 110};
    v.bed_days[1] = {365 * 10 + 73, 0};
    v.reablement_episodes = {2936, 3000};
    v.home_care_clients = {100, 102, 104};
    v.ehc_plans_5_18 = {1000, 1010, 1100};
    return v;
}

}  // namespace

TEST_CASE("capacity is the base plus every opening and closure to date", "[finance]") {
    const auto m = market_with_beds();
    const auto& beds = m.capacity[static_cast<std::size_t>(MarketService::residential_beds)];
    CHECK(capacity_in(beds, 2016) == 100);
    CHECK(capacity_in(beds, 2017) == 100);
    CHECK(capacity_in(beds, 2018) == 120);  // 20 beds open in 2018/19
    CHECK(capacity_in(beds, 2019) == 120);
    CHECK(capacity_in(beds, 2020) == 70);  // 50 close in 2020/21
    const auto table = capacity_table(m, 5);
    CHECK(table[4][static_cast<std::size_t>(MarketService::residential_beds)] == 70);
    CHECK(table[4][static_cast<std::size_t>(MarketService::nursing_beds)] == 0);
}

TEST_CASE("demand by service from the volumes of the interval", "[finance]") {
    const auto m = market_with_beds();
    const auto v = volumes();
    CHECK(service_demand(m, MarketService::residential_beds, v, 0) == 90.0);  // 32850 bed-days / 365
    CHECK(service_demand(m, MarketService::residential_beds, v, 1) == 110.0);
    CHECK(service_demand(m, MarketService::nursing_beds, v, 0) == Approx(10.2));        // 3723 / 365
    CHECK(service_demand(m, MarketService::home_care_hours_per_week, v, 0) == 1010.0);  // 101 clients x 10 h
    CHECK(service_demand(m, MarketService::home_care_hours_per_week, v, 1) == 1030.0);  // 103 x 10
    CHECK(service_demand(m, MarketService::reablement_episodes_per_year, v, 1) == 3000.0);
    CHECK(service_demand(m, MarketService::special_school_places, v, 0) == Approx(402.0));  // 1005 x 40%
    CHECK(service_demand(m, MarketService::extra_care_units, v, 0) == 0.0);                 // not modelled
}

TEST_CASE("occupancy and surplus", "[finance]") {
    CHECK(occupancy(90.0, 100) == Approx(0.9));
    CHECK(surplus(90.0, 100) == 10.0);
    CHECK(occupancy(110.0, 100) == Approx(1.1));  // over capacity
    CHECK(surplus(110.0, 100) == -10.0);          // a shortfall of 10 beds
    CHECK(std::isnan(occupancy(5.0, 0)));         // undefined without capacity
    CHECK(surplus(5.0, 0) == -5.0);
}
