#include "report/paired_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

#include "report/dataset_query.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::analysis {

double sample_variance(const std::vector<double>& values) {
    const auto n = values.size();
    if (n < 2) return 0.0;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
    double sum = 0;
    for (const double v : values) sum += (v - mean) * (v - mean);
    return sum / static_cast<double>(n - 1);
}

PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& whatif,
                                   double confidence) {
    if (base.empty() || base.size() != whatif.size())
        throw std::invalid_argument(
            "paired_difference: need the same number (at least one) of base and what-if values");
    const auto n = base.size();
    std::vector<double> d(n);
    for (std::size_t r = 0; r < n; ++r) d[r] = whatif[r] - base[r];
    PairedDifference out;
    out.replicates = n;
    out.base_mean = std::accumulate(base.begin(), base.end(), 0.0) / static_cast<double>(n);
    out.whatif_mean = std::accumulate(whatif.begin(), whatif.end(), 0.0) / static_cast<double>(n);
    out.mean = std::accumulate(d.begin(), d.end(), 0.0) / static_cast<double>(n);
    out.standard_deviation = std::sqrt(sample_variance(d));
    if (n >= 2) {
        const boost::math::students_t t(static_cast<double>(n - 1));
        const double q = boost::math::quantile(t, 0.5 + confidence / 2.0);
        const double half = q * out.standard_deviation / std::sqrt(static_cast<double>(n));
        out.ci_low = out.mean - half;
        out.ci_high = out.mean + half;
        out.distinguishable = out.ci_low > 0 || out.ci_high < 0;
    } else {
        out.ci_low = out.ci_high = std::numeric_limits<double>::quiet_NaN();
    }
    std::sort(d.begin(), d.end());
    out.p5 = percentile(d, 0.05);
    out.p95 = percentile(d, 0.95);
    return out;
}

std::vector<std::string> pairing_problems(const output::Dataset& base, const output::Dataset& whatif,
                                          const std::string& base_name, const std::string& whatif_name) {
    std::vector<std::string> problems;
    const auto base_seed = report::global_attribute(base, "seed", "?");
    const auto whatif_seed = report::global_attribute(whatif, "seed", "?");
    if (base_seed != whatif_seed)
        problems.push_back("the runs used different seeds (" + base_name + ": " + base_seed + ", " + whatif_name +
                           ": " + whatif_seed +
                           "); paired differences need both run with the same seed "
                           "(carecast run ... --seed S) so replicate r sees the same random numbers");
    const auto compare_dimension = [&](const std::string& name, const std::string& what) {
        const auto* a = report::find_dimension(base, name);
        const auto* b = report::find_dimension(whatif, name);
        if (!a || !b) {
            problems.push_back("dimension '" + name + "' is missing from " + (!a ? base_name : whatif_name));
            return;
        }
        const auto la = report::coordinate_labels(*a);
        const auto lb = report::coordinate_labels(*b);
        if (la == lb) return;
        const auto span = [](const std::vector<std::string>& l) {
            return l.empty() ? std::string("none")
                             : l.front() + ".." + l.back() + " (" + std::to_string(l.size()) + ")";
        };
        problems.push_back("the runs have different " + what + " (" + base_name + ": " + span(la) + ", " + whatif_name +
                           ": " + span(lb) + "); they must be the same to pair replicates");
    };
    compare_dimension("replicate", "replicate numbers");
    compare_dimension("year", "years (base and horizon)");
    compare_dimension("area", "areas");
    return problems;
}

std::vector<ComparisonRow> compare_indicators(const report::IndicatorSet& base, const report::IndicatorSet& whatif,
                                              double confidence) {
    std::vector<ComparisonRow> rows;
    // A budget line only one run has (the what-if's own `intervention_cost`, or one the what-if removes)
    // is money the other run does not spend: it is compared with zero, so that the lines add up to the
    // totals' difference. Any other indicator only one run has is left out (a module the other run lacks,
    // or a unit price, which is not an amount spent).
    const auto spent_by_one_run = [&rows, confidence](const report::Series& s, bool whatif_only) {
        if (s.theme != report::Theme::money || s.kind != report::NumberKind::money) return;
        for (std::size_t t = 0; t < s.times.size(); ++t) {
            const auto values = s.at_time(t);
            const std::vector<double> zeros(values.size(), 0.0);
            rows.push_back({&s, t, t,
                            whatif_only ? paired_difference(zeros, values, confidence)
                                        : paired_difference(values, zeros, confidence)});
        }
    };
    for (const auto& w : whatif.series) {
        const auto* b = base.find(w.id);
        if (!b) {
            spent_by_one_run(w, true);
            continue;
        }
        if (w.time_dimension != b->time_dimension) continue;
        for (std::size_t t = 0; t < b->times.size(); ++t) {
            const auto wt = w.time_index(b->times[t]);
            if (!wt) continue;
            auto base_values = b->at_time(t);
            auto whatif_values = w.at_time(*wt);
            // A variable without a replicate dimension (capacity, envelope) is the same for every replicate.
            if (base_values.size() == 1 && whatif_values.size() > 1)
                base_values.assign(whatif_values.size(), base_values[0]);
            if (whatif_values.size() == 1 && base_values.size() > 1)
                whatif_values.assign(base_values.size(), whatif_values[0]);
            if (base_values.size() != whatif_values.size()) continue;
            rows.push_back({b, t, *wt, paired_difference(base_values, whatif_values, confidence)});
        }
    }
    for (const auto& b : base.series)
        if (!whatif.find(b.id)) spent_by_one_run(b, false);
    return rows;
}

}  // namespace carecast::analysis
