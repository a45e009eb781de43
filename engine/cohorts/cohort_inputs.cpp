#include "cohorts/cohort_inputs.hpp"
#include "io/file_policy.hpp"

#include <algorithm>

#include "carecast/scenario.pb.h"
#include "cohorts/modules.hpp"
#include "io/csv_table.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {
namespace {

std::vector<std::string> cohort_names(const std::filesystem::path& path, Diagnostics& diagnostics) {
    std::vector<std::string> names;
    if (!is_regular_file_nothrow(path)) return names;
    Diagnostics ignored;  // the table reader reports problems once
    const auto csv = CsvTable::read(path, path.string(), ignored);
    const auto column = csv.column("cohort");
    if (!column) {
        diagnostics.error(path.string(), csv.header_line(), 1, "missing column 'cohort'");
        return names;
    }
    for (const auto& row : csv.rows())
        if (std::find(names.begin(), names.end(), row.fields[*column]) == names.end())
            names.push_back(row.fields[*column]);
    return names;
}

/// The need table: one age table per level, each level's share at most the level below's.
void read_need(const std::filesystem::path& path, int max_age, SharedCohortInputs& in, Diagnostics& diagnostics) {
    for (std::size_t k = 0; k < in.need_at_least.size(); ++k) {
        AgeTableSpec spec;
        spec.filter_column = "level";
        spec.filter_value = need_level_names[k];
        in.need_at_least[k] = read_age_table(path, max_age, spec, diagnostics);
    }
    for (std::size_t k = 1; k < in.need_at_least.size(); ++k) {
        const auto& upper = in.need_at_least[k];
        const auto& lower = in.need_at_least[k - 1];
        if (upper.empty() || lower.empty() || upper.values.size() != lower.values.size()) continue;
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= max_age; ++age)
                if (upper.at(sex, age) > lower.at(sex, age) + 1e-12) {
                    diagnostics.error(path.string(), 0, 0,
                                      std::string("level '") + need_level_names[k] + "' at age " + std::to_string(age) +
                                          " (" + sex_names[sex] + ") is above level '" + need_level_names[k - 1] +
                                          "': each level is the share at that level or above, so it cannot "
                                          "exceed the level below");
                    return;
                }
    }
}

const AgeTableSpec probability;  // value in [0, 1]

/// The tables of module M read here (none for a module with its own `Inputs`, or without tables).
template <typename M>
void read_shared(const CohortConfig&, int, CohortInputs&, Diagnostics&) {}

template <>
void read_shared<DementiaModule>(const CohortConfig& c, int max_age, CohortInputs& in, Diagnostics& diagnostics) {
    AgeTableSpec cfas = probability;
    cfas.value_column = "prevalence";
    in.dementia_prevalence = read_age_table(c.dementia.prevalence_csv, max_age, cfas, diagnostics);
    if (!c.dementia.early_onset_prevalence_csv.empty())
        in.dementia_early_onset =
            read_age_table(c.dementia.early_onset_prevalence_csv, max_age, probability, diagnostics);
}

template <>
void read_shared<CarersModule>(const CohortConfig& c, int max_age, CohortInputs& in, Diagnostics& diagnostics) {
    in.carer_prevalence = read_age_table(c.carers.prevalence_csv, max_age, probability, diagnostics);
    if (!c.carers.trend_csv.empty()) {
        in.carer_trend = read_age_table(c.carers.trend_csv, max_age, carer_trend_spec(), diagnostics);
    }
}

template <>
void read_shared<CareHomesModule>(const CohortConfig& c, int max_age, CohortInputs& in, Diagnostics& diagnostics) {
    in.care_home_admission = read_age_table(c.care_homes.admission_probability_csv, max_age, probability, diagnostics);
}

template <>
void read_shared<NeedModule>(const CohortConfig& c, int max_age, CohortInputs& in, Diagnostics& diagnostics) {
    read_need(c.need.prevalence_csv, max_age, in, diagnostics);
}

}  // namespace

CohortInputs read_cohort_inputs(const ScenarioFile& file, const CohortConfig& c, int max_age,
                                Diagnostics& diagnostics) {
    CohortInputs in;
    CohortModules::for_each([&]<typename M>() {
        if (!is_enabled<M>(c)) return;
        if constexpr (ReadsScenarioFile<M>)
            M::read_inputs(file, c, max_age, in, diagnostics);
        else if constexpr (HasTables<M>)
            M::read_inputs(c, max_age, in, diagnostics);
        else
            read_shared<M>(c, max_age, in, diagnostics);
    });
    if (c.prevalence.enabled) {
        in.prevalence_cohort_names = cohort_names(c.prevalence.rates_csv, diagnostics);
        for (const auto& name : in.prevalence_cohort_names) {
            AgeTableSpec spec = probability;
            spec.filter_column = "cohort";
            spec.filter_value = name;
            in.prevalence_cohort_rates.push_back(read_age_table(c.prevalence.rates_csv, max_age, spec, diagnostics));
        }
    }
    return in;
}

AgeTableSpec carer_trend_spec() {
    const auto& trend = schema_field(*DataColumns::descriptor(), DataColumns::kCarerTrendFieldNumber);
    AgeTableSpec spec;
    spec.lo = schema_min(trend);
    spec.hi = schema_max(trend);
    spec.range_text = schema_unit_noun(trend) + " must be in " + schema_range_text(trend);
    return spec;
}

void read_dementia_prevalence_intervals(const CohortConfig& config, int max_age, CohortInputs& inputs,
                                        Diagnostics& diagnostics) {
    AgeTableSpec spec;
    spec.value_column = "lower95";
    inputs.dementia_prevalence_lower95 = read_age_table(config.dementia.prevalence_csv, max_age, spec, diagnostics);
    spec.value_column = "upper95";
    inputs.dementia_prevalence_upper95 = read_age_table(config.dementia.prevalence_csv, max_age, spec, diagnostics);
}

}  // namespace carecast
