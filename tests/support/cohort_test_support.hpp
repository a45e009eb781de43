#pragma once
// Helpers for the statistical tests of the cohort modules: a closed model (no deaths, births or
// migration, so everyone is at risk all year), populations built person by person, one simulated
// year, and binomial checks of realised counts against summed probabilities.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

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
    c.falls.enabled = c.care_homes.enabled = c.home_care.enabled = c.prevalence.enabled = false;
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

}  // namespace carecast::test
