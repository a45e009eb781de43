#include "scenario/rate_table.hpp"

#include <array>
#include <limits>
#include <stdexcept>
#include <string>

namespace carecast {
namespace {

using S = RateSection;
using K = RateShape;

// A scalar rate's range is its field's, in the schema (schema_rules.hpp); only a limit set by another
// field is written here.
constexpr double no_limit = std::numeric_limits<double>::infinity();

constexpr ScalarRate diagnosis(const CohortConfig& c) {
    return {c.dementia.annual_diagnosis_probability, "dementia.annual_diagnosis_probability", no_limit, ""};
}
constexpr ScalarRate carer_stop(const CohortConfig& c) {
    return {c.carers.annual_stop_probability, "carers.annual_stop_probability", no_limit, ""};
}
constexpr ScalarRate partner_carer(const CohortConfig& c) {
    return {c.carers.partner_becomes_carer_probability, "carers.partner_becomes_carer_probability", no_limit, ""};
}
constexpr ScalarRate ehc_growth(const CohortConfig& c) {
    return {c.send.ehc_growth, "send.ehc_growth", no_limit, ""};
}
constexpr ScalarRate discharge(const CohortConfig& c) {
    return {c.care_homes.discharge_share, "care_homes.discharge_share", no_limit, ""};
}
constexpr ScalarRate no_ongoing_care(const CohortConfig& c) {
    return {c.home_care.no_ongoing_care_share, "home_care.no_ongoing_care_share", 1 - c.home_care.reduced_care_share,
            "at most 1 - home_care.reduced_care_share"};
}
constexpr ScalarRate home_care_stop(const CohortConfig& c) {
    return {c.home_care.home_care_stop_probability, "home_care.home_care_stop_probability", no_limit, ""};
}

// One row per Rate, in the order of its values. Mortality changes both: the cohort rates hold death
// probabilities by dementia state. EHC_PLAN_GROWTH acts through YearRates::ehc_growth_factor and
// CARERS_SUPPORTED through the money (engine/finance), so neither changes a year's rate tables.
// clang-format off
//   rate                        section          shape               demography cohorts scalar
constexpr std::array<RateInfo, Rate_ARRAYSIZE> rate_table{{
    {RATE_UNSPECIFIED,           S::none,       K::none,            false, false, nullptr},
    {MORTALITY,                  S::demography, K::table,           true,  true,  nullptr},
    {FERTILITY,                  S::demography, K::table,           true,  false, nullptr},
    {EMIGRATION,                 S::demography, K::table,           true,  false, nullptr},
    {IMMIGRATION,                S::demography, K::table,           true,  false, nullptr},
    {DEMENTIA_INCIDENCE,         S::dementia,   K::table,           false, true,  nullptr},
    {DEMENTIA_DIAGNOSIS,         S::dementia,   K::scenario_field,  false, true,  diagnosis},
    {CARER_START,                S::carers,     K::table,           false, true,  nullptr},
    {CARER_STOP,                 S::carers,     K::scenario_field,  false, true,  carer_stop},
    {PARTNER_BECOMES_CARER,      S::carers,     K::scenario_field,  false, true,  partner_carer},
    {SEN_SUPPORT_START,          S::send,       K::table,           false, true,  nullptr},
    {EHC_PLAN_START,             S::send,       K::table,           false, true,  nullptr},
    {EHC_PLAN_GROWTH,            S::send,       K::scenario_field,  false, false, ehc_growth},
    {FALL_ADMISSION,             S::falls,      K::table,           false, true,  nullptr},
    {CARE_HOME_ADMISSION,        S::care_homes, K::table,           false, true,  nullptr},
    {RESIDENTIAL_ADMISSION,      S::care_homes, K::table,           false, true,  nullptr},
    {NURSING_ADMISSION,          S::care_homes, K::table,           false, true,  nullptr},
    {CARE_HOME_LENGTH_OF_STAY,   S::care_homes, K::multiplier_only, false, true,  nullptr},
    {CARE_HOME_DISCHARGE,        S::care_homes, K::scenario_field,  false, true,  discharge},
    {REABLEMENT,                 S::home_care,  K::table,           false, true,  nullptr},
    {REABLEMENT_NO_ONGOING_CARE, S::home_care,  K::scenario_field,  false, true,  no_ongoing_care},
    {HOME_CARE_START,            S::home_care,  K::table,           false, true,  nullptr},
    {HOME_CARE_STOP,             S::home_care,  K::scenario_field,  false, true,  home_care_stop},
    {CARERS_SUPPORTED,           S::money,      K::multiplier_only, false, false, nullptr},
}};
// clang-format on

/// Every row sits at its rate's value, every rate has a row, and exactly the single-value rates with a
/// scenario field have one.
constexpr bool rows_complete() {
    for (std::size_t i = 0; i < rate_table.size(); ++i) {
        const RateInfo& row = rate_table[i];
        if (static_cast<std::size_t>(row.rate) != i) return false;
        if ((row.shape == K::scenario_field) != (row.scalar != nullptr)) return false;
        if (row.rate != RATE_UNSPECIFIED && (row.section == S::none || row.shape == K::none)) return false;
    }
    return true;
}
static_assert(rate_table.size() == static_cast<std::size_t>(Rate_MAX) + 1 && Rate_MIN == RATE_UNSPECIFIED,
              "scenario.proto's Rate and rate_table differ: add the new rate's row");
static_assert(rows_complete(), "rate_table: a row is out of order, or its shape and scalar field disagree");

}  // namespace

const RateInfo& rate_info(Rate rate) {
    const auto index = static_cast<std::size_t>(rate);
    if (rate < Rate_MIN || index >= rate_table.size())
        throw std::out_of_range("rate_info: " + std::to_string(static_cast<int>(rate)) + " is not a Rate");
    return rate_table[index];
}

bool is_table_rate(Rate rate) {
    return rate_info(rate).shape == RateShape::table;
}

std::optional<ScalarRate> scalar_rate(Rate rate, const CohortConfig& cohorts) {
    const RateInfo& row = rate_info(rate);
    if (row.scalar == nullptr) return std::nullopt;
    return row.scalar(cohorts);
}

const char* section_name(RateSection section) {
    switch (section) {
        case RateSection::none:
            return "none";
        case RateSection::demography:
            return "demography";
        case RateSection::dementia:
            return "dementia";
        case RateSection::carers:
            return "carers";
        case RateSection::send:
            return "send";
        case RateSection::falls:
            return "falls";
        case RateSection::care_homes:
            return "care_homes";
        case RateSection::home_care:
            return "home_care";
        case RateSection::money:
            return "money";
    }
    throw std::logic_error("section_name: not a RateSection");
}

bool section_simulated(RateSection section, const CohortConfig& cohorts) {
    switch (section) {
        case RateSection::none:
            return false;
        case RateSection::demography:
            return true;
        case RateSection::dementia:
            return cohorts.dementia.enabled;
        case RateSection::carers:
            return cohorts.carers.enabled;
        case RateSection::send:
            return cohorts.send.enabled;
        case RateSection::falls:
            return cohorts.falls.enabled;
        case RateSection::care_homes:
            return cohorts.care_homes.enabled;
        case RateSection::home_care:
            return cohorts.home_care.enabled;
        case RateSection::money:
            return true;
    }
    throw std::logic_error("section_simulated: not a RateSection");
}

}  // namespace carecast
