#pragma once
// The cohort sections of a scenario resolved into plain values, defaults filled in and ranges checked.
// A section absent from the scenario is disabled: that cohort is not simulated. Defaults and their
// sources are documented in proto/carecast/scenario.proto.
#include <array>
#include <filesystem>

#include "scenario/scenario_file.hpp"

namespace carecast {

struct DementiaConfig {
    bool enabled = false;
    std::filesystem::path prevalence_csv;
    std::filesystem::path early_onset_prevalence_csv;
    double prevalence_scale = 1.0;
    double mortality_rr_year1 = 3.68;
    double mortality_rr_later = 2.49;
    double annual_diagnosis_probability = 0.35;
    double base_diagnosed_share = 0.686;
    double incidence_multiplier = 1.0;
};

struct CouplesConfig {
    bool enabled = false;
    std::filesystem::path partnered_share_csv;
    double mean_age_gap = 2.0;
};

using HoursShares = std::array<double, 3>;  // 1-19, 20-49, 50+ hours a week

struct CarersConfig {
    bool enabled = false;
    std::filesystem::path prevalence_csv;
    double annual_stop_probability = 0.2;
    double partner_becomes_carer_probability = 0.6;
    HoursShares hours_under_65 = {0.66, 0.14, 0.20};
    HoursShares hours_65_plus = {0.50, 0.13, 0.37};
    HoursShares hours_partner = {0.15, 0.20, 0.65};
};

struct SendConfig {
    bool enabled = false;
    std::filesystem::path sen_support_prevalence_csv;
    std::filesystem::path ehc_plan_prevalence_csv;
    double ehc_growth = 0.044;
    double ehc_exit_16_25 = 0.04;
    double adult_learning_disability_share = 0.3;
    double sen_support_exit = 0.15;
};

struct FallsConfig {
    bool enabled = false;
    std::filesystem::path admission_probability_csv;
};

struct CareHomesConfig {
    bool enabled = false;
    std::filesystem::path admission_probability_csv;
    double rr_dementia = 4.0;
    double rr_no_carer = 1.5;
    double rr_lost_carer = 2.0;
    double rr_fall = 2.5;
    double nursing_share = 0.35;
    double residential_hazard_first_year = 0.598;
    double residential_hazard_later = 0.733;
    double nursing_hazard_first_year = 1.05;
    double nursing_hazard_later = 1.47;
    double discharge_share = 0.05;
};

struct HomeCareConfig {
    bool enabled = false;
    std::filesystem::path reablement_probability_csv;
    std::filesystem::path home_care_start_probability_csv;
    double reablement_after_fall = 0.5;
    double no_ongoing_care_share = 0.55;
    double reduced_care_share = 0.347;
    int reablement_max_days = 42;
    double home_care_stop_probability = 0.1;
    double home_care_hours_per_week = 10.0;
};

struct PrevalenceCohortsConfig {
    bool enabled = false;
    std::filesystem::path rates_csv;
};

struct CohortConfig {
    DementiaConfig dementia;
    CouplesConfig couples;
    CarersConfig carers;
    SendConfig send;
    FallsConfig falls;
    CareHomesConfig care_homes;
    HomeCareConfig home_care;
    PrevalenceCohortsConfig prevalence;
};

/// Resolves every cohort section; problems go to `diagnostics` at the field's position.
CohortConfig resolve_cohort_config(const ScenarioFile& file, Diagnostics& diagnostics);

}  // namespace carecast
