#include "cohorts/care_homes/care_home_steady_state.hpp"

#include <algorithm>
#include <cmath>

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

}  // namespace carecast
