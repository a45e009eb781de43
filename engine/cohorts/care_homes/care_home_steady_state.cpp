#include "cohorts/care_homes/care_home_steady_state.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cohorts/care_homes/care_homes.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need.hpp"
#include "core/solve_increasing.hpp"

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

namespace {

/// Survival of everyone of an age through the year at need and dementia's death probabilities (interval 0).
double survival_of_everyone(const CohortConfig& c, const CohortRates& r, int sex, int age) {
    const std::size_t at = r.at(sex, age);
    const double dementia = c.dementia.enabled ? r.dementia_prevalence[at] : 0.0;
    double deaths = 0;
    for (const int state : {0, 2}) {
        const auto& at_least = state ? r.need_at_least_with_dementia : r.need_at_least_without_dementia;
        double above = 1.0;
        for (int level = 0; level < need_levels; ++level) {
            const double next = level + 1 < need_levels ? at_least[static_cast<std::size_t>(level)][at] : 0.0;
            deaths += (state ? dementia : 1 - dementia) * (above - next) * r.death(state, level, 0, sex, age);
            above = next;
        }
    }
    return std::max(1.0 - deaths, 1e-9);
}

}  // namespace

void scale_admissions_to_people_at_home(const CohortConfig& c, CohortRates& r) {
    r.high_need_resident_share.clear();
    r.high_need_resident_scale.clear();
    if (!c.need.enabled || !c.care_homes.enabled) return;
    r.high_need_resident_share.assign(r.need_admission_factor.size(), 0.0);
    r.high_need_resident_scale.assign(r.need_admission_factor.size(), 1.0);
    const auto& h = c.care_homes;
    constexpr int high = static_cast<int>(NeedLevel::high);
    for (int sex = 0; sex < sex_count; ++sex) {
        // Residents follow the cohort: those of age a + 1 are the residents of age a who stay and the
        // people admitted at a. Where the share in homes rises with age they lag behind each age's
        // steady state, and more people at high need are at home to be admitted than it says.
        double cohort = -1;  // the cohort's share of everyone in homes at this age (-1: the first age)
        for (int age = need_min_age; age < r.age_count; ++age) {
            const std::size_t at = r.at(sex, age);
            const double table = r.care_home_admission[at], factor = r.need_admission_factor[at];
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
            const double weight = weights.without + weights.with;
            const double self_funded = self_funded_share_at(r, at);
            // A fall in the year multiplies the probability by rr_fall, as in the yearly step (falls
            // are drawn for everyone 65+, whatever their need).
            const double fell = c.falls.enabled && age >= 65 ? r.fall_admission[at] : 0.0;
            auto with_falls = [&](double probability, auto&& chances_of) {
                return (1 - fell) * chances_of(std::min(probability, 1.0)) +
                       fell * chances_of(std::min(probability * h.rr_fall, 1.0));
            };
            // With factor f: each group's share in homes in the age's steady state
            // (resident_share_of_high_need), scaled to the cohort's residents, and the admissions
            // (council-funded and in all) per person of the age from the people at home and the entrants.
            struct Flows {
                double council = 0, all = 0, residents = 0, staying = 0, scale = 1;  // all: who survive
                double residents_with_dementia = 0;
            };
            auto flows = [&](double f) {
                double steady[2] = {0, 0}, in_homes = 0;
                AdmissionChances chances[2];
                for (int k = 0; k < 2; ++k) {
                    const Group& g = groups[k];
                    const double probability = table > 0 ? table * f * g.rr : 0.0;
                    chances[k] = {
                        with_falls(probability, [&](double p) { return admission_chances(p, self_funded).council; }),
                        with_falls(probability, [&](double p) { return admission_chances(p, self_funded).all; })};
                    steady[k] = resident_share_of_high_need(chances[k].all, g.leave, g.entrants, g.q_home);
                    in_homes += g.weight * steady[k];
                }
                Flows out;
                const double residents = cohort < 0 ? in_homes : std::min(cohort, 0.95 * weight);
                out.scale = in_homes > 0 ? residents / in_homes : 1.0;
                for (int k = 0; k < 2; ++k) {
                    const Group& g = groups[k];
                    const double share = in_homes > 0 ? std::min(out.scale * steady[k], 1.0)
                                         : weight > 0 ? residents / weight
                                                      : 0.0;
                    // Everyone at home at high need is at risk, also those who die later in the year
                    // (admitted, they die in the home: counted among admissions, not among residents).
                    out.council += chances[k].council * g.weight * (1 - share + g.entrants);
                    out.all += chances[k].all * g.weight * ((1 - g.q_home) * (1 - share) + g.entrants);
                    out.residents += g.weight * share;
                    if (k == 1) out.residents_with_dementia = g.weight * share;
                    // Stays of at most 10 years, as in resident_share_of_high_need.
                    out.staying += g.weight * share * std::exp(-std::max(g.leave, 0.1));
                }
                return out;
            };
            double f = factor;
            if (table > 0 && factor > 0) {
                const double dementia = c.dementia.enabled ? r.dementia_prevalence[at] : 0.0;
                // The table is a probability for people at home, which its relative risks multiply
                // (dementia with its mean no-carer risk, a fall), as without need: the council's
                // admissions are the table's for the people of the age at home, with and without dementia
                // (residents are more often demented than people at home).
                auto identity = [](double p) { return p; };
                const double per_person[2] = {with_falls(table, identity), with_falls(table * rr_with, identity)};
                // The council's admissions with factor `trial` less the aim (negative: short of it).
                auto beyond_aim = [&](double trial) {
                    const Flows out = flows(trial);
                    // Self-funders' residents come on top (self_funders.hpp): the council admits the
                    // people at home of a run without them, whose residents are the council's share.
                    const double with = (1 - self_funded) * out.residents_with_dementia,
                                 without = (1 - self_funded) * (out.residents - out.residents_with_dementia);
                    return out.council - (std::max(1 - dementia - without, 0.0) * per_person[0] +
                                          std::max(dementia - with, 0.0) * per_person[1]);
                };
                // The flow rises with f. Raised no further than where the probability with dementia
                // reaches 1 (unless it did before): a probability held at 1 would not follow an
                // intervention's multiplier, and would admit everyone at once.
                const double lo = 0.1 * factor, hi = std::max(factor, std::min(20 * factor, 1.0 / (table * rr_with)));
                // Solved to within a few ulps of the flows (of the order of the table's probability).
                f = solve_increasing(beyond_aim, lo, beyond_aim(lo), hi, 0.0,
                                     16 * std::numeric_limits<double>::epsilon() * table, factor);
            }
            r.need_admission_factor[at] = f;
            const Flows chosen = flows(f);
            r.high_need_resident_share[at] = weight > 0 ? chosen.residents / weight : 0.0;
            r.high_need_resident_scale[at] = chosen.scale;
            cohort = (chosen.staying + chosen.all) / survival_of_everyone(c, r, sex, age);
        }
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
