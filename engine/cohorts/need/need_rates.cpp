#include "cohorts/need/need_rates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cohorts/care_homes/care_home_steady_state.hpp"
#include "cohorts/modules.hpp"
#include "core/parallel.hpp"
#include "core/solve_increasing.hpp"

namespace carecast {
namespace {

/// Shares at exactly levels 0..3 from the shares at levels 1+, 2+, 3.
std::array<double, need_levels> exact_levels(double any, double adl, double high) {
    return {1.0 - any, any - adl, adl - high, high};
}

/// Relative risks of death by level.
std::array<double, need_levels> mortality_rr(const NeedConfig& n) {
    return {1.0, n.mortality_rr_iadl, n.mortality_rr_adl, n.mortality_rr_high};
}

double hazard_of(double q) {
    return q > 0 ? -std::log(std::max(1.0 - q, 1e-12)) : 0.0;
}

/// Hazards of death by level in a group whose shares by level are `shares` and whose death probability
/// is q: level j's is b RR_j, plus `excess` at level 3, with b such that the group keeps q:
/// sum_j shares_j (1 - exp(-(b RR_j + excess_j))) = q (in probabilities, not hazards: the levels' hazards
/// differ a lot, and keeping the mean hazard would lose deaths). The excess is a hazard of its own, the
/// same at every age, because high need is close to the end of life at any age; b is at least a quarter
/// of the group's hazard over its mean relative risk (then the group dies a little more than q).
std::array<double, need_levels> level_hazards(double q, const std::array<double, need_levels>& shares,
                                              const std::array<double, need_levels>& rr, double excess) {
    double mean = 0;
    for (std::size_t j = 0; j < need_levels; ++j) mean += shares[j] * rr[j];
    auto hazards = [&](double b) {
        std::array<double, need_levels> out{};
        for (std::size_t j = 0; j < need_levels; ++j) out[j] = b * rr[j] + (j == 3 ? excess : 0.0);
        return out;
    };
    auto deaths = [&](double b) {
        const auto h = hazards(b);
        double total = 0;
        for (std::size_t j = 0; j < need_levels; ++j)
            if (shares[j] != 0) total += shares[j] * (1.0 - std::exp(-h[j]));  // an empty level adds +0 exactly
        return total;
    };
    const double floor = 0.25 * hazard_of(q) / std::max(mean, 1e-12);
    if (q <= 0) return hazards(0.0);
    const double deaths_at_floor = deaths(floor);
    if (deaths_at_floor >= q) return hazards(floor);
    double hi = std::max(1.0, 2 * floor);
    while (deaths(hi) < q && hi < 1e3) hi *= 2;
    // deaths(b) rises with b and is a sum of four terms of at most 1, each within about 2 ulps of 1 of its
    // exact value: solved to within 1e-15, from the mean hazard as a first guess (this runs about 16,000
    // times in each of the build's need rounds).
    return hazards(
        solve_increasing(deaths, floor, deaths_at_floor, hi, q, 1e-15, hazard_of(q) / std::max(mean, 1e-12)));
}

/// The excess hazard of level 3 at an age (from excess_mortality_from_age).
double excess_at(const NeedConfig& n, int age) {
    return age >= n.excess_mortality_from_age ? n.excess_mortality_high : 0.0;
}

/// r.need_admission_factor: admissions are drawn among people with high need (level 3), with dementia's
/// relative risk (and no partner-carer's) on top, as without need. The factor keeps the mean over
/// everyone at table x (1 - D + D R), R the mean relative risk with dementia and D the dementia
/// prevalence, where dementia is now concentrated among the people at risk.
void build_admission_factor(const CohortConfig& c, CohortRates& r) {
    const std::size_t cells = sex_count * static_cast<std::size_t>(r.age_count);
    r.need_admission_factor.assign(cells, 0.0);
    if (!c.care_homes.enabled) return;
    const auto& h = c.care_homes;
    for (std::size_t i = 0; i < cells; ++i) {
        const double demented = c.dementia.enabled ? r.dementia_prevalence[i] : 0.0;
        const double rr_dementia = h.rr_dementia * no_carer_factor(h, partner_carer_share(c, r, i));
        const double at_risk = demented * r.need_at_least_with_dementia[2][i] * rr_dementia +
                               (1 - demented) * r.need_at_least_without_dementia[2][i];
        const double mean_all = 1 - demented + demented * rr_dementia;
        r.need_admission_factor[i] = at_risk > 0 ? mean_all / at_risk : 0.0;
    }
}

}  // namespace

double share_without_dementia(double overall, double dementia, double odds_ratio) {
    if (overall <= 0) return 0.0;
    if (overall >= 1) return 1.0;
    auto mixture = [&](double p0) { return (1 - dementia) * p0 + dementia * share_with_dementia(p0, odds_ratio); };
    // the mixture rises with p0 and is at least p0: p0 <= overall
    return solve_increasing(mixture, 0.0, 0.0, overall, overall, 4 * std::numeric_limits<double>::epsilon() * overall,
                            overall / (1 - dementia + dementia * odds_ratio));
}

double care_home_share_of_everyone(double high_at_home, double resident_share) {
    const double rho = std::clamp(resident_share, 0.0, 0.95);
    const double t3 = std::clamp(high_at_home, 0.0, 1.0);
    return rho * t3 / (1.0 - rho * (1.0 - t3));
}

std::array<double, 3> need_with_residents(const std::array<double, 3>& at_home, double resident_share) {
    const double in_homes = care_home_share_of_everyone(at_home[2], resident_share);
    std::array<double, 3> everyone{};
    for (std::size_t k = 0; k < 3; ++k) everyone[k] = (1.0 - in_homes) * at_home[k] + in_homes;
    return everyone;
}

double share_with_dementia(double p0, double odds_ratio) {
    return odds_ratio * p0 / (1.0 - p0 + odds_ratio * p0);
}

void build_need(const CohortConfig& c, const DemographicRates& d, const std::vector<double>& resident_share,
                CohortRates& r, bool base_year_only) {
    const auto& n = c.need;
    const std::size_t cells = sex_count * static_cast<std::size_t>(r.age_count);
    for (int k = 0; k < need_levels - 1; ++k) {
        const auto level = static_cast<std::size_t>(k);
        r.need_at_least[level].assign(cells, 0.0);
        r.need_at_least_without_dementia[level].assign(cells, 0.0);
        r.need_at_least_with_dementia[level].assign(cells, 0.0);
    }
    r.need_up.assign(2 * need_levels * cells, 0.0);
    // Everyone's shares: the table's people at home and the care-home residents on top.
    r.need_in_care_homes.assign(cells, 0.0);
    for (std::size_t i = 0; i < cells; ++i) {
        const std::array<double, 3> at_home{r.need_at_least_at_home[0][i], r.need_at_least_at_home[1][i],
                                            r.need_at_least_at_home[2][i]};
        const double rho = resident_share.empty() ? 0.0 : resident_share[i];
        const auto everyone = need_with_residents(at_home, rho);
        for (std::size_t k = 0; k < 3; ++k) r.need_at_least[k][i] = everyone[k];
        r.need_in_care_homes[i] = care_home_share_of_everyone(at_home[2], rho);
    }
    const bool dementia = c.dementia.enabled;
    const auto rr = mortality_rr(n);
    auto& recovery = r.need_down;
    for (int level = 0; level < need_levels; ++level)
        recovery[static_cast<std::size_t>(level)] = need_recovery(n, level);
    // Shares by exact level given dementia (base year, arrivals, and the death tables).
    std::vector<std::array<double, need_levels>> without_shares(cells), with_shares(cells), all_shares(cells);
    for (std::size_t i = 0; i < cells; ++i) {
        const double demented = dementia ? r.dementia_prevalence[i] : 0.0;
        std::array<double, 3> without{}, with{};
        for (std::size_t k = 0; k < 3; ++k) {
            // Nested shares stay nested: the map from overall to p0 rises, and so does p0 -> p1.
            without[k] = share_without_dementia(r.need_at_least[k][i], demented, n.dementia_odds_ratio);
            with[k] = share_with_dementia(without[k], n.dementia_odds_ratio);
            r.need_at_least_without_dementia[k][i] = without[k];
            r.need_at_least_with_dementia[k][i] = with[k];
        }
        without_shares[i] = exact_levels(without[0], without[1], without[2]);
        with_shares[i] = exact_levels(with[0], with[1], with[2]);
        all_shares[i] = exact_levels(r.need_at_least[0][i], r.need_at_least[1][i], r.need_at_least[2][i]);
    }
    // Death probabilities [interval][dementia state][level][sex][age]: each dementia state's hazard (the
    // life table's without the dementia module) shared out over the levels (level_hazards) with the
    // shares of people with (states 1, 2) or without (state 0) dementia, so that each dementia state,
    // and with it the life table, keeps its deaths.
    // Each group's hazards are found once (level_hazards solves for b) and written to its four levels.
    const std::size_t levels = need_levels;
    r.death_by_need.assign(static_cast<std::size_t>(d.interval_count()) * dementia_mortality_states * levels * cells,
                           0.0);
    const std::array<double, need_levels> children{1.0, 0.0, 0.0, 0.0}, no_rr{1.0, 1.0, 1.0, 1.0};
    // Intervals in parallel: each group's hazards depend on its own inputs only (a third of a County
    // Durham model's build was these solves, when they were bisections).
    run_in_parallel(0, base_year_only ? 1 : d.interval_count(), [&](int interval) {
        for (int state = 0; state < dementia_mortality_states; ++state) {
            const std::size_t group =
                static_cast<std::size_t>(interval) * dementia_mortality_states + static_cast<std::size_t>(state);
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = 0; age < r.age_count; ++age) {
                    const std::size_t i = r.at(sex, age);
                    const double q = dementia ? r.death(state, interval, sex, age) : d.death(interval, sex, age);
                    const bool adult = age >= need_min_age;
                    const auto hazards =
                        level_hazards(q, adult ? (state == 0 ? without_shares[i] : with_shares[i]) : children,
                                      adult ? rr : no_rr, adult ? excess_at(n, age) : 0.0);
                    for (std::size_t level = 0; level < levels; ++level)
                        r.death_by_need[(group * levels + level) * cells + i] = 1.0 - std::exp(-hazards[level]);
                }
        }
    });
    // Moving up a level, for survivors: along a cohort from age a to a + 1, the survivors at each level
    // or above must be the table's share at a + 1. With p_j the shares at exactly level j, S_j their
    // survival and d_j the recovery from j to j - 1, the survivors at k or above are
    //   sum_{j >= k} p_j S_j - p_k S_k d_k + p_{k-1} S_{k-1} u_{k-1} = P_k(a + 1) sum_j p_j S_j,
    // which gives u_{k-1}. People with dementia move up with the odds ratio's multiple (dementia raises
    // need), those without at the rate that keeps the mean.
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = need_min_age - 1; age + 1 < r.age_count; ++age) {
            const std::size_t i = r.at(sex, age), next = r.at(sex, age + 1);
            const bool adult = age >= need_min_age;
            const auto p = adult ? all_shares[i] : children;
            const auto hazards =
                level_hazards(d.death(0, sex, age), p, adult ? rr : no_rr, adult ? excess_at(n, age) : 0.0);
            std::array<double, need_levels> survivors{};
            double all_survivors = 0;
            for (std::size_t j = 0; j < need_levels; ++j) {
                survivors[j] = p[j] * std::exp(-hazards[j]);
                all_survivors += survivors[j];
            }
            const double demented = dementia ? r.dementia_prevalence[i] : 0.0;
            for (std::size_t k = 1; k < need_levels; ++k) {
                double above = 0;
                for (std::size_t j = k; j < need_levels; ++j) above += survivors[j];
                const double target = r.need_at_least[k - 1][next] * all_survivors;
                const double from = survivors[k - 1];
                double up = from > 0 ? (target - above + survivors[k] * recovery[k]) / from : 0.0;
                up = std::clamp(up, 0.0, 1.0 - recovery[k - 1]);
                // Share with dementia among people at exactly level k - 1.
                const double at_level = p[k - 1];
                const double demented_here = adult && at_level > 0 ? demented * with_shares[i][k - 1] / at_level : 0.0;
                const double without = up / (1.0 - demented_here + demented_here * n.dementia_odds_ratio);
                const int from_level = static_cast<int>(k) - 1;
                r.need_up[r.need_table_index(false, from_level, i, r.age_count)] = without;
                r.need_up[r.need_table_index(true, from_level, i, r.age_count)] =
                    std::min(without * n.dementia_odds_ratio, 1.0 - recovery[k - 1]);
            }
        }
    build_admission_factor(c, r);
}

}  // namespace carecast
