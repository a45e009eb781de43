#pragma once
// A council's local parameters, estimated from the national data pack (docs/demography.md, "Any
// council"): mortality and fertility levels from its own deaths and births against its population
// (indirectly standardised on the England & Wales schedules), net migration by age and sex as the
// residual of its mid-year estimates, EHC plans from DfE SEN2 and care-home admissions from ASCOF.
// Only data up to the base year enter (a back-test from 2016 never sees 2017); anything the pack
// lacks for the area falls back to a documented national default, flagged as such.
#include <filesystem>
#include <string>
#include <vector>

#include "carecast/scenario.pb.h"
#include "derive/area_pack.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast::derive {

/// Where a parameter came from: the area's own published figures, or a national default.
struct ParameterSource {
    std::string parameter;  // scenario field, e.g. "demography.mortality.local_factor_male"
    bool local = false;
    std::string note;  // how it was estimated, from what, over which years
};

struct DerivationOptions {
    int base_year = 0;                   // 0: the latest year the pack has
    std::filesystem::path national_dir;  // holds ew_hmd_mx_2011-2016.csv, ew_hfd_asfr_2011-2016.csv, assumptions/
    double mortality_improvement = schema_default<Mortality>(Mortality::kAnnualImprovementFieldNumber);
    int max_age = schema_default<Demography, int>(Demography::kMaxAgeFieldNumber);
    /// Years of estimates before the base year that the migration fit uses (2011 counts for a base of
    /// 2016 because the pack has no mid-2012 or mid-2013).
    int fit_years = 5;
};

struct DerivedArea {
    const PackArea* area = nullptr;
    int base_year = 0;
    SexAgeCounts base_population{};
    double mortality_factor = 1, fertility_factor = 1;
    std::int64_t observed_deaths = 0, observed_births = 0;
    double expected_deaths_national = 0, expected_births_national = 0;
    std::vector<int> component_years;              // years to mid-y whose deaths and births were used
    std::vector<int> migration_years;              // mid-year estimates used for migration (first = start)
    std::vector<double> net_migration;             // [sex][age 0..max_age] per year, age at end of year
    double components_net_migration_per_year = 0;  // ONS MYE3 over the same years, for comparison
    bool components_net_known = false;
    // EHC plans: the national shape scaled band by band to the area's January count.
    int ehc_year = 0;
    std::vector<std::string> ehc_table_lines;  // min_age,max_age,sex,value rows
    double ehc_growth = 0;
    double ehc_scale_vs_shape = 1;  // expected plans with the local table over those with the shipped shape
    // Care-home admissions: scale of County Durham's calibrated probabilities (65+, 18-64).
    double admission_scale_65_plus = 1, admission_scale_18_64 = 1;
    std::vector<std::string> admission_table_lines;
    std::vector<ParameterSource> sources;
    std::vector<std::string> warnings;
};

/// Derives every local parameter of `area` at `options.base_year` (the latest when 0). Throws
/// InputError naming the area, year and pack file when the data cannot support it (no estimate for
/// the base year, an area missing from a fit year).
DerivedArea derive_area(const AreaPack& pack, const PackArea& area, const DerivationOptions& options);

/// Latest year with estimates in the pack.
int latest_base_year(const AreaPack& pack);

}  // namespace carecast::derive
