#pragma once
// The cohort sections of a scenario resolved into plain values, defaults filled in and ranges checked.
// A section absent from the scenario is disabled: that cohort is not simulated. Every default is the
// field's option in proto/carecast/scenario.proto (read by schema_default), never a number here.
// A module whose parameters no intervention, schedule or money reads keeps its configuration in its
// own folder instead (docs/adding_a_module.md); it finds its section through `sections`.
#include <algorithm>
#include <array>
#include <filesystem>
#include <string_view>
#include <vector>

#include "scenario/schema_rules.hpp"

namespace carecast {

struct DementiaConfig {
    bool enabled = false;
    std::filesystem::path prevalence_csv;
    std::filesystem::path early_onset_prevalence_csv;
    double prevalence_scale = schema_default<Dementia>(Dementia::kPrevalenceScaleFieldNumber);
    double mortality_rr_year1 = schema_default<Dementia>(Dementia::kMortalityRelativeRiskYear1FieldNumber);
    double mortality_rr_later = schema_default<Dementia>(Dementia::kMortalityRelativeRiskLaterFieldNumber);
    double annual_diagnosis_probability = schema_default<Dementia>(Dementia::kAnnualDiagnosisProbabilityFieldNumber);
    double base_diagnosed_share = schema_default<Dementia>(Dementia::kBaseDiagnosedShareFieldNumber);
    double incidence_multiplier = schema_default<Dementia>(Dementia::kIncidenceMultiplierFieldNumber);
};

struct CouplesConfig {
    bool enabled = false;
    std::filesystem::path partnered_share_csv;
    double mean_age_gap = schema_default<Couples>(Couples::kMeanAgeGapFieldNumber);
    std::filesystem::path formation_probability_csv;    // empty: no partnerships form after the base year
    std::filesystem::path dissolution_probability_csv;  // empty: couples end only by death or departure
    double formation_multiplier = schema_default<Couples>(Couples::kFormationMultiplierFieldNumber);
    double dissolution_multiplier = schema_default<Couples>(Couples::kDissolutionMultiplierFieldNumber);
};

using HoursShares = std::array<double, 3>;  // 1-19, 20-49, 50+ hours a week

struct CarersConfig {
    bool enabled = false;
    std::filesystem::path prevalence_csv;
    double annual_stop_probability = schema_default<Carers>(Carers::kAnnualStopProbabilityFieldNumber);
    double partner_becomes_carer_probability =
        schema_default<Carers>(Carers::kPartnerBecomesCarerProbabilityFieldNumber);
    HoursShares hours_under_65 = schema_default_triple<Carers>(Carers::kHoursSharesUnder65FieldNumber);
    HoursShares hours_65_plus = schema_default_triple<Carers>(Carers::kHoursShares65PlusFieldNumber);
    HoursShares hours_partner = schema_default_triple<Carers>(Carers::kHoursSharesPartnerFieldNumber);
    std::filesystem::path trend_csv;  // empty: no trend
    int trend_reference_year = schema_default<Carers, int>(Carers::kTrendReferenceYearFieldNumber);
    int trend_end_year = schema_default<Carers, int>(Carers::kTrendEndYearFieldNumber);
};

struct SendConfig {
    bool enabled = false;
    std::filesystem::path sen_support_prevalence_csv;
    std::filesystem::path ehc_plan_prevalence_csv;
    double ehc_growth = schema_default<Send>(Send::kEhcGrowthFieldNumber);
    double ehc_exit_16_25 = schema_default<Send>(Send::kEhcExit1625FieldNumber);
    double adult_learning_disability_share = schema_default<Send>(Send::kAdultLearningDisabilityShareFieldNumber);
    double sen_support_exit = schema_default<Send>(Send::kSenSupportExitFieldNumber);
};

struct FallsConfig {
    bool enabled = false;
    std::filesystem::path admission_probability_csv;
};

/// Self-funded residents (care_homes.self_funders).
struct SelfFundersConfig {
    bool enabled = false;
    double share_of_residents_65_plus = schema_default<SelfFunders>(SelfFunders::kShareOfResidents65PlusFieldNumber);
    double share_of_residents_18_64 = schema_default<SelfFunders>(SelfFunders::kShareOfResidents1864FieldNumber);
    double funds_run_out_65_plus = schema_default<SelfFunders>(SelfFunders::kFundsRunOutProbabilityFieldNumber);
    double funds_run_out_18_64 = schema_default<SelfFunders>(SelfFunders::kFundsRunOutProbability1864FieldNumber);

    /// The share of residents of `age` who pay for their own care.
    double share_of_residents(int age) const {
        return age >= 65 ? share_of_residents_65_plus : share_of_residents_18_64;
    }
    /// Probability a year that a self-funder of `age` has their money run out.
    double funds_run_out(int age) const { return age >= 65 ? funds_run_out_65_plus : funds_run_out_18_64; }
};

struct CareHomesConfig {
    bool enabled = false;
    std::filesystem::path admission_probability_csv;
    double rr_dementia = schema_default<CareHomes>(CareHomes::kRelativeRiskDementiaFieldNumber);
    double rr_no_carer = schema_default<CareHomes>(CareHomes::kRelativeRiskNoCarerFieldNumber);
    double rr_lost_carer = schema_default<CareHomes>(CareHomes::kRelativeRiskLostCarerFieldNumber);
    double rr_fall = schema_default<CareHomes>(CareHomes::kRelativeRiskFallFieldNumber);
    double nursing_share = schema_default<CareHomes>(CareHomes::kNursingShareFieldNumber);
    double residential_hazard_first_year = schema_default<CareHomes>(CareHomes::kResidentialHazardFirstYearFieldNumber);
    double residential_hazard_later = schema_default<CareHomes>(CareHomes::kResidentialHazardLaterFieldNumber);
    double nursing_hazard_first_year = schema_default<CareHomes>(CareHomes::kNursingHazardFirstYearFieldNumber);
    double nursing_hazard_later = schema_default<CareHomes>(CareHomes::kNursingHazardLaterFieldNumber);
    double discharge_share = schema_default<CareHomes>(CareHomes::kDischargeShareFieldNumber);
    SelfFundersConfig self_funders;
};

struct HomeCareConfig {
    bool enabled = false;
    std::filesystem::path reablement_probability_csv;
    std::filesystem::path home_care_start_probability_csv;
    double reablement_after_fall = schema_default<HomeCare>(HomeCare::kReablementAfterFallFieldNumber);
    double no_ongoing_care_share = schema_default<HomeCare>(HomeCare::kNoOngoingCareShareFieldNumber);
    double reduced_care_share = schema_default<HomeCare>(HomeCare::kReducedCareShareFieldNumber);
    int reablement_max_days = schema_default<HomeCare, int>(HomeCare::kReablementMaxDaysFieldNumber);
    double home_care_stop_probability = schema_default<HomeCare>(HomeCare::kHomeCareStopProbabilityFieldNumber);
    double home_care_hours_per_week = schema_default<HomeCare>(HomeCare::kHomeCareHoursPerWeekFieldNumber);
};

struct NeedConfig {
    bool enabled = false;
    std::filesystem::path prevalence_csv;
    double recovery_iadl = schema_default<Need>(Need::kRecoveryIadlFieldNumber);
    double recovery_adl = schema_default<Need>(Need::kRecoveryAdlFieldNumber);
    double mortality_rr_iadl = schema_default<Need>(Need::kMortalityRelativeRiskIadlFieldNumber);
    double mortality_rr_adl = schema_default<Need>(Need::kMortalityRelativeRiskAdlFieldNumber);
    double mortality_rr_high = schema_default<Need>(Need::kMortalityRelativeRiskHighFieldNumber);
    double dementia_odds_ratio = schema_default<Need>(Need::kDementiaOddsRatioFieldNumber);
    double care_home_mortality_rr = schema_default<Need>(Need::kCareHomeMortalityRelativeRiskFieldNumber);
    double excess_mortality_high = schema_default<Need>(Need::kExcessMortalityHighFieldNumber);
    int excess_mortality_from_age = schema_default<Need, int>(Need::kExcessMortalityFromAgeFieldNumber);
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
    NeedConfig need;
    PrevalenceCohortsConfig prevalence;
    /// The field numbers of the message fields of `Scenario` the scenario writes (its sections: `dementia`,
    /// `couples`, ...), ascending.
    std::vector<int> sections;

    /// True if the scenario writes the section with this field number of `Scenario`.
    bool has_section(int field_number) const {
        return std::binary_search(sections.begin(), sections.end(), field_number);
    }
};

/// The field number of section `name` of `Scenario` (a message field, not repeated), or 0 if there is none.
int scenario_section_number(std::string_view name);

/// Resolves every cohort section; problems go to `diagnostics` at the field's position.
CohortConfig resolve_cohort_config(const ScenarioFile& file, Diagnostics& diagnostics);

}  // namespace carecast
