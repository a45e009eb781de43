// Reproducibility with every cohort switched on: the County Durham baseline (dementia, couples that
// form and separate, carers, SEND, falls, care homes, home care) gives bit-identical counts and
// care-home stays at 1 and 2 threads, and the same replicates whether run together or split as separate
// runs (as across processes). Compared measure by measure, so a failure names what differs.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

RunResults run_with_threads(const Model& model, const SimulationOptions& options, int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    RunResults results;
    arena.execute([&] { results = simulate(model, options); });
    return results;
}

bool same_stays(const std::vector<CompletedStay>& a, const std::vector<CompletedStay>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const CompletedStay& x, const CompletedStay& y) {
        return x.interval == y.interval && x.type == y.type && x.days == y.days;
    });
}

/// Checks replicate `a` equals replicate `b`, every measure and every completed stay.
void check_identical(const MeasureRegistry& registry, const ReplicateCounts& a, const ReplicateCounts& b) {
    REQUIRE(a.values.size() == registry.size());
    REQUIRE(b.values.size() == registry.size());
    for (std::size_t m = 0; m < registry.size(); ++m) {
        INFO("measure " << registry.info(static_cast<MeasureId>(m)).name);
        CHECK(a.values[m] == b.values[m]);
    }
    INFO(a.stays.size() << " and " << b.stays.size() << " completed stays");
    CHECK(same_stays(a.stays, b.stays));
}

}  // namespace

TEST_CASE("the full cohort model is bit-identical at 1 and 2 threads and for any split of replicates",
          "[statistical][reproducibility]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + 3;
    const Model model = build_model(loaded);
    const auto& c = model.config();
    REQUIRE(c.dementia.enabled);
    REQUIRE(c.carers.enabled);
    REQUIRE(c.send.enabled);
    REQUIRE(c.falls.enabled);
    REQUIRE(c.care_homes.enabled);
    REQUIRE(c.home_care.enabled);

    SimulationOptions options;
    options.seed = 314159;
    options.first_replicate = 4;
    options.replicate_count = 2;
    const RunResults one = run_with_threads(model, options, 1);
    const RunResults two = run_with_threads(model, options, 2);
    REQUIRE(one.replicates.size() == 2);
    REQUIRE(two.replicates.size() == 2);
    // The run really exercised the cohorts: people with dementia, carers, residents and completed stays.
    const auto& first = one.replicates[0];
    for (MeasureId id :
         {model.ids.dementia, model.ids.carers[0], model.ids.ehc_plans, model.ids.residents[0], model.ids.home_care,
          model.ids.fall_admissions, model.ids.partnerships_formed, model.ids.partnerships_dissolved}) {
        INFO(model.registry.info(id).name);
        CHECK(test::sum_of(first.values[static_cast<std::size_t>(id)]) > 0);
    }
    CHECK(!first.stays.empty());
    for (std::size_t r = 0; r < 2; ++r) {
        INFO("replicate " << options.first_replicate + r << ", 1 thread against 2");
        check_identical(model.registry, one.replicates[r], two.replicates[r]);
    }
    // Replicates differ from one another (each has its own streams)...
    CHECK(one.replicates[0].values[static_cast<std::size_t>(model.ids.dementia_onsets)] !=
          one.replicates[1].values[static_cast<std::size_t>(model.ids.dementia_onsets)]);
    // ...and each is the same when run on its own, as another process would run it.
    for (std::uint32_t r = 0; r < 2; ++r) {
        SimulationOptions alone = options;
        alone.first_replicate = options.first_replicate + r;
        alone.replicate_count = 1;
        const RunResults split = run_with_threads(model, alone, 2);
        INFO("replicate " << alone.first_replicate << " run on its own");
        check_identical(model.registry, one.replicates[r], split.replicates.at(0));
    }
}
