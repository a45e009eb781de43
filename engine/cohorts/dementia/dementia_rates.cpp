#include "cohorts/dementia/dementia_rates.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "cohorts/age_curves.hpp"
#include "cohorts/care_homes/care_home_steady_state.hpp"
#include "cohorts/modules.hpp"
#include "core/parallel.hpp"
#include "core/solve_increasing.hpp"

namespace carecast {
namespace {

using age_curves::fill_log_linear;
using age_curves::positive_runs;
using age_curves::Run;
using age_curves::run_mean;
using age_curves::slice;

/// The care-home terms of a year's deaths, the same at every age (stays do not depend on age); all
/// zero when care homes are off.
struct CareHomeTerms {
    double mean_stay = 0.0;       // years
    double resident_death = 0.0;  // a resident at the start of a year dies in it (stationary stock)
    double admitted_death = 0.0;  // a person admitted on a uniform day of a year dies before its end
};

CareHomeTerms care_home_terms(const CohortConfig& c) {
    // With the need module, residents die as people at home with their need do: no terms of their own.
    if (!c.care_homes.enabled || c.need.enabled) return {};
    const auto [mean, first_year] = stay_years(c.care_homes);
    const double dies = 1 - c.care_homes.discharge_share;
    // In a stationary stock the stays ending within a year are admissions x E[min(L, 1)], out of a stock
    // of admissions x E[L]; a stay started on a uniform day ends by the year's end with 1 - E[min(L, 1)].
    return {mean, dies * first_year / mean, dies * (1 - first_year)};
}

/// Expected admission probabilities per year of people at home without and with dementia, [sex][age]:
/// the base table times the expected relative risk of a fall in the year and, with dementia, of having
/// no partner-carer (partnered share x partner_becomes_carer_probability are cared for). The lost-carer
/// risk, which applies to few, is left out (care_home_steady_state.hpp).
std::pair<std::vector<double>, std::vector<double>> admission_risks(const CohortConfig& c, const CohortRates& r) {
    const std::size_t n = r.care_home_admission.size();
    std::vector<double> without(n, 0.0), with(n, 0.0);
    if (!c.care_homes.enabled) return {without, with};
    for (std::size_t i = 0; i < n; ++i) {
        without[i] = admission_without_dementia(r, i);
        with[i] = admission_with_dementia(c.care_homes, without[i], partner_carer_share(c, r, i));
    }
    return {without, with};
}

/// One age's yearly deaths, people in care homes included.
struct AgeDeaths {
    double home_hazard = 0.0;  // h0: hazard at home without dementia (with dementia RR x h0)
    double with = 0.0;         // death probability of people with dementia at the start of the year
    double without = 0.0;      // death probability of people without dementia at the start of the year
};

/// Care-home shares of a stationary stock (care_home_steady_state.hpp), given the probabilities of
/// dying at home without and with dementia; initialise_care_homes (care_homes.cpp) draws residents
/// with the same shares.
std::pair<double, double> resident_shares(double p, double e, double q_without, double q_with, double a_without,
                                          double a_with, double mean_stay) {
    const SteadyStateAge age{p, e, q_without, q_with, a_without, mean_stay};
    return {resident_share_without_dementia(age), resident_share_with_dementia(age, q_with, a_with)};
}

/// Finds h0 such that the deaths of an age match its life table, in the order a year is simulated:
/// people at home die with 1 - exp(-h0 RR); survivors may be admitted and die in the home before the
/// year's end; residents (resident_shares) die as their stays end. q: the population's death
/// probability; p: dementia prevalence; s1: share of cases in their first year after onset; e: onset
/// probability; a_without, a_with: admission probabilities without and with dementia.
AgeDeaths age_deaths(double q, double p, double s1, double e, double a_without, double a_with, const CareHomeTerms& t,
                     const DementiaConfig& c) {
    const double target = std::min(q, 1.0 - 1e-12);
    auto at = [&](double h) {
        const double q_with =
            1 - s1 * std::exp(-h * c.mortality_rr_year1) - (1 - s1) * std::exp(-h * c.mortality_rr_later);
        const double q_without = 1 - std::exp(-h);
        const auto [in_without, in_with] = resident_shares(p, e, q_without, q_with, a_without, a_with, t.mean_stay);
        const double admitted_without = (1 - e) * a_without + e * a_with;
        return AgeDeaths{
            h, (1 - in_with) * (q_with + (1 - q_with) * a_with * t.admitted_death) + in_with * t.resident_death,
            (1 - in_without) * (q_without + (1 - q_without) * admitted_without * t.admitted_death) +
                in_without * t.resident_death};
    };
    auto total = [&](double h) {
        const AgeDeaths d = at(h);
        return p * d.with + (1 - p) * d.without;
    };
    // total(h) rises with h. Care homes may not take more than 90% of an age's deaths. total is a few
    // exponentials and products of numbers in [0, 1], computed to within about 1e-15: solved to there,
    // from the hazard without dementia or care homes as the guess.
    const double lo = 0.1 * -std::log(1 - target), hi = 50.0;
    const double total_lo = total(lo);
    if (total_lo >= target) return at(lo);
    return at(solve_increasing(total, lo, total_lo, hi, target, 1e-15, -std::log(1 - target)));
}

/// One sex's inputs to the dementia derivation, by single year of age.
struct DementiaCohort {
    std::vector<double> death;  // population death probability, interval 0
    std::vector<double> admission_without;
    std::vector<double> admission_with;
};

/// A cohort's dementia profile by single year of age, people in care homes included.
struct DementiaProfile {
    std::vector<double> prevalence;
    std::vector<double> first_year_share;  // share of cases in their first year after onset
};

/// One age's solved deaths and the inputs that vary in an onset fit (the cohort's deaths and admissions
/// do not). A fit's trial that moves one knot of the onset curve leaves the ages below it as they were,
/// so their deaths are taken from the fit's current solution instead of solved again: about two thirds
/// of a fit's age_deaths calls (the fit is most of a model's build).
struct SolvedAge {
    double prevalence = -1.0, first_year_share = 0.0, onset = 0.0;
    AgeDeaths deaths;
};
using SolvedAges = std::vector<SolvedAge>;

/// Carries a cohort up the ages with onset probabilities e(a): it loses deaths at home and in care
/// homes (age_deaths). Immigrants do not enter: they arrive with the prevalence of their age
/// (year_step.cpp add_immigrants, initialise_dementia), so they leave it unchanged (before issue 13
/// they arrived without dementia and diluted it, a term i(a) S(a) on the left). With S(a) the survivors,
///   p(a+1) S(a) = p(a) (1 - d_in(a)) + (1 - p(a)) e(a) (1 - d_out(a)),
/// where d_in depends on the share of cases in their first year (RR year 1, then later), set by the
/// onsets at the age before. An age whose inputs equal those in `known` takes its deaths from there
/// (the same inputs give the same answer, bit for bit); `solved`, if given, receives every age's.
DementiaProfile carry_cohort(const DementiaCohort& k, const std::vector<double>& e, const DementiaConfig& c,
                             const CareHomeTerms& t, const SolvedAges* known = nullptr, SolvedAges* solved = nullptr) {
    const std::size_t n = e.size();
    DementiaProfile f{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
    auto& p = f.prevalence;
    if (solved) solved->resize(n);
    for (std::size_t a = 0; a + 1 < n; ++a) {
        const SolvedAge inputs{p[a], f.first_year_share[a], e[a], {}};
        const SolvedAge* same = known && a < known->size() ? &(*known)[a] : nullptr;
        if (same && !(same->prevalence == inputs.prevalence && same->first_year_share == inputs.first_year_share &&
                      same->onset == inputs.onset))
            same = nullptr;
        const AgeDeaths d = same ? same->deaths
                                 : age_deaths(k.death[a], p[a], f.first_year_share[a], e[a], k.admission_without[a],
                                              k.admission_with[a], t, c);
        if (solved) (*solved)[a] = {inputs.prevalence, inputs.first_year_share, inputs.onset, d};
        const double survivors = p[a] * (1 - d.with) + (1 - p[a]) * (1 - d.without);
        const double new_cases = (1 - p[a]) * e[a] * (1 - d.without) / survivors;
        p[a + 1] = p[a] * (1 - d.with) / survivors + new_cases;
        f.first_year_share[a + 1] = p[a + 1] > 0 ? new_cases / p[a + 1] : 0.0;
    }
    return f;
}

/// Solves the small dense system A x = b (A symmetric positive definite) by Gaussian elimination.
std::vector<double> solve_dense(std::vector<std::vector<double>> a, std::vector<double> b) {
    const std::size_t n = b.size();
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = k + 1; i < n; ++i) {
            const double f = a[i][k] / a[k][k];
            for (std::size_t j = k; j < n; ++j) a[i][j] -= f * a[k][j];
            b[i] -= f * b[k];
        }
    std::vector<double> x(n, 0.0);
    for (std::size_t k = n; k-- > 0;) {
        double sum = b[k];
        for (std::size_t j = k + 1; j < n; ++j) sum -= a[k][j] * x[j];
        x[k] = sum / a[k][k];
    }
    return x;
}

/// Smoothness of the onset curve against fit to the bands. A band's residual is sqrt(expected cases) x
/// log(model / table), so bands with more people weigh more; the penalty is sqrt(onset_smoothing) x 5 x
/// the change in slope of log onset (per year) at each knot. CFAS II bands have wide confidence intervals
/// and an exact fit makes onset fall with age in places (women: 1.8% at 65-69, 2.5% at 70-74); with 10,
/// onset rises with age throughout and every band stays inside its CFAS II 95% interval (docs/cohorts.md).
constexpr double onset_smoothing = 10.0;
/// Weight of the residual of the total of the main (65+) table's bands: it holds the table's level.
constexpr double total_weight = 100.0;

/// Fits onset probabilities for one sex (see fit_onsets).
class OnsetFit {
public:
    OnsetFit(const DementiaCohort& k, const AgeSexTable& bands, int total_from_age,
             const std::vector<double>& population, int sex, const DementiaConfig& c, const CareHomeTerms& homes)
        : k_(k),
          population_(population),
          sex_(sex),
          n_(bands.max_age + 1),
          total_from_age_(total_from_age),
          c_(c),
          homes_(homes),
          runs_(positive_runs(bands, sex)) {
        for (const auto& run : runs_) {
            const bool open = run.last == bands.max_age && run.last - run.first > 4;
            knots_.emplace_back(open ? run.first + 2.0 : 0.5 * (run.first + run.last), std::log(0.2 * run.value));
        }
    }
    bool empty() const { return runs_.empty(); }

    /// Onset probabilities at every age for knot heights y (log onset).
    std::vector<double> onsets(const std::vector<double>& y) const {
        auto knots = knots_;
        for (std::size_t j = 0; j < y.size(); ++j) knots[j].second = y[j];
        std::vector<double> curve(sex_count * static_cast<std::size_t>(n_), 0.0);
        fill_log_linear(knots, {{std::max(runs_.front().first - 1, 0), n_ - 1, 1.0}}, sex_, n_, curve);
        std::vector<double> e(static_cast<std::size_t>(n_), 0.0);
        for (int a = 0; a < n_; ++a)
            e[static_cast<std::size_t>(a)] = std::min(curve[static_cast<std::size_t>(sex_ * n_ + a)], 1.0);
        return e;
    }

    /// Residuals: log(model / table) per band, the total, then the weighted changes of slope (carry_cohort
    /// says what `known` and `solved` are).
    std::vector<double> residuals(const std::vector<double>& y, const SolvedAges* known = nullptr,
                                  SolvedAges* solved = nullptr) const {
        const auto f = carry_cohort(k_, onsets(y), c_, homes_, known, solved);
        std::vector<double> prevalence(sex_count * static_cast<std::size_t>(n_), 0.0);
        std::copy(f.prevalence.begin(), f.prevalence.end(), prevalence.begin() + sex_ * n_);
        std::vector<double> r;
        double model_total = 0, table_total = 0;
        for (const auto& run : runs_) {
            const double mean = std::max(run_mean(prevalence, run, population_, sex_, n_), 1e-300);
            const double people = people_in(run);
            r.push_back(std::sqrt(run.value * people) * std::log(mean / run.value));
            if (run.first < total_from_age_) continue;
            model_total += mean * people;
            table_total += run.value * people;
        }
        r.push_back(total_weight * std::log(std::max(model_total, 1e-300) / table_total));
        for (std::size_t j = 1; j + 1 < knots_.size(); ++j) {
            const double before = (y[j] - y[j - 1]) / (knots_[j].first - knots_[j - 1].first);
            const double after = (y[j + 1] - y[j]) / (knots_[j + 1].first - knots_[j].first);
            r.push_back(std::sqrt(onset_smoothing) * 5.0 * (after - before));
        }
        return r;
    }

    /// Levenberg-Marquardt on the knot heights, from onsets a fifth of each band's prevalence.
    std::vector<double> solve() const {
        std::vector<double> y;
        for (const auto& knot : knots_) y.push_back(knot.second);
        SolvedAges current, trial_ages;  // the ages' deaths at y, and at the trial
        auto r = residuals(y, nullptr, &current);
        double cost = sum_of_squares(r), damping = 1e-3;
        // The normal equations at y, kept while y is: a rejected trial only raises the damping. (Most
        // of a fit's iterations are rejected trials near its end, each of which used to compute the
        // Jacobian again, the same, at the same y: most of a fit's time.)
        NormalEquations at_y = normal_equations(y, r, current);
        for (int iteration = 0; iteration < 200; ++iteration) {
            const auto step = damped_step(at_y, damping);
            std::vector<double> trial = y;
            double size = 0;
            for (std::size_t j = 0; j < y.size(); ++j) {
                trial[j] += std::clamp(step[j], -1.0, 1.0);
                size = std::max(size, std::abs(step[j]));
            }
            const auto trial_r = residuals(trial, &current, &trial_ages);
            if (const double trial_cost = sum_of_squares(trial_r); trial_cost < cost) {
                y = trial, r = trial_r, cost = trial_cost, damping = std::max(damping / 3, 1e-12);
                std::swap(current, trial_ages);
                if (size < 1e-10) break;
                at_y = normal_equations(y, r, current);
            } else {
                damping *= 4;
                if (damping > 1e12) break;
            }
        }
        return y;
    }

private:
    double people_in(const Run& run) const {
        double people = 0;
        for (int a = run.first; a <= run.last; ++a) people += population_[static_cast<std::size_t>(sex_ * n_ + a)];
        return people;
    }
    static double sum_of_squares(const std::vector<double>& r) {
        double s = 0;
        for (double v : r) s += v * v;
        return s;
    }
    /// J'J and -J'r at y, with a forward-difference Jacobian J of the residuals r at y.
    struct NormalEquations {
        std::vector<std::vector<double>> a;
        std::vector<double> b;
    };
    NormalEquations normal_equations(const std::vector<double>& y, const std::vector<double>& r,
                                     const SolvedAges& at_y) const {
        const std::size_t m = y.size();
        std::vector<std::vector<double>> jacobian(m);
        for (std::size_t j = 0; j < m; ++j) {
            auto shifted = y;
            shifted[j] += 1e-6;
            const auto rj = residuals(shifted, &at_y);
            for (std::size_t i = 0; i < r.size(); ++i) jacobian[j].push_back((rj[i] - r[i]) / 1e-6);
        }
        NormalEquations e{std::vector<std::vector<double>>(m, std::vector<double>(m, 0.0)),
                          std::vector<double>(m, 0.0)};
        for (std::size_t p = 0; p < m; ++p) {
            for (std::size_t q = 0; q < m; ++q)
                for (std::size_t i = 0; i < r.size(); ++i) e.a[p][q] += jacobian[p][i] * jacobian[q][i];
            for (std::size_t i = 0; i < r.size(); ++i) e.b[p] -= jacobian[p][i] * r[i];
        }
        return e;
    }
    /// The step of (J'J + damping diag(J'J)) step = -J'r.
    static std::vector<double> damped_step(const NormalEquations& e, double damping) {
        auto a = e.a;
        for (std::size_t p = 0; p < a.size(); ++p) a[p][p] += damping * std::max(a[p][p], 1e-12);
        return solve_dense(a, e.b);
    }

    const DementiaCohort& k_;
    const std::vector<double>& population_;
    int sex_;
    int n_;
    int total_from_age_;
    DementiaConfig c_;
    CareHomeTerms homes_;
    std::vector<Run> runs_;
    std::vector<std::pair<double, double>> knots_;
};

/// Onset probabilities by single year of age, log-linear between knots at the bands' mid-points (an
/// open last band at its first age + 2, flat beyond), such that the prevalence they carry up the ages
/// (carry_cohort) fits the bands' means weighted by the base population: penalised least squares on
/// log prevalence, with the total held at the table's (onset_smoothing, total_weight).
std::vector<double> fit_onsets(const DementiaCohort& k, const AgeSexTable& bands, int total_from_age,
                               const std::vector<double>& population, int sex, const DementiaConfig& c,
                               const CareHomeTerms& homes) {
    const OnsetFit fit(k, bands, total_from_age, population, sex, c, homes);
    if (fit.empty()) return std::vector<double>(static_cast<std::size_t>(bands.max_age + 1), 0.0);
    return fit.onsets(fit.solve());
}

/// Death probabilities [state][interval][sex][age] of people at home: 1 - exp(-h0 x RR of the state),
/// with h0 from age_deaths for every interval's life table.
void build_dementia_deaths(const CohortConfig& c, const DemographicRates& d, const CareHomeTerms& homes,
                           const std::pair<std::vector<double>, std::vector<double>>& admission,
                           const std::vector<double>& first_year_share, const std::vector<double>& onsets,
                           CohortRates& r) {
    const auto& dc = c.dementia;
    const double rr[dementia_mortality_states] = {1.0, dc.mortality_rr_year1, dc.mortality_rr_later};
    for (auto& table : r.death_probability_by_dementia) table.clear();
    for (int k = 0; k < d.interval_count(); ++k)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age < r.age_count; ++age) {
                const std::size_t i = r.at(sex, age);
                const double h0 = age_deaths(d.death(k, sex, age), r.dementia_prevalence[i], first_year_share[i],
                                             onsets[i], admission.first[i], admission.second[i], homes, dc)
                                      .home_hazard;
                for (int s = 0; s < dementia_mortality_states; ++s)
                    r.death_probability_by_dementia[s].push_back(1.0 - std::exp(-h0 * rr[s]));
            }
}

}  // namespace

void build_dementia(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                    const std::vector<double>& population, CohortRates& r) {
    const int n = r.age_count;
    AgeSexTable combined = in.dementia_prevalence;
    for (std::size_t i = 0; i < combined.values.size(); ++i) {
        combined.values[i] *= c.dementia.prevalence_scale;
        if (!in.dementia_early_onset.empty() && combined.values[i] == 0)
            combined.values[i] = in.dementia_early_onset.values[i];
    }
    const CareHomeTerms homes = care_home_terms(c);
    const auto admission = admission_risks(c, r);
    // People at home with dementia die at RR times the hazard h0 of those without (RR of the first year
    // after onset, then the later RR), residents as their stays end, and together they keep the life
    // table's deaths (age_deaths). Onsets are a smooth curve in age chosen so that the prevalence they
    // carry up the ages has the table's band means; that carried profile is the base prevalence by
    // single year of age (docs/cohorts.md).
    r.dementia_prevalence.assign(sex_count * static_cast<std::size_t>(n), 0.0);
    r.dementia_incidence.assign(sex_count * static_cast<std::size_t>(n), 0.0);
    std::vector<double> first_year_share(sex_count * static_cast<std::size_t>(n), 0.0), fitted(first_year_share);
    // The two sexes' fits are independent and write disjoint halves of the tables: fitted side by side
    // (the fit is most of a model's build, a serial cost of every run).
    run_in_parallel(0, sex_count, [&](int sex) {
        DementiaCohort k{std::vector<double>(n), slice(admission.first, sex, n), slice(admission.second, sex, n)};
        for (int age = 0; age < n; ++age) k.death[static_cast<std::size_t>(age)] = d.death(0, sex, age);
        int total_from_age = 0;  // the total is held for the main (65+) table's ages
        while (total_from_age < n && in.dementia_prevalence.at(sex, total_from_age) <= 0) ++total_from_age;
        const auto onsets = fit_onsets(k, combined, total_from_age, population, sex, c.dementia, homes);
        const auto profile = carry_cohort(k, onsets, c.dementia, homes);
        for (int age = 0; age < n; ++age) {
            const auto a = static_cast<std::size_t>(age);
            r.dementia_prevalence[r.at(sex, age)] = profile.prevalence[a];
            r.dementia_incidence[r.at(sex, age)] = c.dementia.incidence_multiplier * onsets[a];
            first_year_share[r.at(sex, age)] = profile.first_year_share[a];
            fitted[r.at(sex, age)] = onsets[a];
        }
    });
    build_dementia_deaths(c, d, homes, admission, first_year_share, fitted, r);
}

}  // namespace carecast
