#pragma once
// The yearly transition probabilities the simulation applies, derived once per scenario from the
// data and assumptions. Intervals run from mid-year y to mid-year y+1 and are indexed by y.
//
// Ages are completed years at the start of the interval for deaths and births (a person aged a
// passes from a to a+1 during the interval), and the age reached at the end for migration.
#include <vector>

#include "demography/demographic_inputs.hpp"

namespace carecast {

struct DemographicRates {
    int base_year = 0;
    int horizon_year = 0;
    PopulationGrid grid;
    double probability_male_at_birth = 0;           // demography.fertility.probability_male_at_birth
    std::vector<std::int64_t> base_counts;          // [area][sex][age 0..max_age], open group split
    std::vector<double> death_probability;          // [interval][sex][age at start]
    std::vector<double> birth_probability;          // [interval][age of mother at start]
    std::vector<double> newborn_death_probability;  // [interval][sex]: birth to mid-year
    std::vector<double> emigration_probability;     // [sex][age at end]
    std::vector<double> expected_immigrants;        // [area][sex][age at end] per year

    int interval_count() const { return horizon_year - base_year; }
    std::size_t sex_age(int sex, int age) const {
        return static_cast<std::size_t>(sex) * static_cast<std::size_t>(grid.age_count()) +
               static_cast<std::size_t>(age);
    }
    double death(int interval, int sex, int age) const {
        return death_probability[static_cast<std::size_t>(interval) * sex_count * grid.age_count() + sex_age(sex, age)];
    }
    double birth(int interval, int age) const {
        return birth_probability[static_cast<std::size_t>(interval) * grid.age_count() + static_cast<std::size_t>(age)];
    }
    double newborn_death(int interval, int sex) const {
        return newborn_death_probability[static_cast<std::size_t>(interval) * sex_count +
                                         static_cast<std::size_t>(sex)];
    }
    double emigration(int sex, int age_at_end) const { return emigration_probability[sex_age(sex, age_at_end)]; }
};

/// Local central death rate m(x) for `year` after local factors and mortality improvement.
double local_death_rate(const DemographicInputs& inputs, const DemographyConfig& config, int year, int sex, int age);

/// All local m(x) for one year and sex, ages 0..max_age.
std::vector<double> local_death_rates(const DemographicInputs& inputs, const DemographyConfig& config, int year,
                                      int sex);

/// Builds the transition probabilities for every interval of the run.
DemographicRates build_demographic_rates(const DemographicInputs& inputs, const ModelConfig& config);

}  // namespace carecast
