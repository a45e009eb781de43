#include "sim/model.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "cohorts/area_cohort_inputs.hpp"
#include "demography/area_parameters.hpp"

namespace carecast {
namespace {

MeasureId stock(MeasureRegistry& r, const std::string& name, const std::string& long_name,
                std::vector<std::string> inflows, std::vector<std::string> outflows) {
    return r.add({name, MeasureKind::stock, long_name, "1", std::move(inflows), std::move(outflows)});
}

MeasureId flow(MeasureRegistry& r, const std::string& name, const std::string& long_name,
               const std::string& units = "1") {
    return r.add({name, MeasureKind::flow, long_name, units, {}, {}});
}

void register_demography(MeasureRegistry& r, MeasureIds& m) {
    m.population =
        stock(r, "population", "resident population at mid-year", {"births", "immigrants"}, {"deaths", "emigrants"});
    m.births = flow(r, "births", "live births in the interval (at age 0, by sex of the child)");
    m.deaths = flow(r, "deaths", "deaths in the interval, by age the person would have reached at its end");
    m.immigrants = flow(r, "immigrants", "immigrants arriving in the interval, by age at arrival (end of interval)");
    m.emigrants = flow(r, "emigrants", "emigrants leaving in the interval, by age they would have reached at its end");
}

void register_dementia(MeasureRegistry& r, MeasureIds& m) {
    m.dementia = stock(r, "dementia", "people with dementia at mid-year", {"dementia_onsets"},
                       {"dementia_deaths", "dementia_emigrants"});
    m.dementia_onsets = flow(r, "dementia_onsets", "new cases of dementia (incidence) in the interval");
    m.dementia_deaths = flow(r, "dementia_deaths", "deaths of people with dementia in the interval");
    m.dementia_emigrants = flow(r, "dementia_emigrants", "people with dementia moving away in the interval");
    m.dementia_diagnosed =
        stock(r, "dementia_diagnosed", "people with diagnosed dementia (on a GP register) at mid-year",
              {"dementia_diagnoses"}, {"dementia_diagnosed_exits"});
    m.dementia_diagnoses = flow(r, "dementia_diagnoses", "diagnoses of dementia in the interval");
    m.dementia_diagnosed_exits =
        flow(r, "dementia_diagnosed_exits", "deaths and departures of people with diagnosed dementia in the interval");
}

void register_carers(MeasureRegistry& r, MeasureIds& m) {
    m.partnered = stock(r, "partnered", "people living with a partner at mid-year", {}, {"partnership_ends"});
    m.partnership_ends = flow(r, "partnership_ends",
                              "partnerships ended by death or departure of either partner (counted for each partner)");
    const char* bands[3] = {"1_19", "20_49", "50_plus"};
    const char* band_text[3] = {"1-19", "20-49", "50 or more"};
    for (int b = 0; b < 3; ++b) {
        const std::string band = bands[b];
        m.carers[b] = stock(r, "carers_" + band,
                            std::string("adults providing unpaid care, ") + band_text[b] + " hours a week, at mid-year",
                            {"caring_starts_" + band}, {"caring_ends_" + band});
        m.caring_starts[b] =
            flow(r, "caring_starts_" + band, std::string("caring spells starting, ") + band_text[b] + " hours a week");
        m.caring_ends[b] =
            flow(r, "caring_ends_" + band, std::string("caring spells ending, ") + band_text[b] + " hours a week");
    }
    m.partner_carers = stock(r, "partner_carers", "carers caring for their partner with dementia, at mid-year",
                             {"partner_caring_starts"}, {"partner_caring_ends"});
    m.partner_caring_starts =
        flow(r, "partner_caring_starts", "partners of people with dementia starting to care for them");
    m.partner_caring_ends = flow(r, "partner_caring_ends", "partner-carers stopping (death, moving, care home)");
    m.carer_losses = flow(r, "carer_losses", "people with dementia losing their partner-carer in the interval");
}

void register_send(MeasureRegistry& r, MeasureIds& m) {
    m.sen_support = stock(r, "sen_support", "children and young people on SEN support at mid-year",
                          {"sen_support_starts"}, {"sen_support_ends"});
    m.sen_support_starts = flow(r, "sen_support_starts", "starts of SEN support in the interval");
    m.sen_support_ends =
        flow(r, "sen_support_ends",
             "ends of SEN support (no longer needed, moved to an EHC plan, left school, died, moved away)");
    m.ehc_plans = stock(r, "ehc_plans", "children and young people (0-25) with an EHC plan at mid-year",
                        {"ehc_plan_starts"}, {"ehc_plan_ends"});
    m.ehc_plan_starts = flow(r, "ehc_plan_starts", "new EHC plans in the interval");
    m.ehc_plan_ends = flow(r, "ehc_plan_ends", "EHC plans ending (ceased, aged out at 26, died, moved away)");
    m.ehc_to_adult_ld = flow(r, "ehc_to_adult_learning_disability",
                             "young people moving from an EHC plan to adult learning-disability services");
}

void register_care(const CohortConfig& c, MeasureRegistry& r, MeasureIds& m) {
    if (c.falls.enabled) m.fall_admissions = flow(r, "fall_admissions", "emergency hospital admissions for falls");
    if (c.care_homes.enabled) {
        const char* types[2] = {"residential", "nursing"};
        for (int t = 0; t < 2; ++t) {
            const std::string type = types[t];
            m.residents[t] =
                stock(r, "care_home_residents_" + type, "permanent " + type + " care-home residents at mid-year",
                      {"care_home_admissions_" + type}, {"care_home_deaths_" + type, "care_home_discharges_" + type});
            m.admissions[t] = flow(r, "care_home_admissions_" + type, "permanent admissions to " + type + " care");
            m.home_deaths[t] =
                flow(r, "care_home_deaths_" + type, "deaths of permanent " + type + " care-home residents");
            m.discharges[t] = flow(r, "care_home_discharges_" + type, "discharges of permanent " + type + " residents");
            m.residents_31_march[t] = flow(r, "care_home_residents_31_march_" + type,
                                           "permanent " + type + " residents on 31 March in the interval");
            m.bed_days[t] =
                flow(r, "care_home_bed_days_" + type, "occupied " + type + " bed-days in the interval", "day");
        }
    }
    if (!c.home_care.enabled) return;
    m.reablement_episodes = flow(r, "reablement_episodes", "reablement episodes starting in the interval");
    m.reablement_no_ongoing = flow(r, "reablement_no_ongoing_care", "reablement episodes ending with no ongoing care");
    m.reablement_reduced = flow(r, "reablement_reduced_care", "reablement episodes ending with a reduced care package");
    m.reablement_ongoing = flow(r, "reablement_ongoing_care", "reablement episodes ending with full ongoing home care");
    m.reablement_days = flow(r, "reablement_days", "days of reablement in episodes starting in the interval", "day");
    m.reablement_at_home_91 = flow(r, "reablement_at_home_91_days",
                                   "reablement episodes whose person is alive and at home 91 days after it ends");
    m.home_care = stock(r, "home_care", "people receiving domiciliary care at mid-year", {"home_care_starts"},
                        {"home_care_ends"});
    m.home_care_starts = flow(r, "home_care_starts", "starts of domiciliary care");
    m.home_care_ends =
        flow(r, "home_care_ends", "ends of domiciliary care (no longer needed, care home, died, moved away)");
}

}  // namespace

MeasureIds register_measures(const CohortConfig& c, MeasureRegistry& r) {
    MeasureIds m;
    register_demography(r, m);
    if (c.dementia.enabled) register_dementia(r, m);
    if (c.carers.enabled) register_carers(r, m);
    if (c.send.enabled) register_send(r, m);
    register_care(c, r, m);
    return m;
}

Model build_area_model(const ModelConfig& config, const DemographicInputs& demography,
                       const CohortInputs& cohort_inputs) {
    Model model;
    model.demography = build_demographic_rates(demography, config);
    model.cohorts = build_cohort_rates(cohort_inputs, config.cohorts, model.demography);
    model.ids = register_measures(config.cohorts, model.registry);
    model.interventions = config.interventions;
    model.schedules = config.schedules;
    model.uncertainty = config.uncertainty;
    if (model.uncertainty.dementia_prevalence) model.cohort_inputs = std::make_shared<CohortInputs>(cohort_inputs);
    model.finance = config.finance;
    return model;
}

Model build_model(const LoadedScenario& scenario) {
    const DemographicInputs& inputs = scenario.demography;
    if (inputs.grid.areas.size() <= 1 && inputs.area_parameters.empty())
        return build_area_model(scenario.config, inputs, scenario.cohort_inputs);
    const std::size_t n = inputs.grid.areas.size();
    std::vector<std::shared_ptr<const Model>> models(n);
    // Each area's build (dementia calibration included) is independent: build them in parallel.
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t a) {
        models[a] = std::make_shared<const Model>(tbb::this_task_arena::isolate([&] {
            return build_area_model(area_model_config(scenario.config, inputs, a), area_demographic_inputs(inputs, a),
                                    area_cohort_inputs(scenario.cohort_inputs, inputs, a));
        }));
    });
    Model model;
    const Model& first = *models.front();
    model.demography.base_year = first.demography.base_year;
    model.demography.horizon_year = first.demography.horizon_year;
    model.demography.probability_male_at_birth = first.demography.probability_male_at_birth;
    model.demography.grid = inputs.grid;
    for (const auto& m : models)
        model.demography.base_counts.insert(model.demography.base_counts.end(), m->demography.base_counts.begin(),
                                            m->demography.base_counts.end());
    model.cohorts = first.cohorts;
    model.ids = register_measures(scenario.config.cohorts, model.registry);
    model.interventions = scenario.config.interventions;
    model.schedules = scenario.config.schedules;
    model.uncertainty = scenario.config.uncertainty;
    model.cohort_inputs = first.cohort_inputs;
    model.finance = scenario.config.finance;
    for (const auto& p : inputs.area_parameters) {
        model.area_names.push_back(p.name);
        model.area_sources.push_back(p.sources);
    }
    model.area_models = std::move(models);
    return model;
}

}  // namespace carecast
