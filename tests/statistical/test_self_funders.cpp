// Self-funded care-home residents against arithmetic (docs/cohorts.md, "Self-funders"): an admitted
// person self-funds with the derived share of their age, a self-funder's money runs out at the input rate
// of their age group (not at all under 65 by default, so the admission share there is the residents'),
// the base year draws self-funders at the published share of residents, and that share holds as the
// stock turns over; council-funded admissions are drawn as without self-funders.
#include <catch2/catch.hpp>

#include <cmath>
#include <utility>

#include "cohort_test_support.hpp"
#include "cohorts/care_homes/care_homes.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/need/need.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {

constexpr double north_east_share = 0.264;  // ONS 2022-23, North East (the shipped County Durham value)

/// The County Durham 2016 check scenario with self-funders at the North East's share.
LoadedScenario with_self_funders(int years) {
    auto loaded = load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + years;
    auto& f = loaded.config.cohorts.care_homes.self_funders;
    f.enabled = true;
    f.share_of_residents_65_plus = north_east_share;
    return loaded;
}

constexpr int high = static_cast<int>(NeedLevel::high);

/// A stock or flow summed over cells with ages in [first, last] at time index t.
double sum_at(const RunResults& results, std::size_t r, const std::string& name, int t, int first, int last) {
    const auto& grid = results.grid;
    const auto m = static_cast<std::size_t>(measure_id(results, name));
    const auto offset = static_cast<std::size_t>(t) * grid.cell_count();
    double total = 0;
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int s = 0; s < sex_count; ++s)
            for (int age = first; age <= std::min(last, grid.max_age); ++age)
                total += results.replicates[r].values[m][offset + grid.cell(area, s, age)];
    return total;
}

double both_types(const RunResults& results, std::size_t r, const std::string& stem, int t, int first, int last) {
    return sum_at(results, r, stem + "residential", t, first, last) +
           sum_at(results, r, stem + "nursing", t, first, last);
}

/// `count` self-funded residential residents at high need aged `age`, half women, in a home since day -200.
People self_funded_residents(int age, int count) {
    People people;
    for (int k = 0; k < count; ++k) {
        const std::size_t i = people.add(k % 2 ? male : female, age);
        auto& p = people.population;
        p.need[i] = high;
        p.care_home[i] = static_cast<std::uint8_t>(CareHome::residential);
        p.stay_start[i] = -200;
        p.stay_end[i] = open_stay;
        p.flags[i] |= self_funded;
    }
    return people;
}

/// Residents still self-funded and those the council funds now, after the year.
std::pair<std::int64_t, std::int64_t> still_self_and_council(const Population& population) {
    std::int64_t still_self = 0, council = 0;
    for (std::size_t i = 0; i < population.size(); ++i) {
        if (!population.care_home[i]) continue;
        ++(population.flags[i] & self_funded ? still_self : council);
    }
    return {still_self, council};
}

}  // namespace

TEST_CASE("self-funders: the admission share from the share of residents", "[unit][self_funders]") {
    // s = r (h + m) / h with m = -ln(1 - d): r 0.264, h 0.6, d 0.2 -> 0.264 x (0.6 + 0.2231) / 0.6.
    CHECK(self_funded_admission_share(0.264, 0.6, 0.2) == Approx(0.264 * (0.6 + -std::log(0.8)) / 0.6));
    CHECK(self_funded_admission_share(0.264, 0.6, 0.0) == Approx(0.264));  // no running out: same shares
    CHECK(self_funded_admission_share(0.9, 0.1, 0.5) == 1.0);              // capped
    CHECK(self_funded_admission_share(0.0, 0.6, 0.2) == 0.0);
    // With self-funders the admission probability is the council's over the council-funded share; where
    // that reaches 1 the council's chance is the council-funded share, so admissions keep the share.
    CHECK(admission_chances(0.3, 0.25).all == Approx(0.4));
    CHECK(admission_chances(0.3, 0.25).council == 0.3);
    CHECK(admission_chances(0.3, 0.0).all == 0.3);
    CHECK(admission_chances(0.3, 0.0).council == 0.3);
    CHECK(admission_chances(0.9, 0.5).all == 1.0);
    CHECK(admission_chances(0.9, 0.5).council == 0.5);
}

TEST_CASE(
    "self-funders: an admitted person self-funds with the share of their age, and the council admits about as "
    "many of the people at home as without them (their residents come on top of the need table)",
    "[statistical][self_funders]") {
    const Model with = build_model(with_self_funders(1));
    auto without_loaded = load_baseline();
    without_loaded.config.run.horizon_year = without_loaded.config.run.base_year + 1;
    const Model without = build_model(without_loaded);
    REQUIRE(with.config().care_homes.self_funders.enabled);
    // People at home at high need, women and men at 70 and 75, no dementia (little onset in a year: an onset multiplies
    // the admission probability).
    People people;
    for (int sex : {female, male})
        for (int age : {70, 75})
            for (int k = 0; k < 20000; ++k) people.population.need[people.add(sex, age)] = high;
    Population copy = people.population;
    const Year year = run_year(with, people.population);
    const Year base = run_year(without, copy);
    std::int64_t council = 0, self = 0, council_without = 0;
    Expected self_expected;  // each admitted person self-funds with the share of their sex and age
    const auto& grid = with.demography.grid;
    for (const char* type : {"residential", "nursing"}) {
        const std::string t = type;
        const auto& c =
            year.counts.values.at(static_cast<std::size_t>(with.registry.find("care_home_admissions_" + t)));
        const auto& s =
            year.counts.values.at(static_cast<std::size_t>(with.registry.find("self_funded_admissions_" + t)));
        for (int sex : {female, male})
            for (int age : {70, 75, 71, 76}) {  // flows count at the age reached at the end of the interval
                const std::size_t cell = year.offset + grid.cell(0, sex, age);
                council += c[cell];
                self += s[cell];
                // Their council-funded probability (no dementia, falls or lost carer) and the share of
                // admissions beyond it, where the probability with self-funders is capped at 1.
                const auto& r = with.cohorts;
                const std::size_t at = r.at(sex, age - (age % 5));
                const double a = std::min(r.care_home_admission[at] * r.need_admission_factor[at], 1.0);
                const auto chances = admission_chances(a, r.self_funded_admission_share[at]);
                REQUIRE(r.self_funded_admission_share[at] > 0.2);
                self_expected.add((chances.all - chances.council) / chances.all,
                                  static_cast<double>(c[cell] + s[cell]));
                // Self-funders' residents come on top of the need table's people at home
                // (need_with_residents), so they leave the council's pool at home as it was and its
                // probability per person at home within a few percent of that without them (measured
                // 0.7-1.1% lower: more residents, fewer people at home).
                CHECK(r.need_admission_factor[at] == Approx(without.cohorts.need_admission_factor[at]).epsilon(0.05));
            }
        council_without += base.total(without.registry.find("care_home_admissions_" + t));
    }
    CHECK_REALISED(self, self_expected);
    // The same decision words, about the same council probability: about as many council admissions.
    CHECK(std::abs(static_cast<double>(council - council_without)) < 0.05 * static_cast<double>(council_without));
}

TEST_CASE("self-funders: a self-funder who stays the year runs out of money with the input probability",
          "[statistical][self_funders]") {
    const Model model = build_model(with_self_funders(1));
    const double run_out = model.config().care_homes.self_funders.funds_run_out(85);
    REQUIRE(run_out == Approx(0.2));
    People people = self_funded_residents(85, 40000);
    const Year year = run_year(model, people.population);
    const auto [still_self, council] = still_self_and_council(people.population);
    Expected expected;
    expected.add(run_out, static_cast<double>(still_self + council));
    CHECK_REALISED(council, expected);
    CHECK(year.total(model.registry.find("funds_run_out_residential")) == council);
    // Deaths and discharges of self-funders are theirs, not the council's.
    CHECK(year.total(model.registry.find("care_home_deaths_residential")) == 0);
    CHECK(year.total(model.registry.find("self_funded_deaths_residential")) > 0);
}

TEST_CASE(
    "self-funders: the base year draws the published share of residents, and the share holds as the stock "
    "turns over",
    "[statistical][self_funders]") {
    const auto loaded = with_self_funders(10);
    const Model model = build_model(loaded);
    const RunResults results = simulate(model, {loaded.config.run.seed, 0, 2, nullptr});
    for (std::size_t r = 0; r < 2; ++r) {
        // Base year: each resident self-funds with the share of their age (a binomial draw).
        const double self = both_types(results, r, "self_funded_residents_", 0, 65, 200);
        const double all = self + both_types(results, r, "care_home_residents_", 0, 65, 200);
        Expected expected;
        expected.add(north_east_share, all);
        INFO("replicate " << r << ": self-funders 65+ in the base year " << self << " of " << all);
        CHECK_REALISED(self, expected);
        const double young_self = both_types(results, r, "self_funded_residents_", 0, 18, 64);
        const double young = young_self + both_types(results, r, "care_home_residents_", 0, 18, 64);
        Expected young_expected;
        young_expected.add(model.config().care_homes.self_funders.share_of_residents_18_64, young);
        CHECK_REALISED(young_self, young_expected);
        // Years 5-10: the steady-state derivation keeps the share within 5 percentage points (it takes one
        // leave hazard per age, and the population ages while in a home; measured 0.283-0.304 for the input
        // 0.264; docs/validation.md 6c).
        for (int t = 5; t <= 10; ++t) {
            const double s = both_types(results, r, "self_funded_residents_", t, 65, 200);
            const double share = s / (s + both_types(results, r, "care_home_residents_", t, 65, 200));
            INFO("year " << loaded.config.run.base_year + t << ": self-funded share of residents 65+ " << share);
            CHECK(std::abs(share - north_east_share) < 0.05);
        }
    }
}

TEST_CASE(
    "self-funders under 65: the admission share is the share of residents, and money does not run out by "
    "default",
    "[statistical][self_funders]") {
    const Model model = build_model(with_self_funders(1));
    const auto& f = model.config().care_homes.self_funders;
    REQUIRE(f.funds_run_out(64) == 0.0);  // the schema's default for 18-64
    REQUIRE(f.funds_run_out(65) == Approx(0.2));
    // s = r (h + 0) / h = r at every age 18-64; above 65, s > r (money runs out there).
    const auto& r = model.cohorts;
    for (int sex : {female, male}) {
        for (int age = 18; age <= 64; ++age) CHECK(r.self_funded_admission_share[r.at(sex, age)] == Approx(0.02));
        CHECK(r.self_funded_admission_share[r.at(sex, 65)] > f.share_of_residents_65_plus);
    }

    SECTION("admissions at 40 and 55: 2% self-funded") {
        People people;
        for (int sex : {female, male})
            for (int age : {40, 55})
                for (int k = 0; k < 50000; ++k) people.population.need[people.add(sex, age)] = high;
        const Year year = run_year(model, people.population);
        std::int64_t council = 0, self = 0;
        for (const char* type : {"residential", "nursing"}) {
            council += year.total(model.registry.find(std::string("care_home_admissions_") + type));
            self += year.total(model.registry.find(std::string("self_funded_admissions_") + type));
        }
        Expected expected;  // each admission is self-funded with probability s = 0.02
        expected.add(0.02, static_cast<double>(council + self));
        CHECK_REALISED(self, expected);
    }

    SECTION("a self-funder of 40 who stays keeps their money by default") {
        People people = self_funded_residents(40, 20000);
        const Year year = run_year(model, people.population);
        const auto [still_self, council] = still_self_and_council(people.population);
        REQUIRE(still_self > 10000);  // most stay the year
        CHECK(council == 0);
        CHECK(year.total(model.registry.find("funds_run_out_residential")) == 0);
    }

    SECTION("with funds_run_out_probability_18_64, money runs out at that probability") {
        auto loaded = with_self_funders(1);
        loaded.config.cohorts.care_homes.self_funders.funds_run_out_18_64 = 0.1;
        const Model young = build_model(loaded);
        CHECK(young.cohorts.self_funded_admission_share[young.cohorts.at(female, 40)] > 0.02);
        People people = self_funded_residents(40, 20000);
        const Year year = run_year(young, people.population);
        const auto [still_self, council] = still_self_and_council(people.population);
        Expected expected;
        expected.add(0.1, static_cast<double>(still_self + council));
        CHECK_REALISED(council, expected);
        CHECK(year.total(young.registry.find("funds_run_out_residential")) == council);
    }
}
