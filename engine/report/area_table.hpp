#pragma once
// A run with several areas (all of England, a county's districts): one row per area of headline
// stocks at the first and last year, and the row of their sum, for the report. Means across replicates.
#include <string>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::report {

struct AreaTable {
    int first_year = 0;
    int last_year = 0;
    std::vector<std::string> columns;       // for people: "Population 2020", "Aged 65+ 2040", ...
    std::vector<std::string> codes;         // [area]
    std::vector<std::string> names;         // [area] from the file's area_names (empty strings without them)
    std::vector<std::vector<double>> rows;  // [area][column]
    std::vector<double> total;              // [column]: the sum over areas
};

/// The table for `dataset`; empty `rows` if it has one area or no population by area, sex and age.
AreaTable area_table(const output::Dataset& dataset);

}  // namespace carecast::report
