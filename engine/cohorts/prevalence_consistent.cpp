#include "cohorts/prevalence_consistent.hpp"

#include <algorithm>
#include <cassert>

namespace carecast {

std::vector<double> prevalence_consistent_entry(const std::vector<double>& p, const std::vector<double>& x,
                                                const std::vector<double>& d_in, const std::vector<double>& d_out) {
    return prevalence_consistent_entry(p, p, x, d_in, d_out);
}

std::vector<double> prevalence_consistent_entry(const std::vector<double>& p, const std::vector<double>& next,
                                                const std::vector<double>& x, const std::vector<double>& d_in,
                                                const std::vector<double>& d_out) {
    const std::size_t n = p.size();
    assert(next.size() == n && x.size() == n && d_in.size() == n && d_out.size() == n && n >= 2);
    std::vector<double> entry(n, 0.0);
    for (std::size_t a = 0; a + 1 < n; ++a) {
        const double stay_in = p[a] * (1 - x[a]) * (1 - d_in[a]);
        const double survivors = p[a] * (1 - d_in[a]) + (1 - p[a]) * (1 - d_out[a]);
        const double at_risk = (1 - p[a]) * (1 - d_out[a]);
        entry[a] = at_risk > 0 ? std::clamp((next[a + 1] * survivors - stay_in) / at_risk, 0.0, 1.0) : 0.0;
    }
    entry[n - 1] = entry[n - 2];
    return entry;
}

}  // namespace carecast
