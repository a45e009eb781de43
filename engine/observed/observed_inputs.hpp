#pragma once
// Published figures for the years the data has (scenario section `observed`): ONS mid-year population
// estimates by area, sex and single year of age, and DfE SEN2 EHC plans by area and age band. They are
// read and checked here, stored in the output beside the projection (results/observed_dataset.hpp) and
// never read by the model.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace carecast {

/// The `observed` section of a scenario, resolved: paths (empty: no such file) and the source text.
struct ObservedConfig {
    std::filesystem::path population_csv;
    std::filesystem::path ehc_plans_csv;
    std::string source;

    bool enabled() const { return !population_csv.empty() || !ehc_plans_csv.empty(); }
};

/// The last age of the published estimates, an open group ("90 and over"), as ONS publishes them.
inline constexpr int observed_open_age = 90;

/// The SEN2 age bands, in output order; `total` is the published all-ages figure (not a sum of bands).
inline constexpr std::array<const char*, 6> ehc_age_bands = {"under_5",  "5_to_10",  "11_to_15",
                                                             "16_to_19", "20_to_25", "total"};

/// One observed table: its years (ascending, not necessarily consecutive), values with NaN where the
/// file has no figure, and where it came from.
struct ObservedTable {
    std::string file;                 // path as named in the scenario (display)
    std::vector<std::string> header;  // the file's `#` source lines, verbatim
    std::vector<int> years;
    std::vector<double> values;                   // layout stated by the owner (ObservedInputs)
    std::vector<std::string> areas_without_rows;  // areas of the run the file has no row for

    bool empty() const { return years.empty(); }
};

struct ObservedInputs {
    std::string source;              // Observed.source, free text
    std::vector<std::string> areas;  // the run's areas, in the order of the values
    ObservedTable population;        // values [area][year][sex (female, male)][age 0..observed_open_age]
    ObservedTable ehc_plans;         // values [area][year][band (ehc_age_bands)]

    bool empty() const { return population.empty() && ehc_plans.empty(); }
    std::size_t population_index(std::size_t area, std::size_t year, int sex, int age) const;
    std::size_t ehc_index(std::size_t area, std::size_t year, std::size_t band) const;
};

/// Reads and checks the observed files of `config` for a run of `areas`: every area code must be an
/// area of the run, years whole numbers in 1900..2100, sex M/F/male/female, age 0..90, values whole
/// numbers >= 0 (a blank EHC figure is missing), no row given twice. Problems go to `diagnostics` as
/// file:line:column.
ObservedInputs read_observed_inputs(const ObservedConfig& config, const std::vector<std::string>& areas,
                                    Diagnostics& diagnostics);

}  // namespace carecast
