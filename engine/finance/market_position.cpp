#include "finance/market_position.hpp"

#include <limits>
#include <stdexcept>

#include "finance/finance_rates.hpp"

namespace carecast::finance {
namespace {

double mean_of_pair(const std::vector<std::int64_t>& stocks, int k, const char* what) {
    const auto u = static_cast<std::size_t>(k);
    if (stocks.size() < u + 2) throw std::logic_error(std::string("market: no volumes for ") + what);
    return (static_cast<double>(stocks[u]) + static_cast<double>(stocks[u + 1])) / 2.0;
}

double flow_at(const std::vector<std::int64_t>& flows, int k, const char* what) {
    const auto u = static_cast<std::size_t>(k);
    if (flows.size() < u + 1) throw std::logic_error(std::string("market: no volumes for ") + what);
    return static_cast<double>(flows[u]);
}

}  // namespace

std::vector<std::array<std::int64_t, market_service_count>> capacity_table(const MarketConfig& market, int years) {
    std::vector<std::array<std::int64_t, market_service_count>> table(static_cast<std::size_t>(years));
    for (int k = 0; k < years; ++k)
        for (int s = 0; s < market_service_count; ++s)
            table[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)] =
                capacity_in(market.capacity[static_cast<std::size_t>(s)], market.first_year + k);
    return table;
}

namespace {

/// Beds of `type` occupied on average in financial year k: every resident's bed-days, council-funded and
/// self-funded, / 365.
double occupied_beds(const ServiceVolumes& volumes, int type, int k) {
    const auto& self_funded = volumes.self_funded_bed_days[static_cast<std::size_t>(type)];
    const double self = self_funded.empty() ? 0.0 : flow_at(self_funded, k, "bed-days");
    return (flow_at(volumes.bed_days[static_cast<std::size_t>(type)], k, "bed-days") + self) / 365.0;
}

}  // namespace

double service_demand(const MarketConfig& market, MarketService service, const ServiceVolumes& volumes, int k) {
    const std::int32_t year = volumes.first_year + k;
    switch (service) {
        case MarketService::residential_beds:
            return occupied_beds(volumes, 0, k);
        case MarketService::nursing_beds:
            return occupied_beds(volumes, 1, k);
        case MarketService::home_care_hours_per_week:
            return mean_of_pair(volumes.home_care_clients, k, "home-care clients") *
                   static_cast<double>(scheduled_value(market.home_care_centihours_per_week, market.hours_schedules,
                                                       MoneyParameter::home_care_hours_per_week,
                                                       volumes.first_year + k)) /
                   100.0;
        case MarketService::reablement_episodes_per_year:
            return flow_at(volumes.reablement_episodes, k, "reablement episodes");
        case MarketService::special_school_places:
            return mean_of_pair(volumes.ehc_plans_5_18, k, "EHC plans") * special_school_share_bp(market, year) /
                   static_cast<double>(basis_points);
        case MarketService::extra_care_units:
            return 0.0;
    }
    throw std::logic_error("service_demand: unknown service");
}

double occupancy(double demand, std::int64_t capacity) {
    if (capacity == 0) return std::numeric_limits<double>::quiet_NaN();
    return demand / static_cast<double>(capacity);
}

}  // namespace carecast::finance
