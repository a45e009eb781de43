#pragma once
// Curves over single years of age built from tables of age bands: the shared pieces of the cohort-rate
// derivations (cohort_rates.cpp for the band smoothing, dementia_rates.cpp for the onset fit).
#include <utility>
#include <vector>

#include "io/age_table.hpp"

namespace carecast::age_curves {

/// A maximal run of ages [first, last] with one positive value in a table.
struct Run {
    int first;
    int last;
    double value;
};

/// Maximal runs of equal positive values along the ages of one sex.
std::vector<Run> positive_runs(const AgeSexTable& table, int sex);

/// exp of the log-linear curve through `anchors` (age, log value) at every age of `runs`; flat beyond
/// the last anchor, extended along the first segment below the first.
void fill_log_linear(const std::vector<std::pair<double, double>>& anchors, const std::vector<Run>& runs, int sex,
                     int n, std::vector<double>& out);

/// Mean of `values` over a run's ages, weighted by `population` ([sex][age]; empty: unweighted).
double run_mean(const std::vector<double>& values, const Run& run, const std::vector<double>& population, int sex,
                int n);

/// One sex's part of a [sex][age] array.
std::vector<double> slice(const std::vector<double>& values, int sex, int age_count);

}  // namespace carecast::age_curves
