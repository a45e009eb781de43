#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cohorts/cohort_rates.hpp"
#include "core/cpu_paths.hpp"
#include "sim/leaving.hpp"

using namespace carecast;

namespace {

constexpr int age_count = 101;  // ages 0..100
constexpr int states = 3;       // dementia_mortality_states

/// A run of people and their tables, drawn at random; probabilities include 0, 1 and (for residents,
/// whose q is multiplied by the relative risk) values whose product passes 1.
struct RandomRun {
    std::vector<double> death, emigration;
    std::vector<std::uint8_t> sex, age, dementia_years, need, care_home;
    std::vector<DrawBlock::Block> draws;
    NeedLeavingTables tables{};

    RandomRun(std::size_t n, std::uint64_t seed) {
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> probability(0.0, 1.0);
        auto some_probability = [&] {
            const double p = probability(random);
            return p < 0.05 ? 0.0 : p > 0.95 ? 1.0 : p * p * p;  // mostly small, some 0 and 1
        };
        death.resize(static_cast<std::size_t>(states * need_levels * sex_count * age_count));
        emigration.resize(static_cast<std::size_t>(sex_count * age_count));
        for (double& q : death) q = some_probability();
        for (double& e : emigration) e = some_probability();
        for (std::size_t k = 0; k < n; ++k) {
            sex.push_back(static_cast<std::uint8_t>(random() % 2));
            age.push_back(static_cast<std::uint8_t>(k % 7 == 0 ? age_count - 1 : random() % age_count));
            dementia_years.push_back(static_cast<std::uint8_t>(random() % 3 == 0 ? random() % 12 : 0));
            need.push_back(static_cast<std::uint8_t>(random() % need_levels));
            care_home.push_back(static_cast<std::uint8_t>(random() % 4 == 0 ? 1 + random() % 2 : 0));
            DrawBlock::Block block;
            for (auto& v : block.v) v = random();
            draws.push_back(block);
        }
        tables = {death.data(), emigration.data(), age_count, 2.5};
    }
    LeavingColumns columns() const {
        return {sex.data(), age.data(), dementia_years.data(), need.data(), care_home.data()};
    }
    /// Person k's bits as the model defines them (sim/leaving.hpp), written out here.
    std::uint8_t expected(std::size_t k, int word) const {
        const std::size_t at = sex[k] * std::size_t{age_count} + age[k];
        const int state = std::min<int>(dementia_years[k], 2);
        const double q_at_home =
            death[(static_cast<std::size_t>(state) * need_levels + need[k]) * sex_count * age_count + at];
        const bool resident = care_home[k] != 0;
        const double q = resident ? std::min(q_at_home * tables.care_home_rr, 1.0) : q_at_home;
        const double e =
            resident ? 0.0 : emigration[sex[k] * std::size_t{age_count} + std::min(age[k] + 1, age_count - 1)];
        const double u = DrawBlock::uniform_from_word(DrawBlock::word_of(draws[k], word));
        if (u < q) return left_by_death;
        return u < q + (1 - q) * e ? left_by_emigration : 0;
    }
};

}  // namespace

TEST_CASE("need_leaving decides death or emigration by the model's rule, on every path and run length", "[leaving]") {
    for (std::size_t n = 0; n <= 70; ++n)
        for (int word = 0; word < 8; ++word) {
            const RandomRun run(n, 1000 * n + static_cast<std::uint64_t>(word));
            std::vector<std::uint8_t> expected(n);
            for (std::size_t k = 0; k < n; ++k) expected[k] = run.expected(k, word);
            INFO("n " << n << ", word " << word);
            // 0xEE past the end: nothing is written there.
            std::vector<std::uint8_t> by_dispatch(n + 8, 0xEE), one_by_one(n + 8, 0xEE);
            need_leaving(run.tables, run.columns(), run.draws.data(), word, n, by_dispatch.data());
            detail::need_leaving_one_by_one(run.tables, run.columns(), run.draws.data(), word, n, one_by_one.data());
            CHECK(std::vector<std::uint8_t>(one_by_one.begin(), one_by_one.begin() + static_cast<std::ptrdiff_t>(n)) ==
                  expected);
            CHECK(std::vector<std::uint8_t>(by_dispatch.begin(),
                                            by_dispatch.begin() + static_cast<std::ptrdiff_t>(n)) == expected);
            CHECK(std::all_of(by_dispatch.begin() + static_cast<std::ptrdiff_t>(n), by_dispatch.end(),
                              [](std::uint8_t b) { return b == 0xEE; }));
            if (detail::cpu_has_avx512_leaving()) {
                std::vector<std::uint8_t> vectors(n + 8, 0xEE);
                const std::size_t done =
                    detail::need_leaving_avx512(run.tables, run.columns(), run.draws.data(), word, n, vectors.data());
                CHECK(done == n / 8 * 8);
                CHECK(
                    std::vector<std::uint8_t>(vectors.begin(), vectors.begin() + static_cast<std::ptrdiff_t>(done)) ==
                    std::vector<std::uint8_t>(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(done)));
                CHECK(std::all_of(vectors.begin() + static_cast<std::ptrdiff_t>(done), vectors.end(),
                                  [](std::uint8_t b) { return b == 0xEE; }));
            }
        }
}

TEST_CASE("need_leaving: a person's uniform on the boundary of q or of q + (1 - q) e", "[leaving]") {
    // Words whose uniform is exactly a table's q: u < q is false there, so not a death.
    RandomRun run(16, 7);
    for (std::size_t k = 0; k < 16; ++k) {
        run.care_home[k] = 0;
        run.dementia_years[k] = 0;
        run.need[k] = 0;
        const std::uint32_t word = static_cast<std::uint32_t>(k * 0x10000000u + 0x7FFFu);
        const double u = DrawBlock::uniform_from_word(word);
        run.death[run.sex[k] * std::size_t{age_count} + run.age[k]] = k % 2 == 0 ? u : std::nextafter(u, 2.0);
        run.draws[k].v[0] = word;  // word 0
    }
    std::vector<std::uint8_t> got(16);
    need_leaving(run.tables, run.columns(), run.draws.data(), 0, 16, got.data());
    for (std::size_t k = 0; k < 16; ++k) {
        INFO("person " << k);
        CHECK(got[k] == run.expected(k, 0));
        if (k % 2 == 1) CHECK(got[k] == left_by_death);
    }
}

TEST_CASE("leaving_path is the AVX-512 twin where this CPU has it, unless portable paths are forced", "[leaving]") {
    CHECK(leaving_path() == cpu_path(detail::cpu_has_avx512_leaving()));
    CHECK(cpu_path(true) == (portable_paths_forced() ? CpuPath::portable : CpuPath::avx512));
    CHECK(cpu_path(false) == CpuPath::portable);
    CHECK(std::string(to_string(leaving_path())).size() > 0);
}
