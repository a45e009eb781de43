#pragma once
// Schedules by year of the model's scalar parameters (Scenario.schedules): the same Schedule message and
// semantics as money.schedule (a step, or a linear ramp; several per parameter act in year order, each
// from the value in force before it), applied to the values the yearly step reads (sim/year_rates.cpp).
#include <string>
#include <vector>

#include "scenario/cohort_config.hpp"
#include "scenario/scenario_file.hpp"

namespace carecast {

/// Names of the schedulable parameters, in a fixed order (index = ParameterSchedule::parameter).
const std::vector<std::string>& model_parameter_names();

/// A resolved schedule of model parameter `parameter` (index into model_parameter_names()).
struct ParameterSchedule {
    int parameter = 0;
    int from_year = 0;  // first year (from mid-year) of the change
    int full_year = 0;  // year the value is reached (from_year for a step)
    double value = 0;
};

/// The parameter's current value in `config`, and a reference to it.
double& parameter_value(CohortConfig& config, int parameter);
double parameter_value(const CohortConfig& config, int parameter);

/// `base` changed in `year` by the schedules of `parameter` (sorted by from_year): each moves the value
/// in force the year before its from_year linearly to its value by its full_year. Exactly `base`
/// before the first schedule's from_year.
double scheduled_value(double base, const std::vector<ParameterSchedule>& schedules, int parameter, int year);

/// True if a schedule gives any parameter a value in `year` that differs from `config`'s.
bool schedules_change(const CohortConfig& config, const std::vector<ParameterSchedule>& schedules, int year);

/// Sets every scheduled parameter of `config` to its value in `year`.
void apply_schedules(CohortConfig& config, const std::vector<ParameterSchedule>& schedules, int year);

/// Resolves Scenario.schedules against the resolved cohorts; problems go to `diagnostics` at the field.
std::vector<ParameterSchedule> resolve_parameter_schedules(const ScenarioFile& file, const CohortConfig& cohorts,
                                                           int base_year, int horizon_year, Diagnostics& diagnostics);

/// One line per scheduled parameter for people: "care_homes.discharge_share: 0.05; 2022 0.06, 2023
/// 0.07, from 2024 0.08 (ramp)". `last_year` is the last year (financial year) of the run.
std::vector<std::string> describe_parameter_schedules(const CohortConfig& config,
                                                      const std::vector<ParameterSchedule>& schedules, int last_year);

}  // namespace carecast
