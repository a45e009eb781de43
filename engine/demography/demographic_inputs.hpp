#pragma once
// The demographic data files named by a scenario, read and checked: columns, value ranges, years in
// order and age coverage. Every problem is reported with its file, line and column.
#include <cstdint>
#include <string>
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

/// One area's row of demography.area_parameters_csv: values replacing the scenario's for that area.
struct AreaParameters {
    std::string name;
    double mortality_factor_male = 1.0;
    double mortality_factor_female = 1.0;
    double fertility_factor = 1.0;
    double ehc_plan_scale = 1.0;                     // multiplier on the EHC-plan prevalence table
    double care_home_admission_scale_65_plus = 1.0;  // multipliers on the care-home admission table
    double care_home_admission_scale_18_64 = 1.0;
    double ehc_growth = 0.0;
    std::string sources;  // free text: which values are local, which national defaults
};

struct DemographicInputs {
    PopulationGrid grid;
    int open_age = 0;                             // demography.open_age
    std::vector<std::int64_t> base_counts;        // [area][sex][age 0..open_age]; the open_age row is open_age+
    YearSexAgeTable death_rates;                  // m(x) per person-year, national
    YearSexAgeTable fertility_rates;              // ASFR by age of mother (sex index 0 only used), national
    std::vector<double> net_migration;            // [area][sex][age 0..max_age] (by area) or [sex][age]; per year,
                                                  // age at end of year
    bool net_migration_by_area = false;           // the table had an `area` column
    std::vector<AreaParameters> area_parameters;  // [area] in grid order; empty without area_parameters_csv
};

/// Reads and checks every demographic data file; problems are added to `diagnostics`.
DemographicInputs read_demographic_inputs(const ModelConfig& config, Diagnostics& diagnostics);

}  // namespace carecast
