#pragma once
// The market position: capacity by service and financial year against the demand the model projects,
// giving occupancy (demand / capacity) and surplus (capacity - demand; negative is a shortfall).
//
// Demand in financial year k (the interval mid-year base+k to base+k+1): beds = average occupied beds,
// bed-days / 365 (council-funded and self-funders); home-care hours a week = mean clients (mean of the
// two mid-year counts) x hours per client; reablement = episodes in the interval; special-school places =
// mean EHC plans aged 5-18 x the special-school share. Extra care is capacity only (not simulated).
#include <array>
#include <cstdint>
#include <vector>

#include "finance/costs.hpp"

namespace carecast::finance {

using ServiceRow = std::array<double, market_service_count>;

/// Capacity of every service in each of `years` financial years from market.first_year.
std::vector<std::array<std::int64_t, market_service_count>> capacity_table(const MarketConfig& market, int years);

/// Demand for `service` in financial year index k; 0 for extra care, which is not modelled.
double service_demand(const MarketConfig& market, MarketService service, const ServiceVolumes& volumes, int k);

/// demand / capacity, or NaN when the capacity is zero.
double occupancy(double demand, std::int64_t capacity);

/// capacity - demand: positive is spare capacity, negative a shortfall.
inline double surplus(double demand, std::int64_t capacity) {
    return static_cast<double>(capacity) - demand;
}

}  // namespace carecast::finance
