#pragma once
// Paired comparison of a what-if with its baseline. Run with the same seed, replicate r of both runs
// gives every person the same random numbers (common random numbers), so the difference of replicate r
// is mostly the effect of the change: differences are paired by replicate, never taken between means.
#include <string>
#include <vector>

#include "output/dataset.hpp"
#include "report/indicators.hpp"

namespace carecast::analysis {

/// Statistics of the paired differences d_r = whatif_r - base_r over replicates r.
struct PairedDifference {
    std::size_t replicates = 0;
    double base_mean = 0;
    double whatif_mean = 0;
    double mean = 0;                // mean of d_r (= whatif_mean - base_mean)
    double standard_deviation = 0;  // sample standard deviation of d_r (n - 1); 0 if n < 2
    double ci_low = 0;              // confidence interval for the mean difference: mean -+ t(n-1) sd / sqrt(n);
    double ci_high = 0;             //   NaN if n < 2
    double p5 = 0;                  // 5th and 95th percentiles of d_r (type 7)
    double p95 = 0;
    bool distinguishable = false;  // the interval excludes zero
};

/// Paired differences of `whatif` against `base` (same length >= 1, index = replicate), with a
/// `confidence` (e.g. 0.95) Student-t interval for their mean. Throws std::invalid_argument if the
/// lengths differ or are zero.
PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& whatif,
                                   double confidence = 0.95);

/// Sample variance (divisor n - 1) of `values`; 0 for fewer than two values.
double sample_variance(const std::vector<double>& values);

/// Why the two runs cannot be paired replicate by replicate: different seeds, replicate numbers,
/// years or areas. Empty if they can. `base_name`/`whatif_name` name the files in the messages.
std::vector<std::string> pairing_problems(const output::Dataset& base, const output::Dataset& whatif,
                                          const std::string& base_name, const std::string& whatif_name);

/// One indicator at one time.
struct ComparisonRow {
    const report::Series* base = nullptr;  // labels and times; the what-if's series for a budget line only it has
    std::size_t base_time = 0;
    std::size_t whatif_time = 0;
    PairedDifference difference;
};

/// Paired differences for every indicator present in both sets, at every time both have, in the what-if's
/// order; a budget line (money) only one set has is compared with zero spending in the other. The rows
/// point into `base` and `whatif`, which must outlive them.
std::vector<ComparisonRow> compare_indicators(const report::IndicatorSet& base, const report::IndicatorSet& whatif,
                                              double confidence = 0.95);

}  // namespace carecast::analysis
