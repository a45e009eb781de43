#pragma once
// Back-test of one council from a past base year against the published estimates that followed it
// (docs/validation.md, "Every council"): the model's projection beside two naive projections.
#include <filesystem>
#include <string>
#include <vector>

#include "derive/area_pack.hpp"

namespace carecast::backtest {

/// The groups compared: all ages, 0-17, 65+, 85+ (model ages above 90 count in the pack's 90+).
struct Group {
    const char* name;
    int min_age, max_age;
};
inline constexpr Group population_groups[] = {
    {"total", 0, 200}, {"age_0_17", 0, 17}, {"age_65_plus", 65, 200}, {"age_85_plus", 85, 200}};
inline constexpr const char* ehc_measure = "ehc_plans";

/// One measure of one council in one target year.
struct Comparison {
    std::string measure;  // a Group name or ehc_measure
    int year = 0;
    double actual = 0;        // published: ONS mid-year estimate, or DfE SEN2 January count
    double model = 0;         // expected projection (population) or mean of replicates (EHC plans)
    double naive_last = 0;    // the base-year figure held
    double naive_growth = 0;  // the base-year figure grown at its constant growth over the fit window
};

/// What a council's fit used and what happened after, for explaining its errors.
struct CouncilDiagnostics {
    int last_fit_year = 0;            // the latest year of any figure the fit used (must be <= base year)
    double base_total = 0;            // the pack's base-year estimate (original release)
    double revised_base_total = 0;    // ONS MYE3 start population of the year after the base (revised)
    double fitted_net_migration = 0;  // a year, in the model
    double actual_net_migration = 0;  // a year, ONS MYE3, years to mid base+1 .. horizon
    double mortality_factor = 1, fertility_factor = 1;
    // Deaths, model (expected) and ONS MYE3: years to mid base+1 .. horizon-1, and the year to mid-horizon
    // (to mid-2020: the first wave of COVID-19).
    double model_deaths_before_last = 0, actual_deaths_before_last = 0, model_deaths_last = 0, actual_deaths_last = 0;
    double ehc_growth = 0;
    bool ehc_local = false;
};

struct CouncilResult {
    const derive::PackArea* area = nullptr;
    CouncilDiagnostics diagnostics;
    std::vector<Comparison> comparisons;
};

struct BacktestOptions {
    int base_year = 2016;
    int horizon_year = 2020;
    int growth_from = 2011;        // naive constant growth of population, from this estimate
    int ehc_growth_from = 2014;    // naive constant growth of EHC plans, from this January
    std::uint32_t replicates = 2;  // EHC plans: replicates simulated (0: population only)
    int threads = 2;
    std::filesystem::path national_dir;  // scenarios/data
    std::filesystem::path work_dir;      // where each council's scenario is written
};

/// Back-tests `area`: derives it at the base year from the pack (data up to the base year only),
/// projects the population exactly (expected_projection) and simulates EHC plans.
CouncilResult backtest_council(const derive::AreaPack& pack, const derive::PackArea& area,
                               const BacktestOptions& options);

/// The scenario `text` with only the sections a demography-and-SEND run needs (run, demography,
/// send and the top-level scalars).
std::string send_only_scenario(const std::string& text);

}  // namespace carecast::backtest
