#pragma once
// One year of demographic change for every person: death, emigration, births (with the newborn's sex,
// survival to mid-year and emigration), then ageing and immigrant arrivals.
//
// Reads: Population key, age, sex, area. Writes: a new Population for the next mid-year.
#include <atomic>
#include <cstdint>

#include "demography/demographic_rates.hpp"
#include "sim/run_results.hpp"

namespace carecast {

/// Advances `population` from mid-year (base_year + interval) to the next mid-year, adding the flows
/// to `flows` ([cell] per flow, age at the end of the interval). `scratch` is reused between calls.
void advance_one_year(const DemographicRates& rates, std::uint64_t seed, std::uint32_t replicate, int interval,
                      Population& population, Population& scratch, std::vector<std::int32_t> (&flows)[flow_count],
                      std::atomic<std::uint64_t>* person_years_done);

}  // namespace carecast
