#include "cohorts/cohort_rates.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/age_curves.hpp"
#include "cohorts/care_homes/care_home_steady_state.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/dementia/dementia_rates.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need_rates.hpp"
#include "cohorts/prevalence_consistent.hpp"

namespace carecast {
namespace {

using age_curves::fill_log_linear;
using age_curves::positive_runs;
using age_curves::Run;
using age_curves::run_mean;
using age_curves::slice;

// Rounds of the need table and the admissions solved together (build_need_and_admissions): the resident
// shares then move by less than 1e-3 from one round to the next at any age (County Durham).
constexpr int need_resident_rounds = 12;

/// Base-year population by [sex][age], summed over areas.
std::vector<double> base_population(const DemographicRates& d) {
    std::vector<double> out(sex_count * static_cast<std::size_t>(d.grid.age_count()), 0.0);
    for (std::size_t area = 0; area < d.grid.areas.size(); ++area)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= d.grid.max_age; ++age)
                out[static_cast<std::size_t>(sex * d.grid.age_count() + age)] +=
                    static_cast<double>(d.base_counts[d.grid.cell(area, sex, age)]);
    return out;
}

/// Carers: the prevalence profile and, for each interval, the starts that move the profile of its
/// first year to that of the next (the same every year without a trend).
void build_carers(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                  const std::vector<double>& population, CohortRates& r) {
    const int n = r.age_count;
    r.carer_prevalence = smooth_bands(in.carer_prevalence, population);
    const std::vector<double> stop(static_cast<std::size_t>(n), c.carers.annual_stop_probability);
    const auto intervals = static_cast<std::size_t>(std::max(d.interval_count(), 1));
    if (in.carer_trend.empty()) {
        const auto start = entries_for(r.carer_prevalence, stop, n);
        r.carer_start.reserve(intervals * start.size());
        for (std::size_t k = 0; k < intervals; ++k)
            r.carer_start.insert(r.carer_start.end(), start.begin(), start.end());
        return;
    }
    r.carer_trend = in.carer_trend.values;
    for (std::size_t k = 0; k < intervals; ++k) {
        const int year = d.base_year + static_cast<int>(k);
        const auto now = carer_prevalence_in(r, year), next = carer_prevalence_in(r, year + 1);
        const auto start = entries_for(now, stop, n, &next);
        r.carer_start.insert(r.carer_start.end(), start.begin(), start.end());
    }
}

}  // namespace

std::vector<double> copy_table(const AgeSexTable& table, int age_count) {
    if (table.empty()) return std::vector<double>(sex_count * static_cast<std::size_t>(age_count), 0.0);
    return table.values;
}

std::vector<double> entries_for(const std::vector<double>& prevalence, const std::vector<double>& exit_by_age, int n,
                                const std::vector<double>* next) {
    std::vector<double> out(prevalence.size(), 0.0);
    for (int sex = 0; sex < sex_count; ++sex) {
        const std::vector<double> zero(static_cast<std::size_t>(n), 0.0);
        const auto entry =
            next ? prevalence_consistent_entry(slice(prevalence, sex, n), slice(*next, sex, n), exit_by_age, zero, zero)
                 : prevalence_consistent_entry(slice(prevalence, sex, n), exit_by_age, zero, zero);
        std::copy(entry.begin(), entry.end(), out.begin() + sex * n);
    }
    return out;
}

double carer_trend_factor(const CohortRates& rates, std::size_t at, int year) {
    if (rates.carer_trend.empty()) return 1.0;
    const auto& c = rates.config.carers;
    const int years = std::clamp(year, c.trend_reference_year, std::max(c.trend_reference_year, c.trend_end_year)) -
                      c.trend_reference_year;
    return std::pow(1.0 + rates.carer_trend[at], years);
}

std::vector<double> carer_prevalence_in(const CohortRates& rates, int year) {
    std::vector<double> out = rates.carer_prevalence;
    if (rates.carer_trend.empty()) return out;
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = std::min(out[k] * carer_trend_factor(rates, k, year), 1.0);
    return out;
}

std::vector<double> smooth_bands(const AgeSexTable& bands, const std::vector<double>& population) {
    const int n = bands.max_age + 1;
    std::vector<double> out(sex_count * static_cast<std::size_t>(n), 0.0);
    if (bands.empty()) return out;
    for (int sex = 0; sex < sex_count; ++sex) {
        const auto runs = positive_runs(bands, sex);
        if (runs.empty()) continue;
        // Anchor each run at its mid-point (an open last run at first + 2, like a five-year band).
        std::vector<std::pair<double, double>> anchors;
        for (const auto& run : runs) {
            const bool open = run.last == bands.max_age && run.last - run.first > 4;
            anchors.emplace_back(open ? run.first + 2.0 : 0.5 * (run.first + run.last), std::log(run.value));
        }
        // The anchor heights are moved until the log-linear curve through them has each run's mean: the
        // curve is then continuous across band edges (rescaling a curve through the band values instead
        // leaves steps there, and a prevalence profile with steps gives onset rates that jump from zero
        // to double at band edges). A few dozen rounds reach 1e-9; the final rescale makes means exact.
        for (int round = 0; round < 200; ++round) {
            fill_log_linear(anchors, runs, sex, n, out);
            double worst = 0;
            for (std::size_t k = 0; k < runs.size(); ++k) {
                const double mean = run_mean(out, runs[k], population, sex, n);
                if (mean <= 0) continue;
                const double step = std::log(runs[k].value / mean);
                anchors[k].second += step;
                worst = std::max(worst, std::abs(step));
            }
            if (worst < 1e-9) break;
        }
        fill_log_linear(anchors, runs, sex, n, out);
        for (const auto& run : runs) {
            const double mean = run_mean(out, run, population, sex, n);
            const double factor = mean > 0 ? run.value / mean : 1.0;
            for (int a = run.first; a <= run.last; ++a) out[static_cast<std::size_t>(sex * n + a)] *= factor;
        }
    }
    return out;
}

namespace {

/// The need rates and the care-home admissions drawn from them. The need table is of people at home, and
/// the care-home residents (all at high need) come on top of it, as many as the admissions keep in homes
/// (resident_share_of_high_need); the admissions are rescaled for the people at high need at home, so
/// the two are solved together: a few rounds of build_need with the previous round's resident shares
/// (the shares move little with everyone's need: most of it is the admission and leave hazards).
void build_need_and_admissions(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                               const std::vector<double>& population, CohortRates& r) {
    std::vector<double> resident_share;
    if (c.need.enabled)  // the need table's shares at home, smoothed: the same in every round
        for (std::size_t level = 0; level + 1 < need_levels; ++level)
            r.need_at_least_at_home[level] = smooth_bands(in.need_at_least[level], population);
    const int rounds = c.care_homes.enabled ? need_resident_rounds : 1;
    for (int round = 0; round < rounds; ++round) {
        // The rounds read the base year's death by need only; the last fills every year's.
        if (c.need.enabled) build_need(c, d, resident_share, r, round + 1 < rounds);
        build_self_funder_shares(c, r);
        scale_admissions_to_people_at_home(c, r);
        if (!c.need.enabled) return;
        // Damped: at some young ages, where few are at high need, the share swings between rounds.
        if (resident_share.empty()) {
            resident_share = r.high_need_resident_share;
            continue;
        }
        for (std::size_t i = 0; i < resident_share.size(); ++i)
            resident_share[i] = 0.5 * (resident_share[i] + r.high_need_resident_share[i]);
    }
}

}  // namespace

CohortRates build_cohort_rates(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d) {
    CohortRates r;
    r.config = c;
    r.age_count = d.grid.age_count();
    const auto population = base_population(d);
    // The modules' own rates first: the rates built together read some (care homes read falls and couples).
    CohortModules::for_each([&]<typename M>() {
        if constexpr (HasTables<M>) M::build_rates(in, c, d, r);
    });
    r.care_home_admission = copy_table(in.care_home_admission, r.age_count);
    r.nursing_share.assign(static_cast<std::size_t>(sex_count * r.age_count), c.care_homes.nursing_share);
    if (c.dementia.enabled) build_dementia(in, c, d, population, r);
    build_need_and_admissions(in, c, d, population, r);
    if (c.carers.enabled) build_carers(in, c, d, population, r);
    r.prevalence_cohort_names = in.prevalence_cohort_names;
    for (const auto& table : in.prevalence_cohort_rates)
        r.prevalence_cohort_rates.push_back(copy_table(table, r.age_count));
    return r;
}

}  // namespace carecast
