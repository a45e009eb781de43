#pragma once
// The demographic data files named by a scenario, read and checked: columns, value ranges, years in
// order and age coverage. Every problem is reported with its file, line and column.
#include <cstdint>
#include <vector>

#include "core/population.hpp"
#include "scenario/model_config.hpp"

namespace carecast {

/// Values by year, sex and single year of age 0..max_age.
struct YearSexAgeTable {
    int first_year = 0;
    int last_year = -1;
    int age_count = 0;
    std::vector<double> values;  // [(year - first_year) * 2 + sex] * age_count + age

    double at(int year, int sex, int age) const {
        return values[(static_cast<std::size_t>(year - first_year) * sex_count + static_cast<std::size_t>(sex)) *
                          static_cast<std::size_t>(age_count) +
                      static_cast<std::size_t>(age)];
    }
};

struct DemographicInputs {
    PopulationGrid grid;
    int open_age = 90;
    std::vector<std::int64_t> base_counts;  // [area][sex][age 0..open_age]; the open_age row is open_age+
    YearSexAgeTable death_rates;            // m(x) per person-year, national
    YearSexAgeTable fertility_rates;        // ASFR by age of mother (sex index 0 only used), national
    std::vector<double> net_migration;      // [sex][age 0..max_age], per year, age at end of year
};

/// Reads and checks every demographic data file; problems are added to `diagnostics`.
DemographicInputs read_demographic_inputs(const ModelConfig& config, Diagnostics& diagnostics);

}  // namespace carecast
