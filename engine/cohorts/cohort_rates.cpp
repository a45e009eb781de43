#include "cohorts/cohort_rates.hpp"

#include <cmath>

#include "cohorts/prevalence_consistent.hpp"

namespace carecast {
namespace {

struct Run {
    int first;
    int last;
    double value;
};

/// Maximal runs of equal positive values along the ages of one sex.
std::vector<Run> positive_runs(const AgeSexTable& table, int sex) {
    std::vector<Run> runs;
    for (int a = 0; a <= table.max_age; ++a) {
        const double v = table.at(sex, a);
        if (v <= 0) continue;
        if (!runs.empty() && runs.back().last == a - 1 && runs.back().value == v) runs.back().last = a;
        else runs.push_back({a, a, v});
    }
    return runs;
}

std::vector<double> copy_table(const AgeSexTable& table, int age_count) {
    if (table.empty()) return std::vector<double>(sex_count * static_cast<std::size_t>(age_count), 0.0);
    return table.values;
}

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

std::vector<double> slice(const std::vector<double>& values, int sex, int age_count) {
    return {values.begin() + sex * age_count, values.begin() + (sex + 1) * age_count};
}

void build_dementia(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d,
                    const std::vector<double>& population, CohortRates& r) {
    const int n = r.age_count;
    AgeSexTable combined = in.dementia_prevalence;
    for (std::size_t i = 0; i < combined.values.size(); ++i) {
        combined.values[i] *= c.dementia.prevalence_scale;
        if (!in.dementia_early_onset.empty() && combined.values[i] == 0) combined.values[i] = in.dementia_early_onset.values[i];
    }
    r.dementia_prevalence = smooth_bands(combined, population);
    // Deaths: people with dementia die at RR times the rate of those without, and the population's total
    // mortality is kept, so the hazard of people without dementia is h / (1 + p (RR - 1)). The mean RR of
    // prevalent cases mixes the first year (about a fifth of cases) with later years.
    const double rr_mean = 0.8 * c.dementia.mortality_rr_later + 0.2 * c.dementia.mortality_rr_year1;
    const double rr[dementia_mortality_states] = {1.0, c.dementia.mortality_rr_year1, c.dementia.mortality_rr_later};
    for (auto& table : r.death_probability_by_dementia) table.clear();
    for (int k = 0; k < d.interval_count(); ++k)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age < n; ++age) {
                const double hazard = -std::log(1.0 - std::min(d.death(k, sex, age), 1.0 - 1e-12));
                const double divisor = 1.0 + r.dementia_prevalence[r.at(sex, age)] * (rr_mean - 1.0);
                for (int s = 0; s < dementia_mortality_states; ++s)
                    r.death_probability_by_dementia[s].push_back(1.0 - std::exp(-hazard * rr[s] / divisor));
            }
    r.dementia_incidence.assign(sex_count * static_cast<std::size_t>(n), 0.0);
    for (int sex = 0; sex < sex_count; ++sex) {
        std::vector<double> p = slice(r.dementia_prevalence, sex, n), none(n, 0.0), d_in(n), d_out(n);
        for (int age = 0; age < n; ++age) {
            d_out[static_cast<std::size_t>(age)] = r.death(0, 0, sex, age);
            d_in[static_cast<std::size_t>(age)] = 1.0 - std::pow(1.0 - r.death(0, 0, sex, age), rr_mean);
        }
        const auto entry = prevalence_consistent_entry(p, none, d_in, d_out);
        for (int age = 0; age < n; ++age)
            r.dementia_incidence[r.at(sex, age)] = c.dementia.incidence_multiplier * entry[static_cast<std::size_t>(age)];
    }
}

/// Entry probabilities keeping a two-state profile with a constant exit probability (deaths equal in
/// and out of the state): used for carers and SEND.
std::vector<double> entries_for(const std::vector<double>& prevalence, const std::vector<double>& exit_by_age, int n) {
    std::vector<double> out(prevalence.size(), 0.0);
    for (int sex = 0; sex < sex_count; ++sex) {
        const std::vector<double> zero(static_cast<std::size_t>(n), 0.0);
        const auto entry = prevalence_consistent_entry(slice(prevalence, sex, n), exit_by_age, zero, zero);
        std::copy(entry.begin(), entry.end(), out.begin() + sex * n);
    }
    return out;
}

void build_carers_and_send(const CohortInputs& in, const CohortConfig& c, const std::vector<double>& population,
                           CohortRates& r) {
    const int n = r.age_count;
    if (c.carers.enabled) {
        r.carer_prevalence = smooth_bands(in.carer_prevalence, population);
        r.carer_start = entries_for(r.carer_prevalence, std::vector<double>(n, c.carers.annual_stop_probability), n);
    }
    if (!c.send.enabled) return;
    r.sen_support_prevalence = copy_table(in.sen_support_prevalence, n);
    r.ehc_prevalence = copy_table(in.ehc_plan_prevalence, n);
    // EHC plans: entries keep the base profile up to 15; from 16 plans only end (ehc_exit_16_25 a year).
    std::vector<double> ehc_exit(static_cast<std::size_t>(n), 0.0), support_exit(static_cast<std::size_t>(n), 0.0);
    for (int a = 16; a < n; ++a) ehc_exit[static_cast<std::size_t>(a)] = a <= 25 ? c.send.ehc_exit_16_25 : 1.0;
    r.ehc_start = entries_for(r.ehc_prevalence, ehc_exit, n);
    for (int sex = 0; sex < sex_count; ++sex)
        for (int a = 15; a < n; ++a) r.ehc_start[r.at(sex, a)] = 0.0;
    // SEN support: ends at c.send.sen_support_exit a year, or by moving to a plan; school ages only.
    for (int a = 0; a < n; ++a) support_exit[static_cast<std::size_t>(a)] = a >= 5 && a <= 16 ? c.send.sen_support_exit : 0.0;
    r.sen_support_start = entries_for(r.sen_support_prevalence, support_exit, n);
}

}  // namespace

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
        for (const auto& run : runs)
            for (int a = run.first; a <= run.last; ++a) {
                std::size_t k = 0;
                while (k + 2 < anchors.size() && anchors[k + 1].first < a) ++k;
                double v = anchors[0].second;
                if (anchors.size() > 1) {
                    const auto& [x0, y0] = anchors[k];
                    const auto& [x1, y1] = anchors[k + 1];
                    const double t = std::min(static_cast<double>(a), anchors.back().first);
                    v = y0 + (y1 - y0) * (t - x0) / (x1 - x0);
                }
                out[static_cast<std::size_t>(sex * n + a)] = std::exp(v);
            }
        for (const auto& run : runs) {
            double weighted = 0, people = 0;
            for (int a = run.first; a <= run.last; ++a) {
                const double w = population.empty() ? 1.0 : population[static_cast<std::size_t>(sex * n + a)];
                weighted += w * out[static_cast<std::size_t>(sex * n + a)];
                people += w;
            }
            const double factor = weighted > 0 ? run.value * people / weighted : 1.0;
            for (int a = run.first; a <= run.last; ++a) out[static_cast<std::size_t>(sex * n + a)] *= factor;
        }
    }
    return out;
}

CohortRates build_cohort_rates(const CohortInputs& in, const CohortConfig& c, const DemographicRates& d) {
    CohortRates r;
    r.config = c;
    r.age_count = d.grid.age_count();
    const auto population = base_population(d);
    if (c.dementia.enabled) build_dementia(in, c, d, population, r);
    r.partnered_share = copy_table(in.partnered_share, r.age_count);
    build_carers_and_send(in, c, population, r);
    r.fall_admission = copy_table(in.fall_admission, r.age_count);
    r.care_home_admission = copy_table(in.care_home_admission, r.age_count);
    r.reablement = copy_table(in.reablement, r.age_count);
    r.home_care_start = copy_table(in.home_care_start, r.age_count);
    r.prevalence_cohort_names = in.prevalence_cohort_names;
    for (const auto& table : in.prevalence_cohort_rates) r.prevalence_cohort_rates.push_back(copy_table(table, r.age_count));
    return r;
}

}  // namespace carecast
