// Interventions and parameter uncertainty acting on the model: the rates they change, and common
// random numbers (a what-if's people draw the same numbers as the baseline's).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "cohort_test_support.hpp"
#include "sim/load_scenario.hpp"
#include "sim/replicate_parameters.hpp"
#include "sim/simulation.hpp"
#include "sim/year_rates.hpp"
#include "test_support.hpp"

using namespace carecast;
using namespace carecast::test;

TEST_CASE("an intervention changes nothing before its start year", "[interventions]") {
    const auto base = run_replicates(small_cohorts_with(""));
    const auto whatif = run_replicates(small_cohorts_with(
        "interventions { name: \"half\" rate: CARE_HOME_ADMISSION start_year: 2018 multiplier: 0.5 }"));
    const std::size_t cells = base.grid.cell_count();
    for (std::size_t m = 0; m < base.registry.size(); ++m) {
        const auto& info = base.registry.info(static_cast<MeasureId>(m));
        // Stocks at mid-2016..2018 and flows of the periods ending 2017 and 2018 come before 2018's change.
        const std::size_t unchanged = (info.kind == MeasureKind::stock ? 3 : 2) * cells;
        const auto& a = base.replicates[0].values[m];
        const auto& b = whatif.replicates[0].values[m];
        INFO(info.name);
        CHECK(std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(unchanged), b.begin()));
    }
}

TEST_CASE("with common random numbers a lower admission rate admits a subset of the baseline's people",
          "[interventions]") {
    const auto base = run_replicates(small_cohorts_with(""), 2);
    const auto whatif = run_replicates(small_cohorts_with(
        "interventions { name: \"half\" rate: CARE_HOME_ADMISSION start_year: 2018 multiplier: 0.5 min_age: 65 }"));
    const std::size_t cells = base.grid.cell_count();
    double before = 0, after = 0;
    for (const auto* name : {"care_home_admissions_residential", "care_home_admissions_nursing"}) {
        const auto m = static_cast<std::size_t>(measure_id(base, name));
        for (std::size_t cell = 0; cell < cells; ++cell) {
            const auto age = static_cast<int>(cell % static_cast<std::size_t>(base.grid.age_count()));
            const auto k = 2 * cells + cell;  // the period ending mid-2019: the first with the change
            const auto b = base.replicates[0].values[m][k];
            const auto w = whatif.replicates[0].values[m][k];
            if (age >= 66) {  // flows are at the age reached at the end: 66+ were 65+ at the start
                CHECK(w <= b);
                before += b;
                after += w;
            } else if (age < 65) {
                CHECK(w == b);
            }
        }
    }
    // Each admitted person stays admitted with probability 0.5: binomial, 4 standard errors.
    REQUIRE(before > 200);
    CHECK(std::abs(after - 0.5 * before) < 4 * std::sqrt(0.25 * before));
}

TEST_CASE("a year's rates carry exactly the multipliers of the interventions acting that year", "[interventions]") {
    const auto loaded = small_cohorts_with(
        R"(interventions { name: "a" rate: CARE_HOME_ADMISSION start_year: 2017 full_effect_year: 2018 multiplier: 0.5 min_age: 65 }
interventions { name: "r" rate: RESIDENTIAL_ADMISSION start_year: 2017 multiplier: 0.8 }
interventions { name: "m" rate: MORTALITY start_year: 2018 multiplier: 0.9 }
interventions { name: "s" rate: CARE_HOME_LENGTH_OF_STAY start_year: 2016 multiplier: 0.9 }
interventions { name: "g" rate: EHC_PLAN_GROWTH start_year: 2017 target_level: 0.1 })");
    const Model model = build_model(loaded);
    const auto& base = model.cohorts;
    const double ns = loaded.config.cohorts.care_homes.nursing_share;
    const double g = loaded.config.cohorts.send.ehc_growth;
    const YearRates y0(model, 0), y1(model, 1), y2(model, 2);
    const auto at64 = base.at(1, 64), at70 = base.at(1, 70);
    CHECK(y0.cohorts().care_home_admission[at70] == base.care_home_admission[at70]);
    CHECK(y0.cohorts().stay_length_multiplier == 0.9);
    CHECK(&y0.demography() == &model.demography);  // nothing demographic changes: no copy
    CHECK(y0.ehc_growth_factor() == 1.0);
    // 2017: half way to 0.5 for ages 65+, and residential admissions x0.8 at every age.
    const double both = 1 - ns + ns;  // nursing unchanged, residential x0.8
    CHECK(y1.cohorts().care_home_admission[at64] ==
          Approx(base.care_home_admission[at64] * ((1 - ns) * 0.8 + ns * both - ns * (both - 1))));
    CHECK(y1.cohorts().care_home_admission[at70] ==
          Approx(base.care_home_admission[at70] * 0.75 * ((1 - ns) * 0.8 + ns)));
    // Nursing admissions (probability x nursing share) are what they were, times the ramp only.
    CHECK(y1.cohorts().care_home_admission[at64] * y1.cohorts().nursing_share[at64] ==
          Approx(base.care_home_admission[at64] * ns));
    CHECK(y1.ehc_growth_factor() == Approx(1 + g));
    // 2018: full effect; mortality x0.9 in the demographic and the dementia death tables.
    CHECK(y2.cohorts().care_home_admission[at70] ==
          Approx(base.care_home_admission[at70] * 0.5 * ((1 - ns) * 0.8 + ns)));
    CHECK(y2.demography().death(2, 1, 80) == Approx(model.demography.death(2, 1, 80) * 0.9));
    CHECK(y2.demography().death(1, 1, 80) == model.demography.death(1, 1, 80));
    CHECK(y2.cohorts().death(0, 2, 1, 80) == Approx(base.death(0, 2, 1, 80) * 0.9));
    CHECK(y2.ehc_growth_factor() == Approx((1 + g) * (1 + 0.1)));
}

TEST_CASE("parameters drawn per replicate are the same in a baseline and a what-if", "[uncertainty]") {
    const std::string uncertainty = R"(uncertainty {
  dementia_prevalence: true
  rates { name: "admissions" rate: CARE_HOME_ADMISSION lower95: 0.9 upper95: 1.1 source: "test" }
})";
    const auto base = build_model(small_cohorts_with(uncertainty));
    const auto whatif = build_model(small_cohorts_with(
        uncertainty + "\ninterventions { name: \"x\" rate: DEMENTIA_INCIDENCE start_year: 2017 multiplier: 0.5 }"));
    const auto names = drawn_parameters(base);
    REQUIRE(names.size() == 12 + 1);                          // six CFAS II bands by two sexes, and one rate
    CHECK(names.front().name == "dementia_prevalence_F_65");  // female is sex 0
    CHECK(names.back().name == "admissions");
    const auto a = draw_parameter_values(base, 11, 3);
    CHECK(a == draw_parameter_values(whatif, 11, 3));
    CHECK(a != draw_parameter_values(base, 11, 4));
    CHECK(a != draw_parameter_values(base, 12, 3));
    CHECK(uncertainty_sources(base).find("CFAS II 95% confidence intervals") != std::string::npos);
}

TEST_CASE("drawn multipliers follow their log-normal intervals", "[uncertainty]") {
    const auto model = build_model(
        small_cohorts_with("uncertainty { rates { name: \"a\" rate: FALL_ADMISSION lower95: 0.8 upper95: 1.25 } }"));
    int below = 0, above = 0;
    const int n = 4000;
    for (std::uint32_t r = 0; r < n; ++r) {
        const double m = draw_parameter_values(model, 5, r)[0];
        below += m < 0.8;
        above += m > 1.25;
    }
    // 2.5% each side: 100 of 4000, binomial sd about 9.9.
    CHECK(std::abs(below - 100) < 40);
    CHECK(std::abs(above - 100) < 40);
}

TEST_CASE("dementia prevalence drawn per replicate moves the base-year count", "[uncertainty]") {
    const auto plain = run_replicates(small_cohorts_with(""), 1);
    const auto drawn = small_cohorts_with("uncertainty { dementia_prevalence: true }");
    const auto model = build_model(drawn);
    const auto values = draw_parameter_values(model, drawn.config.run.seed, 0);
    const auto replicate_model = model_for_replicate(model, values);
    // The base-year prevalence of each band is the point value times its drawn multiplier.
    const auto& in = *model.cohort_inputs;
    CHECK(replicate_model.cohorts.dementia_prevalence != model.cohorts.dementia_prevalence);
    CHECK(values.size() == 12);
    CHECK(in.dementia_prevalence.at(static_cast<int>(Sex::female), 95) == 0.35);
    const auto results = run_replicates(drawn, 1);
    REQUIRE(results.replicates[0].parameters == values);
    const auto dementia = static_cast<std::size_t>(measure_id(results, "dementia"));
    CHECK(test::sum_of(results.replicates[0].values[dementia]) != test::sum_of(plain.replicates[0].values[dementia]));
}

TEST_CASE("a length-of-stay intervention scales each drawn stay of the same people", "[interventions]") {
    // Everyone aged 85 is admitted in the base year (probability 1, no deaths at home): with common random
    // numbers the what-if admits the same people on the same days, with each drawn stay halved.
    auto model = test::closed_model([](CohortConfig& c) { c.care_homes.enabled = true; });
    std::fill(model.cohorts.care_home_admission.begin(), model.cohorts.care_home_admission.end(), 1.0);
    auto shorter = model;
    InterventionConfig half;
    half.name = "half";
    half.rate = CARE_HOME_LENGTH_OF_STAY;
    half.start_year = half.full_effect_year = model.demography.base_year;
    half.full_multiplier = 0.5;
    shorter.interventions = {half};
    auto stays_of = [](const Model& m) {
        test::People people;
        for (int i = 0; i < 4000; ++i) people.add(i % 2, 85);
        auto year = test::run_year(m, people.population);
        std::vector<int> days;
        for (const auto& s : year.counts.stays) days.push_back(s.days);
        std::sort(days.begin(), days.end());
        return days;
    };
    const auto base = stays_of(model);
    const auto halved = stays_of(shorter);
    REQUIRE(base.size() > 500);
    // Every stay that ended within the year in the baseline ends, halved, in the what-if (and more end).
    std::vector<int> expected;
    for (int d : base) expected.push_back(std::max(1, static_cast<int>(std::lround(d * 0.5))));
    std::sort(expected.begin(), expected.end());
    CHECK(halved.size() > base.size());
    CHECK(std::includes(halved.begin(), halved.end(), expected.begin(), expected.end()));
}
