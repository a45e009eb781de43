// Reproducibility is a contract: the same scenario and seed give bit-identical results at any thread
// count, and a person's random numbers do not depend on who else is in the population.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "demography/base_population.hpp"
#include "results/run_dataset.hpp"
#include "sim/simulation.hpp"
#include "sim/year_step.hpp"
#include "test_support.hpp"

using namespace carecast;

TEST_CASE("outputs are bit-identical at 1 2 and 4 threads", "[statistical][reproducibility]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = 2021;
    const Model model = build_model(loaded);
    SimulationOptions options;
    options.seed = 5;
    options.replicate_count = 3;
    std::map<int, std::string> digests;
    for (int threads : {1, 2, 4}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
        tbb::task_arena arena(threads);
        RunResults results;
        arena.execute([&] { results = simulate(model, options); });
        digests[threads] = output::counts_digest(results);
    }
    CHECK(digests[1] == digests[2]);
    CHECK(digests[1] == digests[4]);
}

TEST_CASE("a person's fate does not change when other people are added or removed", "[statistical][reproducibility]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = 2026;
    Model model = build_model(loaded);
    // No new partnerships: who a person partners depends on who else forms a partnership that year in
    // their area (tests/statistical/test_couples.cpp tests that matching), so removing single people
    // would change partners and, through partner-carers, care-home risk and death.
    std::fill(model.cohorts.partnership_formation.begin(), model.cohorts.partnership_formation.end(), 0.0);
    Population everyone = make_population(model.demography.grid, model.demography.base_counts);
    initialise_cohort_states(model, 31, 0, everyone);
    // Remove every third person who has no partner (partners' fates are linked by design: a partner-carer's
    // death changes the other's care-home risk), remapping partner indices.
    Population some;
    std::vector<std::uint32_t> new_index(everyone.size(), no_person);
    for (std::size_t i = 0; i < everyone.size(); ++i) {
        if (i % 3 == 0 && everyone.partner[i] == no_person) continue;
        new_index[i] = static_cast<std::uint32_t>(some.size());
        some.append(everyone, i);
    }
    for (auto& partner : some.partner)
        if (partner != no_person) partner = new_index[partner];
    const std::size_t kept = some.size();
    std::map<std::uint64_t, int> starting_age;
    for (std::size_t i = 0; i < some.size(); ++i) starting_age[some.key[i]] = some.age[i];

    const auto counts_everyone = simulate_replicate(model, 31, 0, everyone);
    simulate_replicate(model, 31, 0, some);
    std::map<std::uint64_t, std::pair<int, int>> final_everyone;  // key -> (age, dementia years)
    for (std::size_t i = 0; i < everyone.size(); ++i)
        final_everyone[everyone.key[i]] = {everyone.age[i], everyone.dementia_years[i]};
    std::size_t survivors = 0, mismatches = 0;
    for (std::size_t i = 0; i < some.size(); ++i) {
        if (!starting_age.count(some.key[i])) continue;  // born or arrived during the run
        ++survivors;
        const auto it = final_everyone.find(some.key[i]);
        if (it == final_everyone.end() || it->second != std::pair<int, int>{some.age[i], some.dementia_years[i]})
            ++mismatches;
    }
    std::size_t survivors_in_everyone = 0;
    for (const auto& [key, state] : final_everyone) survivors_in_everyone += starting_age.count(key);
    CHECK(survivors > kept / 2);
    CHECK(mismatches == 0);
    CHECK(survivors_in_everyone == survivors);
}
