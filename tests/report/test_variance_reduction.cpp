// Common random numbers, measured (issue 4, item 4). A what-if run with the baseline's seed gives every
// person the same random numbers, so the paired difference of replicate r is mostly the effect of the
// change; run with another seed, the difference also carries the noise of two independent futures.
// The ratio var(paired differences) / var(independent differences) is the variance reduction;
// docs/validation.md records the value this test prints.
#include <catch2/catch.hpp>

#include <cstdio>

#include "report/indicators.hpp"
#include "report/paired_comparison.hpp"
#include "report_test_support.hpp"

namespace {

constexpr std::uint64_t seed = 20160630;
constexpr std::uint32_t replicates = 12;

/// Values of indicator `id` at `time` across replicates.
std::vector<double> values_of(const carecast::report::IndicatorSet& set, const std::string& id, int time) {
    const auto* s = set.find(id);
    REQUIRE(s);
    const auto t = s->time_index(time);
    REQUIRE(t);
    return s->at_time(*t);
}

}  // namespace

TEST_CASE("Common random numbers make paired differences far less variable than independent runs", "[.variance]") {
    using carecast::analysis::paired_difference;
    using carecast::analysis::sample_variance;
    const auto base = carecast::report::compute_indicators(
        carecast::test::simulated_dataset("tests/end_to_end/small_cohorts.txtpb", seed, replicates));
    const auto paired = carecast::report::compute_indicators(
        carecast::test::simulated_dataset("tests/report/whatif_fewer_admissions.txtpb", seed, replicates));
    const auto independent = carecast::report::compute_indicators(
        carecast::test::simulated_dataset("tests/report/whatif_fewer_admissions.txtpb", seed + 1, replicates));

    struct Case {
        const char* id;
        int time;
    };
    for (const auto& c : {Case{"care_home_admissions_65_plus", 2019}, Case{"care_home_residents", 2019}}) {
        const auto b = values_of(base, c.id, c.time);
        const auto same_seed = paired_difference(b, values_of(paired, c.id, c.time));
        const auto other_seed = paired_difference(b, values_of(independent, c.id, c.time));
        const double var_paired = same_seed.standard_deviation * same_seed.standard_deviation;
        const double var_independent = other_seed.standard_deviation * other_seed.standard_deviation;
        const double ratio = var_paired / var_independent;
        char line[256];
        std::snprintf(line, sizeof line,
                      "%s %d: mean difference %.1f (paired) vs %.1f (independent); variance %.1f vs %.1f; ratio %.3f",
                      c.id, c.time, same_seed.mean, other_seed.mean, var_paired, var_independent, ratio);
        WARN(line);
        CHECK(same_seed.mean < 0);  // 20% fewer admissions: fewer admitted and fewer resident
        CHECK(same_seed.distinguishable);
        CHECK(ratio < 0.5);  // measured 0.156 and 0.042 (docs/validation.md section 7); 0.5 leaves room for changes
        CHECK(var_paired == Approx(sample_variance([&] {
                  std::vector<double> d;
                  const auto w = values_of(paired, c.id, c.time);
                  for (std::size_t r = 0; r < b.size(); ++r) d.push_back(w[r] - b[r]);
                  return d;
              }())));
    }
}
