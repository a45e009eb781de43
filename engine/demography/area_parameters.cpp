#include "demography/area_parameters.hpp"
#include "io/file_policy.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "carecast/scenario.pb.h"
#include "io/csv_table.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {
namespace {

/// A number column and the schema field whose unit and range it takes: the scenario parameter it replaces,
/// or its own field of DataColumns.
struct NumberColumn {
    const char* name;
    double AreaParameters::*field;
    const google::protobuf::Descriptor* (*message)();
    int number;
};

const NumberColumn number_columns[] = {
    {"mortality_factor_male", &AreaParameters::mortality_factor_male, &Mortality::descriptor,
     Mortality::kLocalFactorMaleFieldNumber},
    {"mortality_factor_female", &AreaParameters::mortality_factor_female, &Mortality::descriptor,
     Mortality::kLocalFactorFemaleFieldNumber},
    {"fertility_factor", &AreaParameters::fertility_factor, &Fertility::descriptor, Fertility::kLocalFactorFieldNumber},
    {"ehc_plan_scale", &AreaParameters::ehc_plan_scale, &DataColumns::descriptor,
     DataColumns::kEhcPlanScaleFieldNumber},
    {"care_home_admission_scale_65_plus", &AreaParameters::care_home_admission_scale_65_plus, &DataColumns::descriptor,
     DataColumns::kCareHomeAdmissionScale65PlusFieldNumber},
    {"care_home_admission_scale_18_64", &AreaParameters::care_home_admission_scale_18_64, &DataColumns::descriptor,
     DataColumns::kCareHomeAdmissionScale1864FieldNumber},
    {"ehc_growth", &AreaParameters::ehc_growth, &Send::descriptor, Send::kEhcGrowthFieldNumber},
};

/// Parses the numeric fields of one row; false if any is missing or out of range (each reported).
bool parse_numbers(const CsvTable& table, const CsvRow& row, AreaParameters& out, Diagnostics& diagnostics) {
    bool ok = true;
    for (const auto& c : number_columns) {
        const auto col = *table.column(c.name);
        const auto value = table.number(row, col, diagnostics);
        if (!value) {
            ok = false;
            continue;
        }
        const auto& field = schema_field(*c.message(), c.number);
        if (!within_schema_range(field, *value)) {
            table.report(row, col, out_of_schema_range(field, *value, schema_unit_noun(field)), diagnostics);
            ok = false;
            continue;
        }
        out.*c.field = *value;
    }
    return ok;
}

}  // namespace

void read_area_parameters(const DemographyConfig& config, DemographicInputs& out, Diagnostics& diagnostics) {
    if (config.area_parameters_csv.empty() || !is_regular_file_nothrow(config.area_parameters_csv)) return;
    const auto table = CsvTable::read(config.area_parameters_csv, config.area_parameters_csv.string(), diagnostics);
    std::vector<std::string> required = {"area", "area_name"};
    for (const auto& c : number_columns) required.emplace_back(c.name);
    required.emplace_back("sources");
    if (!table.require_columns(required, diagnostics)) return;
    const auto& areas = out.grid.areas;
    if (areas.empty()) return;  // the base population's problem is reported already
    const auto area_col = *table.column("area"), name_col = *table.column("area_name"),
               sources_col = *table.column("sources");
    std::vector<AreaParameters> parameters(areas.size());
    std::vector<int> line_of(areas.size(), 0);
    for (const auto& row : table.rows()) {
        const std::string& code = row.fields[area_col];
        const auto found = std::find(areas.begin(), areas.end(), code);
        if (found == areas.end()) {
            table.report(row, area_col,
                         "area '" + code + "' is not in the base population (" + config.base_population_csv.string() +
                             "): every row must be one of its areas",
                         diagnostics);
            continue;
        }
        const auto area = static_cast<std::size_t>(found - areas.begin());
        if (line_of[area] > 0) {
            table.report(row, area_col,
                         "duplicate row for area " + code + " (first on line " + std::to_string(line_of[area]) + ")",
                         diagnostics);
            continue;
        }
        line_of[area] = row.line;
        AreaParameters p;
        p.name = row.fields[name_col];
        p.sources = row.fields[sources_col];
        if (p.name.empty()) table.report(row, name_col, "area_name is empty: give the area's name", diagnostics);
        parse_numbers(table, row, p, diagnostics);
        parameters[area] = std::move(p);
    }
    std::string missing;
    std::size_t missing_count = 0;
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (line_of[a] == 0) {
            if (missing_count < 10) missing += (missing.empty() ? "" : ", ") + areas[a];
            ++missing_count;
        }
    if (missing_count > 0)
        diagnostics.error(table.name(), table.header_line(), 1,
                          std::to_string(missing_count) + " area(s) of the base population have no row: " + missing +
                              (missing_count > 10 ? ", ..." : "") + " (every area of " +
                              config.base_population_csv.string() + " needs one row)");
    out.area_parameters = std::move(parameters);
}

DemographicInputs area_demographic_inputs(const DemographicInputs& inputs, std::size_t area) {
    DemographicInputs out;
    out.grid.areas = {inputs.grid.areas.at(area)};
    out.grid.max_age = inputs.grid.max_age;
    out.open_age = inputs.open_age;
    const auto base_block = static_cast<std::size_t>(sex_count) * static_cast<std::size_t>(inputs.open_age + 1);
    out.base_counts.assign(inputs.base_counts.begin() + static_cast<std::ptrdiff_t>(area * base_block),
                           inputs.base_counts.begin() + static_cast<std::ptrdiff_t>((area + 1) * base_block));
    out.death_rates = inputs.death_rates;
    out.fertility_rates = inputs.fertility_rates;
    const auto migration_block =
        static_cast<std::size_t>(sex_count) * static_cast<std::size_t>(inputs.grid.age_count());
    const std::size_t from = inputs.net_migration_by_area ? area * migration_block : 0;
    out.net_migration.assign(inputs.net_migration.begin() + static_cast<std::ptrdiff_t>(from),
                             inputs.net_migration.begin() + static_cast<std::ptrdiff_t>(from + migration_block));
    out.net_migration_by_area = inputs.net_migration_by_area;
    if (!inputs.area_parameters.empty()) out.area_parameters = {inputs.area_parameters.at(area)};
    return out;
}

ModelConfig area_model_config(const ModelConfig& config, const DemographicInputs& inputs, std::size_t area) {
    ModelConfig out = config;
    out.demography.area_code = inputs.grid.areas.at(area);
    if (inputs.area_parameters.empty()) return out;
    const AreaParameters& p = inputs.area_parameters.at(area);
    out.demography.mortality_factor_male = p.mortality_factor_male;
    out.demography.mortality_factor_female = p.mortality_factor_female;
    out.demography.fertility_factor = p.fertility_factor;
    out.cohorts.send.ehc_growth = p.ehc_growth;
    return out;
}

}  // namespace carecast
