// SEND, carers and care-home stays against arithmetic: in a closed synthetic population (no deaths,
// births or migration unless a test sets them) with chosen states, realised transitions equal the
// input probabilities within a few binomial standard errors (|z| < 4), and care-home stays followed to
// their end have the mean, first-year survival and median of their piecewise-exponential distribution.
// Seeds are fixed, so every run is exact and repeatable.
#include <catch2/catch.hpp>

#include <algorithm>
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

namespace {

constexpr std::uint8_t partner_bit = 4;

}  // namespace

TEST_CASE("realised SEND starts and ends equal the input probabilities with EHC growth", "[statistical][cohorts]") {
    const Model model = closed_model([](CohortConfig& c) { c.send.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& s = rates.config.send;
    const auto& ids = model.ids;
    const int interval = 2, n = 4000;
    const double growth = std::pow(1 + s.ehc_growth, interval);
    const auto support = static_cast<std::uint8_t>(SendState::sen_support),
               plan = static_cast<std::uint8_t>(SendState::ehc_plan);
    People none, supported, planned;
    Expected ehc_none, support_starts, ehc_supported, support_ends, plan_ends, adult_ld;
    for (int sex : {female, male})
        for (int age = 0; age <= 25; ++age) {
            const double pe = std::min(1.0, rates.ehc_start[rates.at(sex, age)] * growth);
            const double ps = rates.sen_support_start[rates.at(sex, age)];
            for (int k = 0; k < n; ++k) none.add(sex, age);
            ehc_none.add(pe, n);
            support_starts.add((1 - pe) * ps, n);  // the EHC decision comes first, on its own slot
            if (age >= 5 && age <= 16) {
                for (int k = 0; k < n; ++k) supported.population.send[supported.add(sex, age)] = support;
                ehc_supported.add(pe, n);
                support_ends.add(pe + (1 - pe) * (age + 1 >= 17 ? 1.0 : s.sen_support_exit), n);
            }
            if (age >= 5) {
                for (int k = 0; k < n; ++k) planned.population.send[planned.add(sex, age)] = plan;
                const double end = age + 1 >= 26 ? 1.0 : age >= 16 ? s.ehc_exit_16_25 : 0.0;
                plan_ends.add(end, n);
                adult_ld.add(age + 1 >= 19 ? end * s.adult_learning_disability_share : 0.0, n);
            }
        }
    const Year a = run_year(model, none.population, interval);
    CHECK_REALISED(a.total(ids.ehc_plan_starts), ehc_none);
    CHECK_REALISED(a.total(ids.sen_support_starts), support_starts);
    CHECK(a.total(ids.sen_support_ends) == 0);
    const Year b = run_year(model, supported.population, interval);
    CHECK_REALISED(b.total(ids.ehc_plan_starts), ehc_supported);
    CHECK_REALISED(b.total(ids.sen_support_ends), support_ends);
    CHECK(b.total(ids.sen_support_starts) == 0);
    const Year c = run_year(model, planned.population, interval);
    CHECK_REALISED(c.total(ids.ehc_plan_ends), plan_ends);
    CHECK_REALISED(c.total(ids.ehc_to_adult_ld), adult_ld);
    CHECK(c.total(ids.ehc_plan_starts) == 0);
    CHECK(c.total(ids.sen_support_starts) == 0);
}

TEST_CASE("realised caring starts and stops equal the input probabilities and hours shares", "[statistical][cohorts]") {
    const Model model = closed_model([](CohortConfig& c) { c.carers.enabled = true; });
    const auto& rates = model.cohorts;
    const auto& cfg = rates.config.carers;
    const auto& ids = model.ids;
    const int n = 3000;
    People singles, carers, couples;
    Expected starts[3], stops, partner_starts, partner_bands[3], couple_starts;
    for (int sex : {female, male})
        for (int age = 10; age <= 95; ++age) {
            const double p = age >= 16 ? rates.carer_start[rates.at(sex, age)] : 0.0;  // adults 16+ only
            const auto& shares = age >= 65 ? cfg.hours_65_plus : cfg.hours_under_65;
            for (int k = 0; k < n; ++k) singles.add(sex, age);
            for (int band = 0; band < 3; ++band) starts[band].add(p * shares[static_cast<std::size_t>(band)], n);
            if (age < 16) continue;
            for (int k = 0; k < n / 2; ++k) carers.population.carer[carers.add(sex, age)] = 2;
            stops.add(cfg.annual_stop_probability, n / 2);
        }
    // Couples 60-90: a man without dementia and a woman with it. He may become her carer; either may
    // start caring for someone else at the general rate, he only if he does not care for her.
    for (int age = 60; age <= 90; ++age) {
        const double q = cfg.partner_becomes_carer_probability;
        const double p_him = rates.carer_start[rates.at(male, age)], p_her = rates.carer_start[rates.at(female, age)];
        for (int k = 0; k < n; ++k) {
            const auto him = couples.add(male, age), her = couples.add(female, age);
            couples.population.dementia_years[her] = 2;
            couples.partner(him, her);
        }
        partner_starts.add(q, n);
        for (int band = 0; band < 3; ++band)
            partner_bands[band].add(q * cfg.hours_partner[static_cast<std::size_t>(band)], n);
        couple_starts.add(q + (1 - q) * p_him, n);
        couple_starts.add(p_her, n);
    }
    const Year a = run_year(model, singles.population);
    for (int band = 0; band < 3; ++band) {
        INFO("hours band " << band);
        CHECK_REALISED(a.total(ids.caring_starts[band]), starts[band]);
    }
    CHECK(a.total(ids.partner_caring_starts) == 0);
    const Year b = run_year(model, carers.population);
    CHECK_REALISED(b.total(ids.caring_ends[1]), stops);
    CHECK(b.total(ids.caring_ends[0]) + b.total(ids.caring_ends[2]) == 0);
    CHECK(b.total(ids.caring_starts[0]) + b.total(ids.caring_starts[1]) + b.total(ids.caring_starts[2]) == 0);
    const Year c = run_year(model, couples.population);
    CHECK_REALISED(c.total(ids.partner_caring_starts), partner_starts);
    CHECK_REALISED(c.total(ids.caring_starts[0]) + c.total(ids.caring_starts[1]) + c.total(ids.caring_starts[2]),
                   couple_starts);
    std::int64_t bands[3] = {0, 0, 0};
    for (std::size_t i = 0; i < couples.population.size(); ++i)
        if (couples.population.carer[i] & partner_bit) ++bands[(couples.population.carer[i] & 3) - 1];
    for (int band = 0; band < 3; ++band) {
        INFO("partner-carers in hours band " << band);
        CHECK_REALISED(bands[band], partner_bands[band]);
    }
}

TEST_CASE("a partner-carer who moves away leaves the partner without a carer", "[statistical][cohorts]") {
    Model model = closed_model([](CohortConfig& c) { c.carers.enabled = true; });
    const double e = 0.25;  // every man emigrates with this probability; nobody else moves or dies
    for (int age = 0; age <= model.demography.grid.max_age; ++age)
        model.demography.emigration_probability[model.demography.sex_age(male, age)] = e;
    const auto& ids = model.ids;
    const int n = 20000;
    People couples;
    for (int k = 0; k < n; ++k) {
        const auto carer = couples.add(male, 75 + k % 10), cared = couples.add(female, 75 + k % 10);
        couples.population.carer[carer] = 3 | partner_bit;
        couples.population.dementia_years[cared] = 2;
        couples.partner(carer, cared);
    }
    const Year year = run_year(model, couples.population);
    Expected losses;
    losses.add(e, n);
    const auto lost = year.total(ids.carer_losses);
    CHECK_REALISED(lost, losses);
    CHECK(year.total(ids.emigrants) == lost);
    CHECK(year.total(ids.partner_caring_ends) == lost);
    CHECK(year.total(ids.caring_ends[2]) == lost);
    CHECK(year.total(ids.partnership_ends) == 2 * lost);  // counted for each partner
    std::int64_t flagged = 0, still_caring = 0, partnered = 0;
    for (std::size_t i = 0; i < couples.population.size(); ++i) {
        flagged += (couples.population.flags[i] & lost_carer) != 0;
        still_caring += (couples.population.carer[i] & partner_bit) != 0;
        partnered += couples.population.partner[i] != no_person;
    }
    CHECK(flagged == lost);
    CHECK(still_caring == n - lost);
    CHECK(partnered == 2 * (n - lost));
}

TEST_CASE("care-home stays followed to their end have the mean and survival of their hazards",
          "[statistical][cohorts]") {
    // Everyone at home is admitted in the first year (probability 1), every stay ends in death, and the
    // run lasts 16 years, so all but a negligible share of stays (P(residential stay > 15 years) = 2e-5)
    // end within it.
    Model model = closed_model([](CohortConfig& c) { c.care_homes.enabled = true; });
    auto& h = model.cohorts.config.care_homes;
    h.discharge_share = 0.0;
    std::fill(model.cohorts.care_home_admission.begin(), model.cohorts.care_home_admission.end(), 1.0);
    model.demography.horizon_year = model.demography.base_year + 16;
    People people;
    const int n = 600;
    for (int sex : {female, male})
        for (int age = 70; age < 90; ++age)
            for (int k = 0; k < n; ++k) people.add(sex, age);
    const auto admitted = static_cast<std::int64_t>(people.population.size());
    const auto counts = simulate_replicate(model, 4, 0, people.population);
    const auto& ids = model.ids;
    const double hazards[2][2] = {{h.residential_hazard_first_year, h.residential_hazard_later},
                                  {h.nursing_hazard_first_year, h.nursing_hazard_later}};
    std::int64_t admissions = 0, deaths = 0, bed_days = 0, stay_days = 0;
    for (int t = 0; t < 2; ++t) {
        admissions += test::sum_of(counts.values[static_cast<std::size_t>(ids.admissions[t])]);
        deaths += test::sum_of(counts.values[static_cast<std::size_t>(ids.home_deaths[t])]);
        bed_days += test::sum_of(counts.values[static_cast<std::size_t>(ids.bed_days[t])]);
    }
    CHECK(admissions == admitted);
    CHECK(deaths + static_cast<std::int64_t>(people.population.size()) == admitted);
    CHECK(counts.stays.size() == static_cast<std::size_t>(deaths));
    Expected nursing;
    nursing.add(h.nursing_share, static_cast<double>(admitted));
    const auto nursing_admissions = test::sum_of(counts.values[static_cast<std::size_t>(ids.admissions[1])]);
    for (int t = 0; t < 2; ++t) {
        std::vector<double> days;
        for (const auto& s : counts.stays)
            if (s.type == t) days.push_back(s.days);
        stay_days += static_cast<std::int64_t>(std::accumulate(days.begin(), days.end(), 0.0));
        const double h1 = hazards[t][0], h2 = hazards[t][1], count = static_cast<double>(days.size());
        // Analytic: mean (1 - e^-h1)/h1 + e^-h1/h2 years; P(stay > t) = e^-h1 e^-h2 (t - 1) for t >= 1 year.
        const double mean_days = 365 * ((1 - std::exp(-h1)) / h1 + std::exp(-h1) / h2);
        const double mean = std::accumulate(days.begin(), days.end(), 0.0) / count;
        double ss = 0;
        for (double d : days) ss += (d - mean) * (d - mean);
        INFO((t ? "nursing" : "residential")
             << ": " << count << " stays, mean " << mean << " days, analytic " << mean_days);
        CHECK(std::abs(mean - mean_days) < 4 * std::sqrt(ss / (count - 1) / count));
        Expected beyond_a_year;  // lengths are rounded to whole days: more than a year is 366 days or more
        beyond_a_year.add(std::exp(-h1 - h2 * 0.5 / 365), count);
        CHECK_REALISED(std::count_if(days.begin(), days.end(), [](double d) { return d >= 366; }), beyond_a_year);
        // Median: the u = 1/2 quantile; its sampling s.e. is 1 / (2 f(median) sqrt(n)), f the density per day.
        const double cumulative = std::log(2.0);
        const double median_years = cumulative < h1 ? cumulative / h1 : 1 + (cumulative - h1) / h2;
        const double density = (cumulative < h1 ? h1 : h2) * 0.5 / 365;
        std::nth_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(days.size() / 2), days.end());
        const double median = days[days.size() / 2];
        INFO("median " << median << " days, analytic " << 365 * median_years);
        CHECK(std::abs(median - 365 * median_years) < 4 / (2 * density * std::sqrt(count)) + 1);
    }
    CHECK_REALISED(nursing_admissions, nursing);
    // Bed-days add up: every completed stay's days were counted, and the stays still running count
    // the days they have had up to the end of the run.
    std::int64_t running = 0;
    for (std::size_t i = 0; i < people.population.size(); ++i)
        running += std::min(people.population.stay_end[i], 365 * 16) - people.population.stay_start[i];
    CHECK(bed_days == stay_days + running);
}
