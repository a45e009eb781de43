#include "cohorts/care_homes/self_funders.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/care_homes/care_home_steady_state.hpp"
#include "cohorts/care_homes/care_homes.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need.hpp"

namespace carecast {

double self_funded_admission_share(double of_residents, double leave, double run_out) {
    if (of_residents <= 0) return 0.0;
    if (run_out >= 1 || leave <= 0) return std::min(of_residents, 1.0);
    const double run_out_hazard = -std::log(1 - run_out);
    return std::min(of_residents * (leave + run_out_hazard) / leave, 1.0);
}

void build_self_funder_shares(const CohortConfig& c, CohortRates& r) {
    const std::size_t cells = sex_count * static_cast<std::size_t>(r.age_count);
    r.self_funded_admission_share.assign(cells, 0.0);
    const auto& f = c.care_homes.self_funders;
    if (!c.care_homes.enabled || !f.enabled || !c.need.enabled) return;
    constexpr int high = static_cast<int>(NeedLevel::high);
    for (int sex = 0; sex < sex_count; ++sex) {
        for (int age = need_min_age; age < r.age_count; ++age) {
            const std::size_t at = r.at(sex, age);
            // Residents at high need: the share with dementia among them (need table), dying as dementia's
            // later years (most residents with dementia have had it for more than a year).
            const auto [without, with] = high_need_weights(c, r, at);
            const double demented = with + without > 0 ? with / (with + without) : 0.0;
            const double q = resident_death_at_high_need(
                c, (1 - demented) * r.death(0, high, 0, sex, age) + demented * r.death(2, high, 0, sex, age));
            const double leave = resident_leave_hazard(c.care_homes, q);
            r.self_funded_admission_share[at] =
                self_funded_admission_share(f.share_of_residents(age), leave, f.funds_run_out(age));
        }
    }
}

void SelfFundersModule::register_measures(MeasureRegistry& r, Ids& m) {
    const char* types[2] = {"residential", "nursing"};
    for (int t = 0; t < 2; ++t) {
        const std::string type = types[t];
        m.self_funded_residents[t] = add_stock(
            r, "self_funded_residents_" + type, "self-funded permanent " + type + " care-home residents at mid-year",
            {"self_funded_admissions_" + type},
            {"self_funded_deaths_" + type, "self_funded_discharges_" + type, "funds_run_out_" + type});
        m.self_funded_admissions[t] =
            add_flow(r, "self_funded_admissions_" + type, "self-funded permanent admissions to " + type + " care");
        m.self_funded_deaths[t] =
            add_flow(r, "self_funded_deaths_" + type, "deaths of self-funded " + type + " care-home residents");
        m.self_funded_discharges[t] =
            add_flow(r, "self_funded_discharges_" + type, "discharges of self-funded " + type + " residents");
        m.self_funded_bed_days[t] =
            add_flow(r, "self_funded_bed_days_" + type,
                     "occupied " + type + " bed-days of self-funded residents in the interval", "day");
    }
}

std::span<const ReportRow> SelfFundersModule::report_rows() {
    static constexpr std::string_view theme = "care_homes";
    static constexpr ReportRow rows[] = {
        {.id = "self_funded_residents",
         .label = "Self-funded care-home residents",
         .theme = theme,
         .unit = "people",
         .variables = "self_funded_residents_residential self_funded_residents_nursing",
         .headline = true},
        {.id = "self_funded_admissions",
         .label = "Self-funded care-home admissions",
         .theme = theme,
         .unit = "admissions a year",
         .variables = "self_funded_admissions_residential self_funded_admissions_nursing"},
        {.id = "funds_run_out",
         .label = "Self-funders whose money ran out (council-funded from then)",
         .theme = theme,
         .unit = "people a year",
         .variables = "funds_run_out_residential funds_run_out_nursing"},
        {.id = "all_care_home_residents",
         .label = "All care-home residents (council-funded and self-funded)",
         .theme = theme,
         .unit = "people",
         .variables = "care_home_residents_residential care_home_residents_nursing self_funded_residents_residential "
                      "self_funded_residents_nursing",
         .headline = true},
    };
    return rows;
}

}  // namespace carecast
