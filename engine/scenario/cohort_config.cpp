#include "scenario/cohort_config.hpp"

#include "scenario/field_checks.hpp"

namespace carecast {
namespace {

/// Sets `target` from an optional field when it is written (its range is checked by check_schema_ranges,
/// its default is the schema's, in cohort_config.hpp).
#define CARECAST_OPTIONAL(message, field, target) \
    if (message.has_##field()) target = message.field()

void resolve_hours(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path,
                   const google::protobuf::RepeatedField<double>& values, HoursShares& target) {
    if (values.empty()) return;
    if (values.size() != 3) {
        file.error_at(diagnostics, path,
                      "needs 3 shares (1-19, 20-49 and 50+ hours a week), got " + std::to_string(values.size()));
        return;
    }
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        target[static_cast<std::size_t>(i)] = values[i];
        sum += values[i];
    }
    if (std::abs(sum - 1.0) > 1e-6)
        file.error_at(diagnostics, path, "shares must sum to 1 (they sum to " + format_number(sum) + ")");
}

void resolve_dementia(const ScenarioFile& file, Diagnostics& diagnostics, DementiaConfig& c) {
    const auto& m = file.scenario.dementia();
    c.enabled = file.scenario.has_dementia();
    if (!c.enabled) return;
    c.prevalence_csv = data_file(file, diagnostics, "dementia.prevalence_csv", m.prevalence_csv(), true);
    c.early_onset_prevalence_csv =
        data_file(file, diagnostics, "dementia.early_onset_prevalence_csv", m.early_onset_prevalence_csv(), false);
    CARECAST_OPTIONAL(m, prevalence_scale, c.prevalence_scale);
    CARECAST_OPTIONAL(m, mortality_relative_risk_year1, c.mortality_rr_year1);
    CARECAST_OPTIONAL(m, mortality_relative_risk_later, c.mortality_rr_later);
    CARECAST_OPTIONAL(m, annual_diagnosis_probability, c.annual_diagnosis_probability);
    CARECAST_OPTIONAL(m, base_diagnosed_share, c.base_diagnosed_share);
    CARECAST_OPTIONAL(m, incidence_multiplier, c.incidence_multiplier);
}

void resolve_couples_and_carers(const ScenarioFile& file, Diagnostics& diagnostics, CohortConfig& c) {
    const auto& couples = file.scenario.couples();
    c.couples.enabled = file.scenario.has_couples();
    if (c.couples.enabled) {
        c.couples.partnered_share_csv =
            data_file(file, diagnostics, "couples.partnered_share_csv", couples.partnered_share_csv(), true);
        CARECAST_OPTIONAL(couples, mean_age_gap, c.couples.mean_age_gap);
        c.couples.formation_probability_csv = data_file(file, diagnostics, "couples.formation_probability_csv",
                                                        couples.formation_probability_csv(), false);
        c.couples.dissolution_probability_csv = data_file(file, diagnostics, "couples.dissolution_probability_csv",
                                                          couples.dissolution_probability_csv(), false);
        CARECAST_OPTIONAL(couples, formation_multiplier, c.couples.formation_multiplier);
        CARECAST_OPTIONAL(couples, dissolution_multiplier, c.couples.dissolution_multiplier);
    }
    const auto& carers = file.scenario.carers();
    c.carers.enabled = file.scenario.has_carers();
    if (!c.carers.enabled) return;
    c.carers.prevalence_csv = data_file(file, diagnostics, "carers.prevalence_csv", carers.prevalence_csv(), true);
    CARECAST_OPTIONAL(carers, annual_stop_probability, c.carers.annual_stop_probability);
    CARECAST_OPTIONAL(carers, partner_becomes_carer_probability, c.carers.partner_becomes_carer_probability);
    resolve_hours(file, diagnostics, "carers.hours_shares_under_65", carers.hours_shares_under_65(),
                  c.carers.hours_under_65);
    resolve_hours(file, diagnostics, "carers.hours_shares_65_plus", carers.hours_shares_65_plus(),
                  c.carers.hours_65_plus);
    resolve_hours(file, diagnostics, "carers.hours_shares_partner", carers.hours_shares_partner(),
                  c.carers.hours_partner);
    c.carers.trend_csv = data_file(file, diagnostics, "carers.trend_csv", carers.trend_csv(), false);
    CARECAST_OPTIONAL(carers, trend_reference_year, c.carers.trend_reference_year);
    CARECAST_OPTIONAL(carers, trend_end_year, c.carers.trend_end_year);
    if (c.carers.trend_end_year < c.carers.trend_reference_year)
        file.error_at(diagnostics, "carers.trend_end_year",
                      "must be from carers.trend_reference_year (" + std::to_string(c.carers.trend_reference_year) +
                          ") on, got " + std::to_string(c.carers.trend_end_year));
    if (!c.couples.enabled)
        file.error_at(diagnostics, "carers", "needs a `couples` section: partner-carers are linked to their partner");
}

void resolve_send(const ScenarioFile& file, Diagnostics& diagnostics, SendConfig& c) {
    const auto& m = file.scenario.send();
    c.enabled = file.scenario.has_send();
    if (!c.enabled) return;
    c.sen_support_prevalence_csv =
        data_file(file, diagnostics, "send.sen_support_prevalence_csv", m.sen_support_prevalence_csv(), true);
    c.ehc_plan_prevalence_csv =
        data_file(file, diagnostics, "send.ehc_plan_prevalence_csv", m.ehc_plan_prevalence_csv(), true);
    CARECAST_OPTIONAL(m, ehc_growth, c.ehc_growth);
    CARECAST_OPTIONAL(m, ehc_exit_16_25, c.ehc_exit_16_25);
    CARECAST_OPTIONAL(m, adult_learning_disability_share, c.adult_learning_disability_share);
    CARECAST_OPTIONAL(m, sen_support_exit, c.sen_support_exit);
}

void resolve_care(const ScenarioFile& file, Diagnostics& diagnostics, CohortConfig& c) {
    c.falls.enabled = file.scenario.has_falls();
    if (c.falls.enabled)
        c.falls.admission_probability_csv = data_file(file, diagnostics, "falls.admission_probability_csv",
                                                      file.scenario.falls().admission_probability_csv(), true);
    const auto& m = file.scenario.care_homes();
    auto& h = c.care_homes;
    h.enabled = file.scenario.has_care_homes();
    if (h.enabled) {
        h.admission_probability_csv =
            data_file(file, diagnostics, "care_homes.admission_probability_csv", m.admission_probability_csv(), true);
        CARECAST_OPTIONAL(m, relative_risk_dementia, h.rr_dementia);
        CARECAST_OPTIONAL(m, relative_risk_no_carer, h.rr_no_carer);
        CARECAST_OPTIONAL(m, relative_risk_lost_carer, h.rr_lost_carer);
        CARECAST_OPTIONAL(m, relative_risk_fall, h.rr_fall);
        CARECAST_OPTIONAL(m, nursing_share, h.nursing_share);
        CARECAST_OPTIONAL(m, residential_hazard_first_year, h.residential_hazard_first_year);
        CARECAST_OPTIONAL(m, residential_hazard_later, h.residential_hazard_later);
        CARECAST_OPTIONAL(m, nursing_hazard_first_year, h.nursing_hazard_first_year);
        CARECAST_OPTIONAL(m, nursing_hazard_later, h.nursing_hazard_later);
        CARECAST_OPTIONAL(m, discharge_share, h.discharge_share);
        auto& f = h.self_funders;
        f.enabled = m.has_self_funders();
        CARECAST_OPTIONAL(m.self_funders(), share_of_residents_65_plus, f.share_of_residents_65_plus);
        CARECAST_OPTIONAL(m.self_funders(), share_of_residents_18_64, f.share_of_residents_18_64);
        CARECAST_OPTIONAL(m.self_funders(), funds_run_out_probability, f.funds_run_out_65_plus);
        CARECAST_OPTIONAL(m.self_funders(), funds_run_out_probability_18_64, f.funds_run_out_18_64);
        // Self-funders are admitted among people at high need and leave as their need says.
        if (f.enabled && !file.scenario.has_need())
            file.error_at(diagnostics, "care_homes.self_funders",
                          "needs a `need` section: self-funders are admitted among people with high need");
        // Residents die as their stays end; the dementia module's mortality tables take those deaths out
        // of the life table so that total mortality is kept. Without it they would come on top.
        if (!file.scenario.has_dementia())
            file.error_at(diagnostics, "care_homes",
                          "needs a `dementia` section: care-home deaths are balanced against the life table there");
    }
    const auto& hc = file.scenario.home_care();
    auto& k = c.home_care;
    k.enabled = file.scenario.has_home_care();
    if (!k.enabled) return;
    k.reablement_probability_csv =
        data_file(file, diagnostics, "home_care.reablement_probability_csv", hc.reablement_probability_csv(), true);
    k.home_care_start_probability_csv = data_file(file, diagnostics, "home_care.home_care_start_probability_csv",
                                                  hc.home_care_start_probability_csv(), true);
    CARECAST_OPTIONAL(hc, reablement_after_fall, k.reablement_after_fall);
    CARECAST_OPTIONAL(hc, no_ongoing_care_share, k.no_ongoing_care_share);
    CARECAST_OPTIONAL(hc, reduced_care_share, k.reduced_care_share);
    CARECAST_OPTIONAL(hc, reablement_max_days, k.reablement_max_days);
    CARECAST_OPTIONAL(hc, home_care_stop_probability, k.home_care_stop_probability);
    CARECAST_OPTIONAL(hc, home_care_hours_per_week, k.home_care_hours_per_week);
    if (k.no_ongoing_care_share + k.reduced_care_share > 1.0 + 1e-9)
        file.error_at(diagnostics, "home_care.reduced_care_share",
                      "no_ongoing_care_share + reduced_care_share must be at most 1");
}

void resolve_need(const ScenarioFile& file, Diagnostics& diagnostics, NeedConfig& c) {
    const auto& m = file.scenario.need();
    c.enabled = file.scenario.has_need();
    if (!c.enabled) return;
    c.prevalence_csv = data_file(file, diagnostics, "need.prevalence_csv", m.prevalence_csv(), true);
    CARECAST_OPTIONAL(m, recovery_iadl, c.recovery_iadl);
    CARECAST_OPTIONAL(m, recovery_adl, c.recovery_adl);
    CARECAST_OPTIONAL(m, mortality_relative_risk_iadl, c.mortality_rr_iadl);
    CARECAST_OPTIONAL(m, mortality_relative_risk_adl, c.mortality_rr_adl);
    CARECAST_OPTIONAL(m, mortality_relative_risk_high, c.mortality_rr_high);
    CARECAST_OPTIONAL(m, dementia_odds_ratio, c.dementia_odds_ratio);
    CARECAST_OPTIONAL(m, care_home_mortality_relative_risk, c.care_home_mortality_rr);
    CARECAST_OPTIONAL(m, excess_mortality_high, c.excess_mortality_high);
    CARECAST_OPTIONAL(m, excess_mortality_from_age, c.excess_mortality_from_age);
}

#undef CARECAST_OPTIONAL

/// The sections the scenario writes, by reflection: a module that owns its configuration needs no line here.
std::vector<int> written_sections(const Scenario& scenario) {
    std::vector<const google::protobuf::FieldDescriptor*> fields;
    scenario.GetReflection()->ListFields(scenario, &fields);
    std::vector<int> numbers;
    for (const auto* field : fields)
        if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated())
            numbers.push_back(field->number());
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

}  // namespace

int scenario_section_number(std::string_view name) {
    const auto* field = Scenario::descriptor()->FindFieldByName(std::string(name));
    if (!field || field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated())
        return 0;
    return field->number();
}

CohortConfig resolve_cohort_config(const ScenarioFile& file, Diagnostics& diagnostics) {
    CohortConfig c;
    c.sections = written_sections(file.scenario);
    resolve_dementia(file, diagnostics, c.dementia);
    resolve_couples_and_carers(file, diagnostics, c);
    resolve_send(file, diagnostics, c.send);
    resolve_care(file, diagnostics, c);
    resolve_need(file, diagnostics, c.need);
    c.prevalence.enabled = file.scenario.has_prevalence_cohorts();
    if (c.prevalence.enabled)
        c.prevalence.rates_csv = data_file(file, diagnostics, "prevalence_cohorts.rates_csv",
                                           file.scenario.prevalence_cohorts().rates_csv(), true);
    return c;
}

}  // namespace carecast
