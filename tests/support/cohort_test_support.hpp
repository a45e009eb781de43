#pragma once
// Helpers for the statistical tests of the cohort modules: a closed model (no deaths, births or
// migration, so everyone is at risk all year), populations built person by person, one simulated
// year, and binomial checks of realised counts against summed probabilities.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <sstream>
#include <string>

#include <unistd.h>

#include "core/person_key.hpp"
#include "sim/simulation.hpp"
#include "sim/year_step.hpp"
#include "test_support.hpp"

namespace carecast::test {

/// The baseline's rates with only the cohorts `enable` switches on, and no deaths, births or migration.
inline Model closed_model(const std::function<void(CohortConfig&)>& enable) {
    auto loaded = test::load_baseline();
    auto& c = loaded.config.cohorts;
    c.dementia.enabled = c.couples.enabled = c.carers.enabled = c.send.enabled = false;
    c.falls.enabled = c.care_homes.enabled = c.home_care.enabled = c.prevalence.enabled = c.need.enabled = false;
    enable(c);
    Model model = build_model(loaded);
    auto& d = model.demography;
    for (auto* v : {&d.death_probability, &d.birth_probability, &d.emigration_probability, &d.expected_immigrants})
        std::fill(v->begin(), v->end(), 0.0);
    for (auto& table : model.cohorts.death_probability_by_dementia) std::fill(table.begin(), table.end(), 0.0);
    return model;
}

/// A population built person by person; keys are unique within it.
struct People {
    Population population;
    std::uint32_t next = 0;
    std::size_t add(int sex, int age) {
        population.add(base_person_key(0, static_cast<std::uint32_t>(sex), static_cast<std::uint32_t>(age), next++),
                       age, sex, 0);
        return population.size() - 1;
    }
    /// Links persons a and b as partners.
    void partner(std::size_t a, std::size_t b) {
        population.partner[a] = static_cast<std::uint32_t>(b);
        population.partner[b] = static_cast<std::uint32_t>(a);
    }
};

/// The flows of one simulated interval.
struct Year {
    ReplicateCounts counts;
    std::size_t offset = 0, cells = 0;

    std::int64_t total(MeasureId id) const {
        const auto& v = counts.values.at(static_cast<std::size_t>(id));
        return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(offset),
                               v.begin() + static_cast<std::ptrdiff_t>(offset + cells), std::int64_t{0});
    }
};

/// Simulates interval `interval` (0: base year) for `population`, which it advances.
inline Year run_year(const Model& model, Population& population, int interval = 0, std::uint64_t seed = 2017) {
    const auto cells = model.demography.grid.cell_count();
    Year year{{}, static_cast<std::size_t>(interval) * cells, cells};
    for (const auto& info : model.registry.measures())
        year.counts.values.emplace_back(
            static_cast<std::size_t>(interval + (info.kind == MeasureKind::stock ? 2 : 1)) * cells, 0);
    YearWorkspace workspace;
    advance_one_year(model, seed, 0, interval, population, workspace, year.counts, nullptr);
    return year;
}

/// A count of independent yes/no events against the sum of their probabilities.
struct Expected {
    double mean = 0, variance = 0;
    void add(double p, double n = 1) {
        mean += n * p;
        variance += n * p * (1 - p);
    }
    double z(double observed) const { return std::abs(observed - mean) / std::sqrt(std::max(variance, 1e-12)); }
};

#define CHECK_REALISED(observed, expected)                                                             \
    do {                                                                                               \
        const double observed_ = static_cast<double>(observed);                                        \
        INFO(#observed << ": realised " << observed_ << ", expected " << (expected).mean << " (se "    \
                       << std::sqrt((expected).variance) << ", z " << (expected).z(observed_) << ")"); \
        CHECK((expected).mean > 0);                                                                    \
        CHECK((expected).z(observed_) < 4.0);                                                          \
    } while (false)

/// Sex as an index into tables by sex.
constexpr int female = static_cast<int>(Sex::female), male = static_cast<int>(Sex::male);

/// tests/end_to_end/small_cohorts.txtpb (County Durham 2016-2019, every cohort, money) with `extra`
/// appended, written to a file of this process (ctest runs test cases in parallel processes) and loaded.
inline LoadedScenario small_cohorts_with(const std::string& extra) {
    std::ifstream in(source_path("tests/end_to_end/small_cohorts.txtpb"));
    std::stringstream text;
    text << in.rdbuf() << "\n" << extra;
    const auto copy = std::filesystem::path(CARECAST_BINARY_DIR) / "tests" /
                      ("small_cohorts_" + std::to_string(::getpid()) + "_" +
                       std::to_string(std::hash<std::string>{}(extra)) + ".txtpb");
    std::filesystem::create_directories(copy.parent_path());
    std::string body = text.str();
    // Data paths in small_cohorts.txtpb are relative to tests/end_to_end/: make them absolute.
    const std::string from = "\"../../scenarios/";
    const std::string to = "\"" + source_path("scenarios").string() + "/";
    for (std::size_t at = body.find(from); at != std::string::npos; at = body.find(from, at + to.size()))
        body.replace(at, from.size(), to);
    std::ofstream(copy) << body;
    auto loaded = load_scenario(copy);
    std::filesystem::remove(copy);
    return loaded;
}

/// Replicates 0..replicates-1 of a loaded scenario, with its own seed.
inline RunResults run_replicates(const LoadedScenario& loaded, std::uint32_t replicates = 1) {
    return simulate(build_model(loaded), {loaded.config.run.seed, 0, replicates, nullptr});
}

/// The id of a measure by its output name; fails the test if there is none.
inline MeasureId measure_id(const RunResults& results, const std::string& name) {
    for (std::size_t m = 0; m < results.registry.size(); ++m)
        if (results.registry.info(static_cast<MeasureId>(m)).name == name) return static_cast<MeasureId>(m);
    FAIL("no measure " << name);
    return -1;
}

}  // namespace carecast::test
