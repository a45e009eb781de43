#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "cohorts/carers/carers.hpp"
#include "cohorts/carers/single_carer_events.hpp"
#include "cohorts/person_year.hpp"
#include "core/population.hpp"

using namespace carecast;

namespace {

constexpr int age_count = 101;

/// A run drawn at random: partnered and single people, every Outcome combination, carers and
/// partner-carers, ages at the boundaries 14, 15, 16 and any; start probabilities include 0 and 1.
struct RandomRun {
    std::vector<std::uint8_t> outcome, carer, age, sex;
    std::vector<std::uint32_t> partner;
    std::vector<DrawBlock::Block> draws;
    std::vector<double> start;
    SingleCarerRates rates{};

    RandomRun(std::size_t n, std::uint64_t seed, double stop_probability) {
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (int k = 0; k < sex_count * age_count; ++k) {
            const double p = uniform(random);
            start.push_back(p < 0.1 ? 0.0 : p > 0.95 ? 1.0 : p * 0.3);
        }
        for (std::size_t k = 0; k < n; ++k) {
            outcome.push_back(static_cast<std::uint8_t>(random()));
            static constexpr std::uint8_t carers[] = {0, 0, 0, 1, 2, 3, 5, 7};
            carer.push_back(carers[random() % 8]);
            static constexpr int ages[] = {14, 15, 16, 40, 100};
            age.push_back(static_cast<std::uint8_t>(k % 2 == 0 ? ages[random() % 5] : random() % age_count));
            sex.push_back(static_cast<std::uint8_t>(random() % 2));
            partner.push_back(random() % 3 == 0 ? static_cast<std::uint32_t>(random() % 1000) : no_person);
            DrawBlock::Block block;
            for (auto& v : block.v)
                v = random() % 4 == 0 ? (random() & 0xffffffff00000000u) : random();  // some 0 words
            draws.push_back(block);
        }
        rates = {start.data(), age_count, stop_probability};
    }
    SingleCarerInputs inputs() const {
        return {outcome.data(), partner.data(), carer.data(), age.data(), sex.data(), draws.data()};
    }
    /// The events as carers.cpp's rule for a person without a partner says, written out here.
    SingleCarerEvents expected() const {
        SingleCarerEvents e;
        for (std::size_t k = 0; k < outcome.size(); ++k) {
            if (partner[k] != no_person || (outcome[k] & forms_partnership)) continue;
            const std::uint64_t bit = std::uint64_t{1} << k;
            e.single |= bit;
            const std::uint32_t word = age[k] >= 15 ? DrawBlock::word_of(draws[k], slot::caring.word) : 0;
            const bool at_home = (outcome[k] & stays) && !(outcome[k] & away_from_home);
            if (!at_home || (carer[k] & 4)) {
                if (carer[k]) e.stops |= bit;
            } else if (carer[k]) {
                if (DrawBlock::bernoulli_from_word(word, rates.stop_probability)) e.stops |= bit;
            } else if (age[k] >= 16 &&
                       DrawBlock::bernoulli_from_word(word, start[sex[k] * std::size_t{age_count} + age[k]])) {
                e.starts |= bit;
            }
        }
        return e;
    }
};

void check_equal(const SingleCarerEvents& got, const SingleCarerEvents& expected) {
    CHECK(got.single == expected.single);
    CHECK(got.stops == expected.stops);
    CHECK(got.starts == expected.starts);
}

}  // namespace

TEST_CASE("single_carer_events: who is single, stops and starts caring, on every path and run length", "[carers]") {
    for (const double stop_probability : {0.0, 0.15, 1.0}) {
        for (std::size_t n = 0; n <= 64; ++n) {
            const RandomRun run(n, 77 * n + static_cast<std::uint64_t>(stop_probability * 100), stop_probability);
            const SingleCarerEvents expected = run.expected();
            INFO("n " << n << ", stop probability " << stop_probability);
            check_equal(single_carer_events(run.rates, run.inputs(), n), expected);
            check_equal(detail::single_carer_events_one_by_one(run.rates, run.inputs(), n), expected);
            if (detail::cpu_has_avx512_carers()) {
                const std::uint64_t whole = n / 8 * 8 == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (n / 8 * 8)) - 1;
                const SingleCarerEvents vectors = detail::single_carer_events_avx512(run.rates, run.inputs(), n);
                CHECK(vectors.single == (expected.single & whole));
                CHECK(vectors.stops == (expected.stops & whole));
                CHECK(vectors.starts == (expected.starts & whole));
            }
        }
    }
}

TEST_CASE("single_carer_events: a word exactly at the start threshold starts, one above does not", "[carers]") {
    RandomRun run(16, 5, 0.1);
    for (std::size_t k = 0; k < 16; ++k) {
        run.partner[k] = no_person;
        run.outcome[k] = stays;
        run.carer[k] = 0;
        run.age[k] = 30;
        run.start[run.sex[k] * std::size_t{age_count} + 30] = 0.25;
        const auto threshold = static_cast<std::uint32_t>(0.25 * 4294967295.0);
        const std::uint32_t word = k % 2 == 0 ? threshold : threshold + 1;
        auto& half = run.draws[k].v[slot::caring.word / 2];
        half = slot::caring.word % 2 == 0 ? (half & 0xffffffff00000000u) | word
                                          : (half & 0xffffffffu) | (std::uint64_t{word} << 32);
    }
    const SingleCarerEvents events = single_carer_events(run.rates, run.inputs(), 16);
    CHECK(events.single == 0xffff);
    CHECK(events.starts == 0x5555);
    check_equal(events, run.expected());
}
