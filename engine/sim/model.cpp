#include "sim/model.hpp"

#include <tbb/task_arena.h>

#include "cohorts/area_cohort_inputs.hpp"
#include "cohorts/modules.hpp"
#include "core/parallel.hpp"
#include "demography/area_parameters.hpp"

namespace carecast {
namespace {

void register_demography(MeasureRegistry& r, MeasureIds& m) {
    m.population = add_stock(r, "population", "resident population at mid-year", {"births", "immigrants"},
                             {"deaths", "emigrants"});
    m.births = add_flow(r, "births", "live births in the interval (at age 0, by sex of the child)");
    m.deaths = add_flow(r, "deaths", "deaths in the interval, by age the person would have reached at its end");
    m.immigrants =
        add_flow(r, "immigrants", "immigrants arriving in the interval, by age at arrival (end of interval)");
    m.emigrants =
        add_flow(r, "emigrants", "emigrants leaving in the interval, by age they would have reached at its end");
}

}  // namespace

MeasureIds register_measures(const CohortConfig& c, MeasureRegistry& r) {
    MeasureIds m;
    register_demography(r, m);
    register_cohort_measures(c, r, m);
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
    run_in_parallel(std::size_t{0}, n, [&](std::size_t a) {
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
