#pragma once
// Estimating County Durham's demographic parameters from the data in scenarios/data: local mortality
// and fertility factors, and net migration by age and sex as the residual of three mid-year estimates.
// The method is written up in docs/demography.md; tools/derive_demography.cpp runs it.
#include <vector>

#include "demography/demographic_inputs.hpp"

namespace carecast {

/// Life expectancy at birth from the mean of the model's local m(x) over years first..last.
double model_life_expectancy(const DemographicInputs& inputs, const DemographyConfig& config, int sex, int first_year,
                             int last_year);

/// Local mortality factor for `sex` such that model_life_expectancy over first..last equals `target`
/// (bisection; the answer is exact to 1e-6 years).
double calibrate_mortality_factor(const DemographicInputs& inputs, DemographyConfig config, int sex, int first_year,
                                  int last_year, double target);

/// Observed counts at one mid-year: [sex][age 0..open_age] (open_age is open-ended), all areas summed.
struct ObservedPopulation {
    int year = 0;
    std::vector<std::int64_t> counts;
};

/// Local fertility factor: infants aged 0 at each observed mid-year against the births national rates
/// imply for the women observed (each woman's age one year earlier taken as one less; net migration
/// of infants assumed zero).
double calibrate_fertility_factor(const DemographicInputs& inputs, const DemographyConfig& config,
                                  const std::vector<ObservedPopulation>& observations, int open_age);

/// Net migration per year by sex and age reached ([sex][age 0..max_age]) such that the model's expected
/// projection from `start` reproduces each later observation: cohort residuals spread evenly over the
/// ages the cohort passed through, refined by `iterations` rounds of correction.
std::vector<double> estimate_net_migration(const DemographicInputs& start_inputs, const ModelConfig& start_config,
                                           const std::vector<ObservedPopulation>& later, int iterations);

/// Expected population at `year` from a start population, aggregated to [sex][age 0..open_age].
std::vector<double> expected_at_open_ages(const DemographicInputs& inputs, const ModelConfig& config, int year,
                                          int open_age);

}  // namespace carecast
