#pragma once
// Age-by-sex tables of rates and shares, the format every cohort module reads:
//   min_age,max_age,sex,value      (sex M, F or * for both; rows may cover any age range)
// or, as in published prevalence tables,
//   age_band,sex,<value column>    (bands "65-69", "90+")
// Ages not covered by any row are 0. An optional `filter` keeps only rows whose column equals a value
// (the prevalence-cohorts file holds several cohorts).
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/population.hpp"

namespace carecast {

struct AgeSexTable {
    int max_age = 0;
    std::vector<double> values;  // [sex][age 0..max_age]

    double at(int sex, int age) const {
        return values[static_cast<std::size_t>(sex) * static_cast<std::size_t>(max_age + 1) +
                      static_cast<std::size_t>(age)];
    }
    bool empty() const { return values.empty(); }
};

struct AgeTableSpec {
    std::string value_column = "value";
    double lo = 0.0;  // allowed range of values
    double hi = 1.0;
    std::string range_text = "a probability must be in [0, 1]";
    std::string filter_column;  // empty: all rows
    std::string filter_value;
};

/// Reads an age table; problems (columns, ranges, overlapping rows, bad bands) go to `diagnostics`.
AgeSexTable read_age_table(const std::filesystem::path& path, int max_age, const AgeTableSpec& spec,
                           Diagnostics& diagnostics);

}  // namespace carecast
