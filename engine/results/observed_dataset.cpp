#include "results/observed_dataset.hpp"

#include <numeric>

namespace carecast::output {
namespace {

const char* const missing_comment =
    "NaN where the source publishes no figure (a year, age band or area it does not cover, or a blank "
    "value); never 0. Published figures only: the simulated arrays never contain them.";

/// The scenario's source text, then the file's `#` header lines, one per line.
std::string source_text(const ObservedInputs& observed, const ObservedTable& table) {
    std::string out = observed.source;
    for (const auto& line : table.header) out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::vector<Attribute> attributes_of(const ObservedInputs& observed, const ObservedTable& table,
                                     const std::string& what) {
    std::vector<Attribute> attributes = {
        {"source", source_text(observed, table)}, {"source_file", table.file}, {"comment", missing_comment}};
    if (!table.areas_without_rows.empty()) {
        std::string areas;
        for (const auto& a : table.areas_without_rows) areas += (areas.empty() ? "" : " ") + a;
        attributes.push_back({"note", "no " + what + " in the source for these areas of the run (all NaN): " + areas});
    }
    return attributes;
}

std::vector<std::int32_t> sequence(int first, int last) {
    std::vector<std::int32_t> values(static_cast<std::size_t>(last - first + 1));
    std::iota(values.begin(), values.end(), first);
    return values;
}

void add_population(Dataset& dataset, const ObservedInputs& observed) {
    const auto& table = observed.population;
    dataset.dimensions.push_back({observed_year_dimension,
                                  table.years.size(),
                                  "year of a published population estimate (persons at 30 June)",
                                  "",
                                  {table.years.begin(), table.years.end()},
                                  {}});
    dataset.dimensions.push_back({observed_age_dimension,
                                  static_cast<std::size_t>(observed_open_age + 1),
                                  "age in completed years at 30 June; the last age (90) is 90 and over, as published",
                                  "years",
                                  sequence(0, observed_open_age),
                                  {}});
    dataset.variables.push_back({observed_population_name,
                                 {"area", observed_year_dimension, "sex", observed_age_dimension},
                                 "published population estimate at mid-year (30 June), persons",
                                 "1",
                                 table.values,
                                 attributes_of(observed, table, "population estimates")});
}

void add_ehc_plans(Dataset& dataset, const ObservedInputs& observed) {
    const auto& table = observed.ehc_plans;
    dataset.dimensions.push_back({observed_ehc_year_dimension,
                                  table.years.size(),
                                  "year of a published EHC plan count (January of that year)",
                                  "",
                                  {table.years.begin(), table.years.end()},
                                  {}});
    dataset.dimensions.push_back(
        {ehc_age_band_dimension,
         ehc_age_bands.size(),
         "age band as published in DfE SEN2; total is the published all-ages figure, not a sum of bands",
         "",
         {},
         {ehc_age_bands.begin(), ehc_age_bands.end()}});
    dataset.variables.push_back({observed_ehc_plans_name,
                                 {"area", observed_ehc_year_dimension, ehc_age_band_dimension},
                                 "published children and young people with an EHC plan or statement of SEN, January",
                                 "1",
                                 table.values,
                                 attributes_of(observed, table, "EHC plan figures")});
}

}  // namespace

void add_observed(Dataset& dataset, const ObservedInputs& observed) {
    if (!observed.population.empty()) add_population(dataset, observed);
    if (!observed.ehc_plans.empty()) add_ehc_plans(dataset, observed);
}

}  // namespace carecast::output
