// The cohort modules against arithmetic: in a closed synthetic population (nobody dies, moves, is born
// or arrives, so everyone is at risk all year) with chosen states, the realised counts of onsets,
// diagnoses, falls, care-home admissions, reablement and home care equal the sum of the input
// probabilities the model was given, within a few binomial standard errors. Seeds are fixed, so a run
// is exact and repeatable; the tolerance says how surprising a failure would be (|z| < 4: about 6 in
// 100,000 if the model is right).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <numeric>

#include "cohort_test_support.hpp"
#include "core/person_key.hpp"
#include "sim/simulation.hpp"
#include "sim/year_step.hpp"
#include "test_support.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {}  // namespace

TEST_CASE("realised dementia onsets and diagnoses equal the input incidence and diagnosis probability",
          "[statistical][cohorts]") {
    const Model model = closed_model([](CohortConfig& c) { c.dementia.enabled = true; });
    const auto& rates = model.cohorts;
    const double diagnosis = rates.config.dementia.annual_diagnosis_probability;
    People people;
    Expected onsets, diagnoses, onsets_65_79, onsets_80_plus;
    const int n = 4000;
    for (int sex : {female, male})
        for (int age = 40; age <= 105; ++age) {
            const double p = rates.dementia_incidence[rates.at(sex, age)];
            for (int k = 0; k < n; ++k) people.add(sex, age);
            for (int k = 0; k < n / 4; ++k) people.population.dementia_years[people.add(sex, age)] = 2;  // undiagnosed
            for (int k = 0; k < n / 8; ++k) {
                const auto i = people.add(sex, age);
                people.population.dementia_years[i] = 3;
                people.population.flags[i] = dementia_diagnosed;
            }
            onsets.add(p, n);
            (age < 80 ? onsets_65_79 : onsets_80_plus).add(age >= 65 ? p : 0.0, age >= 65 ? n : 0);
            diagnoses.add(diagnosis, n / 4);
        }
    const Year year = run_year(model, people.population);
    const auto& ids = model.ids;
    CHECK_REALISED(year.total(ids.dementia_onsets), onsets);
    CHECK_REALISED(year.total(ids.dementia_diagnoses), diagnoses);
    // By age: onsets are counted at the age reached at the end of the interval.
    const auto& grid = model.demography.grid;
    std::int64_t observed_65_79 = 0, observed_80_plus = 0;
    for (int sex : {female, male})
        for (int age = 66; age <= 106; ++age)
            (age <= 80 ? observed_65_79 : observed_80_plus) +=
                year.counts.values[static_cast<std::size_t>(ids.dementia_onsets)][grid.cell(0, sex, age)];
    CHECK_REALISED(observed_65_79, onsets_65_79);
    CHECK_REALISED(observed_80_plus, onsets_80_plus);
    // People: new cases are in their first year and undiagnosed; prevalent cases moved on a year.
    std::int64_t new_cases = 0, newly_diagnosed_new_cases = 0;
    for (std::size_t i = 0; i < people.population.size(); ++i) {
        new_cases += people.population.dementia_years[i] == 1;
        newly_diagnosed_new_cases += people.population.dementia_years[i] == 1 && people.population.flags[i] != 0;
    }
    CHECK(new_cases == year.total(ids.dementia_onsets));
    CHECK(newly_diagnosed_new_cases == 0);
}

TEST_CASE("realised care-home admissions equal the input probability times each relative risk",
          "[statistical][cohorts]") {
    Model model = closed_model([](CohortConfig& c) { c.care_homes.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& h = rates.config.care_homes;
    // Each group: its setup and its relative risk. Couples are a person with dementia (the group) and
    // their partner-carer, who is counted as a person with no risk factor.
    struct Group {
        const char* name;
        std::function<void(People&, int, int)> add;
        double rr;
    };
    const std::vector<Group> groups = {
        {"no risk factor", [](People& p, int sex, int age) { p.add(sex, age); }, 1.0},
        {"dementia without a carer",
         [](People& p, int sex, int age) { p.population.dementia_years[p.add(sex, age)] = 2; },
         h.rr_dementia * h.rr_no_carer},
        {"lost their carer last year",
         [](People& p, int sex, int age) { p.population.flags[p.add(sex, age)] = lost_carer; }, h.rr_lost_carer},
        {"dementia and lost carer",
         [](People& p, int sex, int age) {
             const auto i = p.add(sex, age);
             p.population.dementia_years[i] = 2;
             p.population.flags[i] = lost_carer;
         },
         h.rr_dementia * h.rr_no_carer * h.rr_lost_carer},
    };
    const int n = 3000;
    for (const auto& group : groups) {
        People people;
        Expected admissions;
        for (int sex : {female, male})
            for (int age = 60; age <= 100; ++age) {
                for (int k = 0; k < n; ++k) group.add(people, sex, age);
                admissions.add(std::min(1.0, rates.care_home_admission[rates.at(sex, age)] * group.rr), n);
            }
        const Year year = run_year(model, people.population);
        INFO(group.name);
        CHECK_REALISED(year.total(model.ids.admissions[0]) + year.total(model.ids.admissions[1]), admissions);
    }
}

TEST_CASE("a partner-carer removes the no-carer relative risk of admission", "[statistical][cohorts]") {
    const Model model = closed_model([](CohortConfig& c) { c.care_homes.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& h = rates.config.care_homes;
    const int n = 3000;
    {
        People people;
        Expected admissions;
        for (int age = 60; age <= 100; ++age)
            for (int k = 0; k < n; ++k) {
                const auto cared = people.add(female, age), carer = people.add(male, age);
                people.population.dementia_years[cared] = 2;
                people.population.partner[cared] = static_cast<std::uint32_t>(carer);
                people.population.partner[carer] = static_cast<std::uint32_t>(cared);
                people.population.carer[carer] = 1 | 4;
                admissions.add(std::min(1.0, rates.care_home_admission[rates.at(female, age)] * h.rr_dementia));
                admissions.add(rates.care_home_admission[rates.at(male, age)]);
            }
        const Year year = run_year(model, people.population);
        CHECK_REALISED(year.total(model.ids.admissions[0]) + year.total(model.ids.admissions[1]), admissions);
    }
}

TEST_CASE("nobody under 18 is admitted to a care home and the nursing share is the input share",
          "[statistical][cohorts]") {
    Model model = closed_model([](CohortConfig& c) { c.care_homes.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& h = rates.config.care_homes;
    const int n = 3000;
    {
        auto& table = model.cohorts.care_home_admission;
        for (int sex : {female, male})
            for (int age = 15; age <= 20; ++age) table[rates.at(sex, age)] = 0.4;
        People people;
        Expected adults, nursing;
        for (int sex : {female, male})
            for (int age = 15; age <= 20; ++age)
                for (int k = 0; k < n; ++k) people.add(sex, age);
        adults.add(0.4, 2.0 * 3 * n);  // ages 18, 19, 20
        const Year year = run_year(model, people.population);
        const auto& grid = model.demography.grid;
        std::int64_t children = 0;
        for (int t = 0; t < 2; ++t)
            for (int sex : {female, male})
                for (int age = 16; age <= 18; ++age)  // ages reached by those 15-17 at the start
                    children +=
                        year.counts.values[static_cast<std::size_t>(model.ids.admissions[t])][grid.cell(0, sex, age)];
        CHECK(children == 0);
        const auto residential = year.total(model.ids.admissions[0]), nurs = year.total(model.ids.admissions[1]);
        CHECK_REALISED(residential + nurs, adults);
        nursing.add(h.nursing_share, static_cast<double>(residential + nurs));
        CHECK_REALISED(nurs, nursing);
    }
}

TEST_CASE("realised falls equal the input probability and raise admissions by their relative risk",
          "[statistical][cohorts]") {
    Model model = closed_model([](CohortConfig& c) { c.falls.enabled = c.care_homes.enabled = true; });
    model.cohorts.config.care_homes.discharge_share = 1.0;  // stays end in discharge: everyone is still there
    const auto& rates = model.cohorts;
    const double rr = rates.config.care_homes.rr_fall;
    People people;
    Expected falls, admissions;
    const int n = 3000;
    for (int sex : {female, male})
        for (int age = 55; age <= 100; ++age) {
            for (int k = 0; k < n; ++k) people.add(sex, age);
            const double f = age >= 65 ? rates.fall_admission[rates.at(sex, age)] : 0.0;  // falls counted 65+ only
            const double a = rates.care_home_admission[rates.at(sex, age)];
            falls.add(f, n);
            admissions.add((1 - f) * a + f * std::min(1.0, a * rr), n);  // a fall this year raises this year's risk
        }
    const Year year = run_year(model, people.population);
    CHECK_REALISED(year.total(model.ids.fall_admissions), falls);
    CHECK_REALISED(year.total(model.ids.admissions[0]) + year.total(model.ids.admissions[1]), admissions);
    std::int64_t fell_flags = 0;
    for (auto f : people.population.flags) fell_flags += (f & fell) != 0;
    CHECK(fell_flags == year.total(model.ids.fall_admissions));
}

TEST_CASE("realised reablement and home care equal the input probabilities and outcome shares",
          "[statistical][cohorts]") {
    const Model model = closed_model([](CohortConfig& c) { c.home_care.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& h = rates.config.home_care;
    const auto& ids = model.ids;
    People people;
    Expected episodes, no_ongoing, reduced, ongoing, starts, ends;
    const int n = 3000;
    for (int sex : {female, male})
        for (int age = 60; age <= 100; ++age) {
            const double r = age >= 65 ? rates.reablement[rates.at(sex, age)] : 0.0;  // 65+ only
            const double s = age >= 65 ? rates.home_care_start[rates.at(sex, age)] : 0.0;
            for (int k = 0; k < n; ++k) people.add(sex, age);
            for (int k = 0; k < n / 2; ++k) people.population.flags[people.add(sex, age)] = home_care;
            episodes.add(r, n);
            no_ongoing.add(r * h.no_ongoing_care_share, n);
            reduced.add(r * h.reduced_care_share, n);
            ongoing.add(r * (1 - h.no_ongoing_care_share - h.reduced_care_share), n);
            starts.add(r * (1 - h.no_ongoing_care_share) + s, n);  // reduced or full care after reablement, or direct
            ends.add(age >= 65 ? h.home_care_stop_probability : 0.0, n / 2);
        }
    const Year year = run_year(model, people.population);
    CHECK_REALISED(year.total(ids.reablement_episodes), episodes);
    CHECK_REALISED(year.total(ids.reablement_no_ongoing), no_ongoing);
    CHECK_REALISED(year.total(ids.reablement_reduced), reduced);
    CHECK_REALISED(year.total(ids.reablement_ongoing), ongoing);
    CHECK_REALISED(year.total(ids.home_care_starts), starts);
    CHECK_REALISED(year.total(ids.home_care_ends), ends);
    // Everyone stays at home all year, so every episode counts as at home 91 days later.
    CHECK(year.total(ids.reablement_at_home_91) == year.total(ids.reablement_episodes));
    // Episode lengths are uniform on 1..max days: mean (max + 1) / 2, variance (max^2 - 1) / 12.
    const double m = h.reablement_max_days, count = static_cast<double>(year.total(ids.reablement_episodes));
    const double mean_days = static_cast<double>(year.total(ids.reablement_days)) / count;
    INFO("mean reablement days " << mean_days);
    CHECK(std::abs(mean_days - (m + 1) / 2) < 4 * std::sqrt((m * m - 1) / 12 / count));
}
