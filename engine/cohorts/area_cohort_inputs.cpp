#include "cohorts/area_cohort_inputs.hpp"

#include <algorithm>

#include "cohorts/modules.hpp"

namespace carecast {
namespace {

/// Multiplies ages [lo, hi] of both sexes of `table` by `scale`, capped at 1.
void scale_ages(AgeSexTable& table, int lo, int hi, double scale) {
    if (table.empty() || scale == 1.0) return;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = std::max(lo, 0); age <= std::min(hi, table.max_age); ++age) {
            auto& v = table.values[static_cast<std::size_t>(sex) * static_cast<std::size_t>(table.max_age + 1) +
                                   static_cast<std::size_t>(age)];
            v = std::min(v * scale, 1.0);
        }
}

}  // namespace

CohortInputs area_cohort_inputs(const CohortInputs& inputs, const DemographicInputs& demography, std::size_t area) {
    CohortInputs out = inputs;
    if (demography.area_parameters.empty()) return out;
    const AreaParameters& p = demography.area_parameters.at(area);
    scale_ages(out.ehc_plan_prevalence, 0, out.ehc_plan_prevalence.max_age, p.ehc_plan_scale);
    scale_ages(out.care_home_admission, 65, out.care_home_admission.max_age, p.care_home_admission_scale_65_plus);
    scale_ages(out.care_home_admission, 18, 64, p.care_home_admission_scale_18_64);
    return out;
}

}  // namespace carecast
