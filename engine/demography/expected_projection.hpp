#pragma once
// The expected value of the microsimulation, computed as a deterministic cohort-component projection
// with exactly the probabilities the simulation draws against. Used to estimate migration from data
// (tools/derive_demography.cpp) and by tests: the mean of many replicates must converge to it.
#include <vector>

#include "demography/demographic_rates.hpp"

namespace carecast {

/// Expected flows of one interval, [cell] each, laid out like the simulation's counts.
struct ExpectedYear {
    std::vector<double> population_end;
    std::vector<double> flows[4];  // births, deaths, immigrants, emigrants (Flow order)
};

/// Advances expected counts `population` ([cell]) over interval `interval` of `rates`.
ExpectedYear expected_step(const DemographicRates& rates, int interval, const std::vector<double>& population);

/// Expected population at every mid-year base..horizon ([year][cell]) from the rates' base counts.
std::vector<double> expected_projection(const DemographicRates& rates);

}  // namespace carecast
