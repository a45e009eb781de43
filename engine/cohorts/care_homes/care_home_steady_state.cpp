#include "cohorts/care_homes/care_home_steady_state.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/care_homes/care_homes.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need.hpp"

namespace carecast {

std::pair<double, double> stay_years(const CareHomesConfig& h) {
    auto first = [](double h1) { return h1 > 1e-9 ? (1 - std::exp(-h1)) / h1 : 1.0; };
    auto mean = [&](double h1, double h2) {
        return h2 > 0 ? first(h1) + std::exp(-h1) / h2 : 1.0 / std::max(h1, 1e-12);
    };
    const double ns = h.nursing_share;
    return {(1 - ns) * mean(h.residential_hazard_first_year, h.residential_hazard_later) +
                ns * mean(h.nursing_hazard_first_year, h.nursing_hazard_later),
            (1 - ns) * first(h.residential_hazard_first_year) + ns * first(h.nursing_hazard_first_year)};
}

double admission_without_dementia(const CohortRates& rates, std::size_t at) {
    const double fall = rates.config.falls.enabled ? rates.fall_admission[at] : 0.0;
    return std::min(rates.care_home_admission[at] * (1 + fall * (rates.config.care_homes.rr_fall - 1)), 1.0);
}

double partner_carer_share(const CohortConfig& c, const CohortRates& rates, std::size_t at) {
    const double partner_cares =
        c.couples.enabled && c.carers.enabled ? c.carers.partner_becomes_carer_probability : 0.0;
    return rates.partnered_share.empty() ? 0.0 : rates.partnered_share[at] * partner_cares;
}

double admission_with_dementia(const CareHomesConfig& h, double a_without, double cared) {
    return std::min(a_without * h.rr_dementia * no_carer_factor(h, cared), 1.0);
}

double resident_share_without_dementia(const SteadyStateAge& s) {
    const double x = (1 - s.q_without) * (1 - s.onset) * s.a_without * s.mean_stay;
    return x / (1 + x);
}

double resident_share_with_dementia(const SteadyStateAge& s, double q_own, double a_own) {
    const double without = resident_share_without_dementia(s);
    const double k = (1 - q_own) * a_own * s.mean_stay;
    const double p = s.prevalence;
    const double onset_admissions =
        p > 0 ? (1 - p) * (1 - without) * (1 - s.q_without) * s.onset / (p * (1 - s.q_with)) : 0.0;
    return std::min(k * (1 + onset_admissions) / (1 + k), 0.95);
}

HighNeedWeights high_need_weights(const CohortConfig& c, const CohortRates& r, std::size_t at) {
    constexpr int high = static_cast<int>(NeedLevel::high);
    const double dementia = c.dementia.enabled ? r.dementia_prevalence[at] : 0.0;
    return {.without = (1 - dementia) * r.need_at_least_without_dementia[high - 1][at],
            .with = dementia * r.need_at_least_with_dementia[high - 1][at]};
}

double resident_death_at_high_need(const CohortConfig& c, double q_home) {
    return std::min(q_home * c.need.care_home_mortality_rr, 1.0);
}

void scale_admissions_to_people_at_home(const CohortConfig& c, CohortRates& r) {
    if (!c.need.enabled || !c.care_homes.enabled) return;
    const auto& h = c.care_homes;
    constexpr int high = static_cast<int>(NeedLevel::high);
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = need_min_age; age < r.age_count; ++age) {
            const std::size_t at = r.at(sex, age);
            const double table = r.care_home_admission[at], factor = r.need_admission_factor[at];
            if (table <= 0 || factor <= 0) continue;
            // The two groups at high need, without and with dementia: their weights, relative risks of a
            // council admission, leave hazards as residents (dementia's later years) and entrants.
            const auto weights = high_need_weights(c, r, at);
            const double rr_with = h.rr_dementia * no_carer_factor(h, partner_carer_share(c, r, at));
            struct Group {
                double weight, rr, q_home, leave, entrants;
            };
            auto group = [&](double weight, double rr, int dementia_state) {
                const double q_home = r.death(dementia_state, high, 0, sex, age);
                return Group{weight, rr, q_home, resident_leave_hazard(h, resident_death_at_high_need(c, q_home)),
                             high_need_entrants(r, at, dementia_state > 0)};
            };
            const Group groups[2] = {group(weights.without, 1.0, 0), group(weights.with, rr_with, 2)};
            const double self_funded = self_funded_share_at(r, at);
            // Council admissions per person at high need with factor f, in the steady state.
            auto flow = [&](double f) {
                double total = 0;
                for (const Group& g : groups) {
                    const auto chances = admission_chances(std::min(table * f * g.rr, 1.0), self_funded);
                    total += g.weight *
                             admissions_per_high_need(chances.council, chances.all, g.leave, g.entrants, g.q_home);
                }
                return total;
            };
            double target = 0;
            for (const Group& g : groups) target += g.weight * std::min(table * factor * g.rr, 1.0);
            // The flow rises with f. Raised no further than where the probability with dementia reaches 1
            // (unless it did before): a probability held at 1 would not follow an intervention's
            // multiplier, and would admit everyone at once.
            double lo = 0.1 * factor, hi = std::max(factor, std::min(20 * factor, 1.0 / (table * rr_with)));
            if (flow(hi) <= target) {
                r.need_admission_factor[at] = hi;
                continue;
            }
            for (int step = 0; step < 60; ++step) {
                const double mid = 0.5 * (lo + hi);
                (flow(mid) < target ? lo : hi) = mid;
            }
            r.need_admission_factor[at] = 0.5 * (lo + hi);
        }
}

double resident_share_of_high_need(double admission, double leave, double e, double q_home) {
    if (admission <= 0) return 0.0;
    const double admission_hazard = -std::log(1.0 - std::min(admission, 0.999));
    const double x = admission_hazard * std::min(1.0 / std::max(leave, 1e-12), 10.0);
    return std::min(x * (1 - q_home + e) / (1 + x * (1 - q_home)), 0.95);
}

double admissions_per_high_need(double council, double admission, double leave, double e, double q_home) {
    return council * ((1 - q_home) * (1 - resident_share_of_high_need(admission, leave, e, q_home)) + e);
}

}  // namespace carecast
