// People moving in get cohort states (issue 13 item 5), and caring follows its trend (item 6), against
// arithmetic: in a closed model (no deaths, births or emigration) the realised prevalence of each state
// among the arrivals of a year, by age band and sex, equals the sum of the input prevalences of their
// ages (binomial: each arrival's state is an independent draw); and in a closed population the
// realised share caring after k years equals the trend's prevalence of that year, by age band and sex
// (each person's state after k years is a Bernoulli draw with the marginal probability the starts and
// stops give, so the count is again binomial). Seeds are fixed; |z| < 4 (about 6 in 100,000 if right).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "cohort_test_support.hpp"
#include "cohorts/cohort_inputs.hpp"
#include "cohorts/send/send.hpp"
#include "sim/year_rates.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {

/// Age bands of the checks: [first, last].
struct Band {
    int first, last;
};

std::string band_name(int sex, Band b) {
    return std::string(sex == female ? "F " : "M ") + std::to_string(b.first) + "-" + std::to_string(b.last);
}

/// A closed model whose only newcomers are `per_cell` immigrants in every cell of ages 0..100.
Model arrivals_model(double per_cell) {
    Model model = closed_model([](CohortConfig& c) {
        c.dementia.enabled = c.couples.enabled = c.carers.enabled = c.send.enabled = true;
        c.care_homes.enabled = c.home_care.enabled = true;
    });
    auto& d = model.demography;
    for (std::size_t area = 0; area < d.grid.areas.size(); ++area)
        for (int sex : {female, male})
            for (int age = 0; age <= std::min(100, d.grid.max_age); ++age)
                d.expected_immigrants[d.grid.cell(area, sex, age)] = per_cell;
    return model;
}

}  // namespace

TEST_CASE(
    "people moving in have dementia, care, SEND, partners and home care with the prevalence of their age "
    "and sex, and nobody arrives in a care home",
    "[statistical][cohorts][arrivals]") {
    const Model model = arrivals_model(3000.0);
    const auto& rates = model.cohorts;
    Population population;  // nobody yet: after the year, everyone is an arrival
    const Year year = run_year(model, population);
    const int arrival_year = model.demography.base_year + 1;
    const auto& grid = model.demography.grid;
    REQUIRE(population.size() == static_cast<std::size_t>(year.total(model.ids.immigrants)));
    REQUIRE(population.size() >= 3000u * 2 * 91 * grid.areas.size());

    const auto carer_prevalence = carer_prevalence_in(rates, arrival_year);
    const double growth[] = {ehc_growth_factor(model, 0)};  // the EHC profile after interval 0
    const auto ehc_prevalence = ehc_prevalence_in(rates, growth);
    const auto& h = rates.config.home_care;
    auto in_band = [](int age, Band b) { return age >= b.first && age <= b.last; };
    for (int sex : {female, male}) {
        for (Band b : {Band{30, 64}, Band{65, 74}, Band{75, 84}, Band{85, 100}}) {
            Expected dementia;
            std::int64_t realised = 0;
            for (std::size_t i = 0; i < population.size(); ++i) {
                if (population.sex[i] != sex || !in_band(population.age[i], b)) continue;
                dementia.add(rates.dementia_prevalence[rates.at(sex, population.age[i])]);
                realised += population.dementia_years[i] > 0;
            }
            INFO("dementia " << band_name(sex, b));
            CHECK_REALISED(realised, dementia);
        }
        for (Band b : {Band{16, 24}, Band{25, 49}, Band{50, 64}, Band{65, 84}, Band{85, 100}}) {
            // Carers other than partner-carers, among people whose partner has no dementia (a partner
            // with dementia may first make them a partner-carer).
            Expected carers, partnered;
            std::int64_t realised_carers = 0, realised_partnered = 0;
            for (std::size_t i = 0; i < population.size(); ++i) {
                if (population.sex[i] != sex || !in_band(population.age[i], b)) continue;
                const int age = population.age[i];
                if (age >= 18) partnered.add(rates.partnered_share[rates.at(sex, age)]);
                realised_partnered += population.partner[i] != no_person;
                const std::uint32_t partner = population.partner[i];
                if (partner != no_person && population.dementia_years[partner] > 0) continue;
                carers.add(carer_prevalence[rates.at(sex, age)]);
                realised_carers += population.carer[i] != 0;
            }
            INFO("carers " << band_name(sex, b));
            CHECK_REALISED(realised_carers, carers);
            // Partners: women partner the men drawn partnered nearest `mean_age_gap` years older; with
            // 3,000 arrivals a cell men are short of nowhere, so every woman drawn partnered is matched.
            if (sex == female) {
                INFO("partnered " << band_name(sex, b));
                CHECK_REALISED(realised_partnered, partnered);
            }
        }
        for (Band b : {Band{0, 4}, Band{5, 10}, Band{11, 15}, Band{16, 25}}) {
            Expected ehc, support;
            std::int64_t realised_ehc = 0, realised_support = 0;
            for (std::size_t i = 0; i < population.size(); ++i) {
                if (population.sex[i] != sex || !in_band(population.age[i], b)) continue;
                const auto at = rates.at(sex, population.age[i]);
                ehc.add(ehc_prevalence[at]);
                support.add(rates.sen_support_prevalence[at]);
                realised_ehc += population.send[i] == static_cast<std::uint8_t>(SendState::ehc_plan);
                realised_support += population.send[i] == static_cast<std::uint8_t>(SendState::sen_support);
            }
            INFO("SEND " << band_name(sex, b));
            CHECK_REALISED(realised_ehc, ehc);
            if (support.mean > 0) CHECK_REALISED(realised_support, support);
        }
        for (Band b : {Band{65, 79}, Band{80, 100}}) {
            // Home care: the steady state of starts against stops and admissions (no deaths here).
            Expected home;
            std::int64_t realised = 0;
            for (std::size_t i = 0; i < population.size(); ++i) {
                if (population.sex[i] != sex || !in_band(population.age[i], b)) continue;
                const auto at = rates.at(sex, population.age[i]);
                const double starts =
                    rates.home_care_start[at] + rates.reablement[at] * (1.0 - h.no_ongoing_care_share);
                const double leaves = h.home_care_stop_probability + rates.care_home_admission[at];
                home.add(starts / (starts + leaves));
                realised += (population.flags[i] & home_care) != 0;
            }
            INFO("home care " << band_name(sex, b));
            CHECK_REALISED(realised, home);
        }
    }
    std::size_t residents = 0, bad_links = 0;
    for (std::size_t i = 0; i < population.size(); ++i) {
        residents += population.care_home[i] != 0;
        const std::uint32_t partner = population.partner[i];
        if (partner == no_person) continue;
        // Links are mutual, between a woman and a man of the same area, at most 10 years from the gap.
        const bool ok = partner < population.size() && population.partner[partner] == i &&
                        population.sex[partner] != population.sex[i] && population.area[partner] == population.area[i];
        bad_links += !ok;
    }
    CHECK(residents == 0);
    CHECK(bad_links == 0);
    // Every state arrivals bring is counted as an arrival flow into its stock (stock = previous + inflows
    // - outflows): the flows equal the states held.
    const auto& ids = model.ids;
    std::int64_t dementia = 0, diagnosed = 0, partnered = 0, caring[3] = {0, 0, 0}, support = 0, plans = 0, home = 0;
    for (std::size_t i = 0; i < population.size(); ++i) {
        dementia += population.dementia_years[i] > 0;
        diagnosed += (population.flags[i] & dementia_diagnosed) != 0;
        partnered += population.partner[i] != no_person;
        if (population.carer[i]) ++caring[(population.carer[i] & 3) - 1];
        support += population.send[i] == static_cast<std::uint8_t>(SendState::sen_support);
        plans += population.send[i] == static_cast<std::uint8_t>(SendState::ehc_plan);
        home += (population.flags[i] & home_care) != 0;
    }
    CHECK(year.total(ids.dementia_arrivals) == dementia);
    CHECK(year.total(ids.dementia_diagnosed_arrivals) == diagnosed);
    CHECK(year.total(ids.partnered_arrivals) == partnered);
    for (int b = 0; b < 3; ++b) CHECK(year.total(ids.caring_arrivals[b]) == caring[b]);
    CHECK(year.total(ids.sen_support_arrivals) == support);
    CHECK(year.total(ids.ehc_plan_arrivals) == plans);
    CHECK(year.total(ids.home_care_arrivals) == home);
    CHECK(dementia > 0);
    CHECK(plans > 0);
}

TEST_CASE("arrivals' states do not depend on the number of threads", "[statistical][cohorts][arrivals]") {
    const Model model = arrivals_model(50.0);
    auto run = [&](int threads) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        Population population;
        run_year(model, population, 0, 99);
        return population;
    };
    const Population one = run(1), two = run(2);
    REQUIRE(one.size() == two.size());
    CHECK(one.key == two.key);
    CHECK(one.dementia_years == two.dementia_years);
    CHECK(one.carer == two.carer);
    CHECK(one.partner == two.partner);
    CHECK(one.send == two.send);
    CHECK(one.flags == two.flags);
}

TEST_CASE("the share caring follows the carer trend by age band and sex", "[statistical][cohorts][carers]") {
    // The shipped trend, continued to 2040 so that every simulated year changes.
    Model model = closed_model([](CohortConfig& c) {
        c.couples.enabled = c.carers.enabled = true;
        c.carers.trend_csv = source_path("scenarios/data/assumptions/carer_trend.csv");
        c.carers.trend_reference_year = 2011;
        c.carers.trend_end_year = 2040;
    });
    CohortInputs inputs = load_baseline().cohort_inputs;
    Diagnostics diagnostics;
    inputs.carer_trend = read_age_table(model.cohorts.config.carers.trend_csv, model.demography.grid.max_age,
                                        carer_trend_spec(), diagnostics);
    REQUIRE(diagnostics.empty());
    model.cohorts = build_cohort_rates(inputs, model.cohorts.config, model.demography);
    const auto& rates = model.cohorts;
    REQUIRE_FALSE(rates.carer_trend.empty());
    const int base_year = model.demography.base_year, years = 6;
    // 3,000 people of each sex and age 16.. at the base year (young enough not to reach the open age),
    // with the base year's carers.
    const int oldest = model.demography.grid.max_age - years - 1;
    People people;
    for (int sex : {female, male})
        for (int age = 16; age <= oldest; ++age)
            for (int k = 0; k < 3000; ++k) people.add(sex, age);
    initialise_cohort_states(model, 4242, 0, people.population);
    for (int interval = 0; interval < years; ++interval) run_year(model, people.population, interval, 4242);
    auto& population = people.population;
    const int year = base_year + years;
    const auto target = carer_prevalence_in(rates, year);
    const auto flat = carer_prevalence_in(rates, 2011);  // what a frozen 2011 profile would give
    for (int sex : {female, male})
        for (Band b :
             {Band{25, 34}, Band{35, 49}, Band{50, 64}, Band{65, 74}, Band{75, 84}, Band{85, oldest + years}}) {
            Expected expected;
            double frozen = 0;
            std::int64_t realised = 0;
            for (std::size_t i = 0; i < population.size(); ++i) {
                const int age = population.age[i];
                if (population.sex[i] != sex || age < b.first || age > b.last) continue;
                expected.add(target[rates.at(sex, age)]);
                frozen += flat[rates.at(sex, age)];
                realised += population.carer[i] != 0;
            }
            INFO(band_name(sex, b) << " in " << year << ": frozen 2011 profile would give " << frozen);
            CHECK_REALISED(realised, expected);
            // The trend moves the band away from the frozen profile by more than the noise: the
            // test sees the trend, not only the profile.
            if (b.last < 85) CHECK(std::abs(frozen - expected.mean) > 4 * std::sqrt(expected.variance));
        }
}
