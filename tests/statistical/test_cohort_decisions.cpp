// A person's yes/no decisions are Boost Bernoulli draws on single 32-bit words (slots) of one Philox
// block per (module, person, year): the slots behave as independent uniform words, and in a real year
// of the County Durham model every person's death or emigration, dementia onset and diagnosis, fall,
// care-home admission and EHC plan start is exactly the decision their slot gives for their input
// probability (times the relative risks of their state, for admissions).
#include <catch2/catch.hpp>

#include <cmath>
#include <unordered_map>

#include "cohorts/dementia/dementia.hpp"
#include "demography/base_population.hpp"
#include "sim/simulation.hpp"
#include "sim/year_step.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("the eight slots of a decision block are independent fair words", "[statistical][decisions]") {
    const StreamKey key{20160630, 1, RandomModule::demography};
    const int n = 100'000;
    const double p = 0.5;
    std::int64_t ones[8] = {}, both[8][8] = {};
    double sum[8] = {}, products[8][8] = {};
    for (int person = 0; person < n; ++person) {
        DrawBlock block(key, static_cast<std::uint64_t>(person) * 7919 + 11, 2017);
        bool yes[8];
        double u[8];
        for (int s = 0; s < 8; ++s) {
            yes[s] = DrawBlock::bernoulli_from_word(block.word(s), p);
            u[s] = DrawBlock::uniform_from_word(block.word(s)) - 0.5;
            ones[s] += yes[s];
            sum[s] += u[s];
        }
        for (int a = 0; a < 8; ++a)
            for (int b = 0; b < a; ++b) {
                both[a][b] += yes[a] && yes[b];
                products[a][b] += u[a] * u[b];
            }
    }
    // 8 marginal and 28 joint frequencies, 28 correlations: |z| < 4.5 for all (P(any) < 5e-4 if fair).
    for (int a = 0; a < 8; ++a) {
        INFO("slot " << a << ": " << ones[a] << " of " << n << " true at p = 0.5");
        CHECK(std::abs(ones[a] - n * p) < 4.5 * std::sqrt(n * p * (1 - p)));
        CHECK(std::abs(sum[a] / n) < 4.5 * std::sqrt(1.0 / 12 / n));
        for (int b = 0; b < a; ++b) {
            const double q = p * p;
            INFO("slots " << a << " and " << b << ": both true " << both[a][b] << ", expected " << n * q);
            CHECK(std::abs(both[a][b] - n * q) < 4.5 * std::sqrt(n * q * (1 - q)));
            // Correlation of the uniforms: s.e. 1/sqrt(n) under independence.
            CHECK(std::abs(products[a][b] / n * 12) < 4.5 / std::sqrt(n));
        }
    }
}

TEST_CASE("blocks of different modules and years of the same person are independent", "[statistical][decisions]") {
    const int n = 100'000;
    double demography_social = 0, year_to_year = 0;
    for (int person = 0; person < n; ++person) {
        const auto k = static_cast<std::uint64_t>(person);
        DrawBlock own({5, 0, RandomModule::demography}, k, 2020), social({5, 0, RandomModule::social}, k, 2020),
            next({5, 0, RandomModule::demography}, k, 2021);
        demography_social +=
            (DrawBlock::uniform_from_word(own.word(0)) - 0.5) * (DrawBlock::uniform_from_word(social.word(0)) - 0.5);
        year_to_year +=
            (DrawBlock::uniform_from_word(own.word(2)) - 0.5) * (DrawBlock::uniform_from_word(next.word(2)) - 0.5);
    }
    CHECK(std::abs(demography_social / n * 12) < 4.5 / std::sqrt(n));
    CHECK(std::abs(year_to_year / n * 12) < 4.5 / std::sqrt(n));
}

TEST_CASE("every person's decisions in a model year are the Bernoulli draws of their own slots",
          "[statistical][decisions]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + 1;
    // The predictions below are the rules without the need module (admission among everyone, stays of a
    // drawn length); with need, admissions and deaths are tested in test_need.cpp.
    loaded.config.cohorts.need.enabled = false;
    const Model model = build_model(loaded);
    const std::uint64_t seed = 99;
    Population population = make_population(model.demography.grid, model.demography.base_counts);
    initialise_cohort_states(model, seed, 0, population);
    const Population start = population;
    ReplicateCounts counts;
    const auto cells = model.demography.grid.cell_count();
    for (const auto& info : model.registry.measures())
        counts.values.emplace_back((info.kind == MeasureKind::stock ? 2 : 1) * cells, 0);
    YearWorkspace workspace;
    advance_one_year(model, seed, 0, 0, population, workspace, counts, nullptr);
    std::unordered_map<std::uint64_t, std::size_t> after;
    for (std::size_t i = 0; i < population.size(); ++i) after[population.key[i]] = i;

    const auto& rates = model.cohorts;
    const int year = model.demography.base_year;
    std::int64_t checked[5] = {}, events[5] = {}, wrong[5] = {};
    std::int64_t admitted = 0, admitted_unpredicted = 0, predicted_not_resident = 0;
    const auto discharges = test::sum_of(counts.values[static_cast<std::size_t>(model.ids.discharges[0])]) +
                            test::sum_of(counts.values[static_cast<std::size_t>(model.ids.discharges[1])]);
    auto tally = [&](int kind, bool realised, bool predicted) {
        ++checked[kind];
        events[kind] += realised;
        wrong[kind] += realised != predicted;
    };
    for (std::size_t i = 0; i < start.size(); ++i) {
        const int sex = start.sex[i], age = start.age[i];
        const auto at = rates.at(sex, age);
        DrawBlock own({seed, 0, RandomModule::demography}, start.key[i], year);
        DrawBlock social({seed, 0, RandomModule::social}, start.key[i], year);
        const auto found = after.find(start.key[i]);
        const bool stayed = found != after.end();
        if (start.care_home[i] == 0 && age < 18) {  // no care-home deaths: leaving is the one uniform alone
            const double q = rates.death(dementia_mortality_state(start.dementia_years[i]), 0, sex, age);
            const double e = model.demography.emigration(sex, std::min(age + 1, model.demography.grid.max_age));
            tally(0, !stayed, own.uniform(slot::death_or_emigration) < q + (1 - q) * e);
        }
        if (!stayed) continue;
        const std::size_t j = found->second;
        if (start.dementia_years[i] == 0)
            tally(1, population.dementia_years[j] == 1,
                  own.bernoulli(slot::onset_or_diagnosis, rates.dementia_incidence[at]));
        else if (!(start.flags[i] & dementia_diagnosed))
            tally(2, (population.flags[j] & dementia_diagnosed) != 0,
                  own.bernoulli(slot::onset_or_diagnosis, rates.config.dementia.annual_diagnosis_probability));
        if (start.care_home[i] == 0 && age >= 65)
            tally(3, (population.flags[j] & fell) != 0, own.bernoulli(slot::fall, rates.fall_admission[at]));
        if (start.care_home[i] == 0 && age >= 18) {
            // Admission: base probability times the relative risks of the state at the time (dementia and a
            // fall may begin earlier in the same year; the carer is the partner's at the start).
            const auto& h = rates.config.care_homes;
            double p = rates.care_home_admission[at];
            if (population.dementia_years[j] > 0) {
                const auto partner = start.partner[i];
                p *= h.rr_dementia * (partner != no_person && (start.carer[partner] & 4) ? 1.0 : h.rr_no_carer);
            }
            if (start.flags[i] & lost_carer) p *= h.rr_lost_carer;
            if (population.flags[j] & fell) p *= h.rr_fall;
            const bool predicted = own.bernoulli(slot::admission, std::min(p, 1.0)),
                       resident = population.care_home[j] != 0;
            admitted += predicted;
            admitted_unpredicted += resident && !predicted;
            predicted_not_resident += predicted && !resident;
        }
        if (start.send[i] == 0 && age <= 14)
            tally(4, population.send[j] == static_cast<std::uint8_t>(SendState::ehc_plan),
                  social.bernoulli(slot::ehc_start, rates.ehc_start[at]));
    }
    const char* names[5] = {"death or emigration under 18", "dementia onset", "dementia diagnosis", "fall",
                            "EHC plan start"};
    CHECK(admitted_unpredicted == 0);
    INFO(admitted << " admissions predicted, " << predicted_not_resident << " of them not resident at the end, "
                  << discharges << " discharges in the year");
    CHECK(admitted > 100);
    CHECK(predicted_not_resident <= discharges);  // only a stay that also ended in discharge within the year
    for (int kind = 0; kind < 5; ++kind) {
        INFO(names[kind] << ": " << checked[kind] << " people, " << events[kind] << " events, " << wrong[kind]
                         << " differing from their slot's draw");
        CHECK(events[kind] >= 30);  // enough events that a wrong slot or word would show
        CHECK(wrong[kind] == 0);
    }
}
