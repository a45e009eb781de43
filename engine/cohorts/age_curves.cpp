#include "cohorts/age_curves.hpp"

#include <cmath>

namespace carecast::age_curves {

/// Maximal runs of equal positive values along the ages of one sex.
std::vector<Run> positive_runs(const AgeSexTable& table, int sex) {
    std::vector<Run> runs;
    for (int a = 0; a <= table.max_age; ++a) {
        const double v = table.at(sex, a);
        if (v <= 0) continue;
        if (!runs.empty() && runs.back().last == a - 1 && runs.back().value == v)
            runs.back().last = a;
        else
            runs.push_back({a, a, v});
    }
    return runs;
}

/// exp of the log-linear curve through `anchors` (age, log value) at every age of `runs`; flat beyond
/// the last anchor, extended along the first segment below the first.
void fill_log_linear(const std::vector<std::pair<double, double>>& anchors, const std::vector<Run>& runs, int sex,
                     int n, std::vector<double>& out) {
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
}

/// Mean of `values` over a run's ages, weighted by `population` ([sex][age]; empty: unweighted).
double run_mean(const std::vector<double>& values, const Run& run, const std::vector<double>& population, int sex,
                int n) {
    double weighted = 0, people = 0;
    for (int a = run.first; a <= run.last; ++a) {
        const auto i = static_cast<std::size_t>(sex * n + a);
        const double w = population.empty() ? 1.0 : population[i];
        weighted += w * values[i];
        people += w;
    }
    return people > 0 ? weighted / people : 0.0;
}

std::vector<double> slice(const std::vector<double>& values, int sex, int age_count) {
    return {values.begin() + sex * age_count, values.begin() + (sex + 1) * age_count};
}

}  // namespace carecast::age_curves
