#include "sim/year_rates.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/rate_changes.hpp"
#include "scenario/parameter_schedules.hpp"

namespace carecast {
namespace {

void change_demography(DemographicRates& d, const std::vector<InterventionConfig>& iv, int interval, int year) {
    const int ages = d.grid.age_count();
    const auto slice = static_cast<std::size_t>(interval) * sex_count * static_cast<std::size_t>(ages);
    scale_sex_age(d.death_probability, slice, ages, iv, MORTALITY, year, true);
    for (int sex = 0; sex < sex_count; ++sex) {
        auto& q = d.newborn_death_probability[static_cast<std::size_t>(interval * sex_count + sex)];
        q = std::min(q * combined_multiplier(iv, MORTALITY, year, 0), 1.0);
    }
    scale_sex_age(d.birth_probability, static_cast<std::size_t>(interval) * static_cast<std::size_t>(ages), ages, iv,
                  FERTILITY, year, true, 1);
    scale_sex_age(d.emigration_probability, 0, ages, iv, EMIGRATION, year, true);
    const auto area_block = static_cast<std::size_t>(sex_count * ages);
    for (std::size_t area = 0; area < d.grid.areas.size(); ++area)
        scale_sex_age(d.expected_immigrants, area * area_block, ages, iv, IMMIGRATION, year, false);
}

/// Residential or nursing admissions alone: the admission probability and the nursing share by age
/// change so that the other type's admissions stay as they were.
void change_admission_types(CohortRates& r, const std::vector<InterventionConfig>& iv, int year) {
    for (int age = 0; age < r.age_count; ++age) {
        const double residential = combined_multiplier(iv, RESIDENTIAL_ADMISSION, year, age);
        const double nursing = combined_multiplier(iv, NURSING_ADMISSION, year, age);
        if (residential == 1.0 && nursing == 1.0) continue;
        for (int sex = 0; sex < sex_count; ++sex) {
            const auto at = r.at(sex, age);
            const double share = r.nursing_share[at];
            const double factor = (1 - share) * residential + share * nursing;
            r.care_home_admission[at] = std::min(r.care_home_admission[at] * factor, 1.0);
            r.nursing_share[at] = factor > 0 ? share * nursing / factor : share;
        }
    }
}

void change_cohorts(CohortRates& r, const std::vector<InterventionConfig>& iv, int interval, int year) {
    const int ages = r.age_count;
    auto& c = r.config;
    const auto slice = static_cast<std::size_t>(interval) * sex_count * static_cast<std::size_t>(ages);
    for (auto& deaths : r.death_probability_by_dementia) scale_sex_age(deaths, slice, ages, iv, MORTALITY, year, true);
    scale_sex_age(r.dementia_incidence, 0, ages, iv, DEMENTIA_INCIDENCE, year, true);
    scale_scalar(c.dementia.annual_diagnosis_probability, iv, DEMENTIA_DIAGNOSIS, year, 1.0);
    scale_sex_age(r.carer_start, slice, ages, iv, CARER_START, year, true);
    scale_scalar(c.carers.annual_stop_probability, iv, CARER_STOP, year, 1.0);
    scale_scalar(c.carers.partner_becomes_carer_probability, iv, PARTNER_BECOMES_CARER, year, 1.0);
    scale_sex_age(r.care_home_admission, 0, ages, iv, CARE_HOME_ADMISSION, year, true);
    change_admission_types(r, iv, year);
    r.stay_length_multiplier *= combined_multiplier(iv, CARE_HOME_LENGTH_OF_STAY, year);
    scale_scalar(c.care_homes.discharge_share, iv, CARE_HOME_DISCHARGE, year, 1.0);
    // The modules' own rates: each applies the interventions on its rates.
    const RateChanges changes{iv, year, ages};
    CohortModules::for_each([&]<typename M>() {
        if constexpr (HasTables<M>) M::change_rates(changes, c, r);
    });
}

/// True if an intervention whose rate has `column` in the rate table acts in `year`.
bool any_acts(const std::vector<InterventionConfig>& interventions, bool RateInfo::*column, int year) {
    return std::any_of(interventions.begin(), interventions.end(), [&](const InterventionConfig& i) {
        return rate_info(i.rate).*column && i.multiplier_in(year) != 1.0;
    });
}

/// Factor on the base-year rate of new EHC plans in `interval`: the product of (1 + growth) over the
/// earlier years, each year's growth after its schedule and its intervention.
double growth_factor(const Model& model, int interval) {
    const auto& iv = model.interventions;
    const int base_year = model.demography.base_year;
    const double growth = model.config().send.ehc_growth;
    const bool growth_changes =
        std::any_of(iv.begin(), iv.end(), [](const InterventionConfig& i) { return i.rate == EHC_PLAN_GROWTH; });
    const auto& schedules = model.schedules;
    constexpr int growth_parameter = 3;  // send.ehc_growth in model_parameter_names()
    const auto growth_in = [&](int year) { return scheduled_value(growth, schedules, growth_parameter, year); };
    if (growth_changes) {
        // Growth changes over time: the factor compounds each earlier year's own growth.
        double factor = 1.0;
        for (int k = 0; k < interval; ++k)
            factor *= 1.0 + growth_in(base_year + k) * combined_multiplier(iv, EHC_PLAN_GROWTH, base_year + k);
        return factor;
    }
    // Years before the first change of growth compound as one power (as without a schedule), so results
    // before a schedule's first year are bit-identical to the unscheduled run's.
    int unchanged = 0;
    while (unchanged < interval && growth_in(base_year + unchanged) == growth) ++unchanged;
    double factor = std::pow(1.0 + growth, unchanged);
    for (int k = unchanged; k < interval; ++k) factor *= 1.0 + growth_in(base_year + k);
    return factor;
}

/// Sets the scheduled parameters of `r` to their values in `year`, with the tables that hold them.
void apply_scheduled(CohortRates& r, const std::vector<ParameterSchedule>& schedules, int year) {
    const double nursing_before = r.config.care_homes.nursing_share;
    apply_schedules(r.config, schedules, year);
    if (r.config.care_homes.nursing_share != nursing_before)
        std::fill(r.nursing_share.begin(), r.nursing_share.end(), r.config.care_homes.nursing_share);
}

}  // namespace

double ehc_growth_factor(const Model& model, int interval) {
    return growth_factor(model, interval);
}

YearRates::YearRates(const Model& model, int interval) : demography_(&model.demography), cohorts_(&model.cohorts) {
    const auto& iv = model.interventions;
    const int base_year = model.demography.base_year;
    const int year = base_year + interval;
    ehc_growth_factor_ = growth_factor(model, interval);
    const bool scheduled = !model.schedules.empty() && schedules_change(model.config(), model.schedules, year);
    if (iv.empty() && !scheduled) return;
    if (any_acts(iv, &RateInfo::changes_demographic_rates, year)) {
        own_demography_ = std::make_unique<DemographicRates>(model.demography);
        change_demography(*own_demography_, iv, interval, year);
    }
    const bool cohort_change = any_acts(iv, &RateInfo::changes_cohort_rates, year);
    if (cohort_change || scheduled) {
        own_cohorts_ = std::make_unique<CohortRates>(model.cohorts);
        // Schedules set the year's values; interventions then multiply them.
        if (scheduled) apply_scheduled(*own_cohorts_, model.schedules, year);
        if (cohort_change) change_cohorts(*own_cohorts_, iv, interval, year);
    }
}

}  // namespace carecast
