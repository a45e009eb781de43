// Couples that form and end (issue 13): in a closed synthetic population, realised partnership
// formation (people matched plus people left unmatched) and separation equal the input probabilities by
// age band and sex within four binomial standard errors; partner links stay mutual, between a man and a
// woman of one area, both alive; the matching is bit-identical at 1 and 2 threads; and over 20 years
// of the County Durham baseline the partnered share by age band stays near the base-year shares.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <array>
#include <cmath>

#include "cohort_test_support.hpp"
#include "sim/simulation.hpp"
#include "sim/year_step.hpp"
#include "test_support.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {

struct CouplesBand {
    int lo, hi;
};
constexpr std::array<CouplesBand, 7> bands{{{16, 24}, {25, 34}, {35, 49}, {50, 64}, {65, 74}, {75, 84}, {85, 99}}};

/// A flow of one interval summed over the cells of one sex whose age at the end is in [lo + 1, hi + 1]
/// (flows are counted at the age reached at the end of the interval).
std::int64_t flow_in(const Model& model, const Year& year, MeasureId id, int sex, CouplesBand band) {
    const auto& grid = model.demography.grid;
    const auto& v = year.counts.values.at(static_cast<std::size_t>(id));
    std::int64_t sum = 0;
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int age = band.lo + 1; age <= std::min(band.hi + 1, grid.max_age); ++age)
            sum += v[year.offset + grid.cell(area, sex, age)];
    return sum;
}

/// Every partner link is mutual, between a man and a woman of the same area (everyone in the population
/// is alive: compaction removes the dead). Returns the number of people with a partner.
std::size_t check_links(const Population& p) {
    std::size_t partnered = 0, bad = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const std::uint32_t j = p.partner[i];
        if (j == no_person) continue;
        ++partnered;
        if (j >= p.size() || p.partner[j] != i || p.sex[j] == p.sex[i] || p.area[j] != p.area[i]) ++bad;
    }
    CHECK(bad == 0);
    return partnered;
}

Model couples_model() {
    return closed_model([](CohortConfig& c) { c.couples.enabled = true; });
}

}  // namespace

TEST_CASE("realised partnership formation equals the input probabilities by age band and sex",
          "[statistical][couples]") {
    const Model model = couples_model();
    const auto& rates = model.cohorts;
    const auto& ids = model.ids;
    REQUIRE(!rates.config.couples.formation_probability_csv.empty());
    const int n = 2000;  // single people per sex and single year of age
    People singles;
    Expected drawn[sex_count][bands.size()];
    for (int sex : {female, male})
        for (int age = 10; age <= 99; ++age) {
            for (int k = 0; k < n; ++k) singles.add(sex, age);
            for (std::size_t b = 0; b < bands.size(); ++b)
                if (age >= bands[b].lo && age <= bands[b].hi && age >= 16)
                    drawn[sex][b].add(rates.partnership_formation[rates.at(sex, age)], n);
        }
    const Year year = run_year(model, singles.population, 1);
    std::int64_t formed[sex_count] = {0, 0}, unmatched[sex_count] = {0, 0};
    for (int sex : {female, male})
        for (std::size_t b = 0; b < bands.size(); ++b) {
            const std::int64_t f = flow_in(model, year, ids.partnerships_formed, sex, bands[b]);
            const std::int64_t u = flow_in(model, year, ids.partnership_unmatched, sex, bands[b]);
            formed[sex] += f;
            unmatched[sex] += u;
            INFO((sex == female ? "women " : "men ")
                 << bands[b].lo << "-" << bands[b].hi << ": formed " << f << ", unmatched " << u);
            if (drawn[sex][b].mean > 0) {
                CHECK_REALISED(f + u, drawn[sex][b]);
            } else {
                CHECK(f + u == 0);
            }
        }
    // Nobody under 16 and nobody twice; a couple is one woman and one man.
    CHECK(flow_in(model, year, ids.partnerships_formed, female, {0, 15}) == 0);
    CHECK(formed[female] == formed[male]);
    CHECK(formed[female] > 0);
    INFO("formed " << formed[female] << " couples; unmatched: " << unmatched[female] << " women, " << unmatched[male]
                   << " men");
    CHECK(check_links(singles.population) == static_cast<std::size_t>(2 * formed[female]));
    CHECK(year.total(ids.partnerships_dissolved) == 0);
    // The man is near mean_age_gap years older: within the 10-year search, a year older after ageing.
    for (std::size_t i = 0; i < singles.population.size(); ++i) {
        const std::uint32_t j = singles.population.partner[i];
        if (j == no_person || singles.population.sex[i] != female) continue;
        const int gap = singles.population.age[j] - singles.population.age[i];
        CHECK(std::abs(gap - 2) <= 10);
    }
}

TEST_CASE("realised separations equal the input probabilities by the woman's age band", "[statistical][couples]") {
    // No formation, so the separated stay single this year and the count is the separations alone.
    Model model = couples_model();
    std::fill(model.cohorts.partnership_formation.begin(), model.cohorts.partnership_formation.end(), 0.0);
    const auto& rates = model.cohorts;
    const auto& ids = model.ids;
    REQUIRE(!rates.config.couples.dissolution_probability_csv.empty());
    const int n = 3000;  // couples per age of the woman
    People couples;
    Expected separated[bands.size()];
    for (int age = 16; age <= 95; ++age) {
        for (int k = 0; k < n; ++k) {
            const auto her = couples.add(female, age), him = couples.add(male, age + 2);
            couples.partner(her, him);
        }
        for (std::size_t b = 0; b < bands.size(); ++b)
            if (age >= bands[b].lo && age <= bands[b].hi)
                separated[b].add(rates.partnership_dissolution[rates.at(female, age)], n);
    }
    // Pooled over 20 seeds (4,023 separations expected per seed), so that a bias of 1% would show.
    const int seeds = 20;
    std::int64_t realised[bands.size()] = {}, women = 0, men = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        Population population = couples.population;
        const Year year = run_year(model, population, 1, static_cast<std::uint64_t>(seed));
        std::int64_t w = 0;
        for (std::size_t b = 0; b < bands.size(); ++b) {
            const std::int64_t k = flow_in(model, year, ids.partnerships_dissolved, female, bands[b]);
            realised[b] += k;
            w += k;
        }
        women += w;
        men += year.total(ids.partnerships_dissolved) - w;  // counted for each partner
        CHECK(year.total(ids.partnerships_formed) == 0);
        CHECK(check_links(population) == population.size() - static_cast<std::size_t>(2 * w));
    }
    for (std::size_t b = 0; b < bands.size(); ++b) {
        Expected pooled;
        pooled.mean = separated[b].mean * seeds;
        pooled.variance = separated[b].variance * seeds;
        INFO("women " << bands[b].lo << "-" << bands[b].hi << ": " << realised[b] << " separated in " << seeds
                      << " runs");
        CHECK_REALISED(realised[b], pooled);
    }
    CHECK(men == women);
}

TEST_CASE("a couple separates only when both partners live at home at the end of the year", "[statistical][couples]") {
    Model model = couples_model();
    std::fill(model.cohorts.partnership_dissolution.begin(), model.cohorts.partnership_dissolution.end(), 1.0);
    std::fill(model.cohorts.partnership_formation.begin(), model.cohorts.partnership_formation.end(), 0.0);
    // Every man emigrates: their partnerships end by departure, never by separation.
    auto& d = model.demography;
    for (int age = 0; age <= d.grid.max_age; ++age) d.emigration_probability[d.sex_age(male, age)] = 1.0;
    People couples;
    for (int k = 0; k < 1000; ++k) couples.partner(couples.add(female, 40), couples.add(male, 42));
    const Year year = run_year(model, couples.population, 1);
    CHECK(year.total(model.ids.partnerships_dissolved) == 0);
    CHECK(couples.population.size() == 1000);
    CHECK(check_links(couples.population) == 0);
}

TEST_CASE("partnership matching is bit-identical at 1 and 2 threads", "[statistical][couples][reproducibility]") {
    const Model model = couples_model();
    People base;
    // Several parallel blocks (16,384 people each) of singles and couples.
    for (int k = 0; k < 400; ++k)
        for (int age = 16; age <= 90; age += 2) {
            base.add(female, age);
            base.add(male, age + 1);
            base.partner(base.add(female, age), base.add(male, age + 2));
        }
    REQUIRE(base.population.size() > 3 * 16384);
    Population results[2];
    ReplicateCounts counts[2];
    for (int t = 0; t < 2; ++t) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(t + 1));
        tbb::task_arena arena(t + 1);
        results[t] = base.population;
        arena.execute([&] {
            for (int interval = 1; interval <= 3; ++interval) counts[t] = run_year(model, results[t], interval).counts;
        });
    }
    CHECK(results[0].partner == results[1].partner);
    CHECK(results[0].key == results[1].key);
    CHECK(counts[0].values == counts[1].values);
    const std::size_t partnered = check_links(results[0]);
    CHECK(partnered > 0);
}

TEST_CASE("over 20 years the partnered share by age stays near the base-year shares", "[statistical][couples]") {
    auto loaded = test::load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + 20;
    Model model = build_model(loaded);
    REQUIRE(!model.config().couples.formation_probability_csv.empty());
    SimulationOptions options;
    options.seed = 2013;
    const RunResults with = simulate(model, options);
    // The same run without formation and separation (the model before issue 13), for comparison.
    for (auto* v : {&model.cohorts.partnership_formation, &model.cohorts.partnership_dissolution})
        std::fill(v->begin(), v->end(), 0.0);
    const RunResults without = simulate(model, options);
    const auto& grid = with.grid;
    const std::size_t cells = grid.cell_count();
    auto share = [&](const RunResults& results, int year, int sex, CouplesBand band) {
        const auto& rep = results.replicates.at(0);
        const auto& p = rep.values[static_cast<std::size_t>(model.ids.partnered)];
        const auto& n = rep.values[static_cast<std::size_t>(model.ids.population)];
        double partnered = 0, people = 0;
        for (std::size_t area = 0; area < grid.areas.size(); ++area)
            for (int age = band.lo; age <= std::min(band.hi, grid.max_age); ++age) {
                const std::size_t at = static_cast<std::size_t>(year) * cells + grid.cell(area, sex, age);
                partnered += p[at];
                people += n[at];
            }
        return partnered / people;
    };
    // Bands of partnered_share.csv. Women and men under 65 stay within 0.07 of the base year; men 65+
    // within 0.15: they fall (by 0.08-0.13 in this run) because few women of their age form partnerships,
    // so widowed and separated older men rarely repartner. Emigrants leave their partner behind and
    // immigrants arrive single (issue 13 item 5), which lowers every band by a few points. Without
    // formation and separation, the bands 25-44 empty (docs/validation.md, "Couples"), and the older
    // bands fall about as far as with them: the fall of men 65+ is widowhood and separation, not formation.
    const std::array<CouplesBand, 10> share_bands{
        {{18, 24}, {25, 29}, {30, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 74}, {75, 79}, {80, 84}, {85, 110}}};
    for (int sex : {female, male})
        for (const CouplesBand& b : share_bands) {
            const double before = share(with, 0, sex, b), after = share(with, 20, sex, b),
                         frozen = share(without, 20, sex, b);
            INFO((sex == female ? "women " : "men ")
                 << b.lo << "-" << b.hi << ": partnered share " << before << " in " << with.base_year << ", " << after
                 << " in " << with.base_year + 20 << " (" << frozen << " without formation and separation)");
            CHECK(std::abs(after - before) < (sex == male && b.lo >= 65 ? 0.15 : 0.07));
            if (b.lo >= 25 && b.hi < 45) CHECK(before - frozen > 0.25);
        }
}
