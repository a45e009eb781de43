#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "cohorts/carers/carer_events.hpp"
#include "cohorts/carers/carers.hpp"
#include "cohorts/person_year.hpp"

using namespace carecast;

namespace {

constexpr int age_count = 101;

/// A run drawn at random: people decided or not, with and without a partner, every combination of
/// their own and their partner's Outcome bits, carers and partner-carers, ages at the boundaries 14, 15
/// and 16 and any; start probabilities include 0 and 1, and some caring words are 0.
struct RandomRun {
    std::vector<std::uint8_t> outcome, partner_outcome, carer, age, sex;
    std::vector<DrawBlock::Block> draws;
    std::vector<double> start;
    std::uint64_t decided = 0, has_partner = 0;
    CarerRates rates{};

    RandomRun(std::size_t n, std::uint64_t seed, double stop_probability, double partner_probability) {
        std::mt19937_64 random(seed);
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        for (int k = 0; k < 2 * age_count; ++k) {
            const double p = uniform(random);
            start.push_back(p < 0.1 ? 0.0 : p > 0.95 ? 1.0 : p * 0.3);
        }
        for (std::size_t k = 0; k < n; ++k) {
            outcome.push_back(static_cast<std::uint8_t>(random()));
            partner_outcome.push_back(static_cast<std::uint8_t>(random()));
            static constexpr std::uint8_t carers[] = {0, 0, 0, 1, 2, 3, 5, 7};
            carer.push_back(carers[random() % 8]);
            static constexpr int ages[] = {14, 15, 16, 40, 100};
            age.push_back(static_cast<std::uint8_t>(k % 2 == 0 ? ages[random() % 5] : random() % age_count));
            sex.push_back(static_cast<std::uint8_t>(random() % 2));
            if (random() % 5 != 0) decided |= std::uint64_t{1} << k;
            if (random() % 2 == 0) has_partner |= std::uint64_t{1} << k;
            DrawBlock::Block block;
            for (auto& v : block.v) v = random() % 4 == 0 ? 0 : random();
            draws.push_back(block);
        }
        rates = {start.data(), age_count, stop_probability, partner_probability};
    }
    CarerInputs inputs() const {
        return {outcome.data(), partner_outcome.data(), carer.data(), age.data(), sex.data(), draws.data()};
    }
    /// The events as the carers' rule says (carer_events.hpp), written out here.
    CarerEvents expected() const {
        CarerEvents e;
        auto home = [](std::uint8_t o) { return (o & stays) && !(o & away_from_home); };
        for (std::size_t k = 0; k < outcome.size(); ++k) {
            const std::uint64_t bit = std::uint64_t{1} << k;
            if (!(decided & bit)) continue;
            const bool partnered = has_partner & bit;
            const std::uint8_t own = outcome[k], theirs = partner_outcome[k];
            if (partnered && (!(own & stays) || !(theirs & stays))) e.partnership_ends |= bit;
            if (!home(own)) {
                if (carer[k]) e.stops |= bit;
                continue;
            }
            const bool present = partnered && home(theirs);
            if (partnered && (theirs & was_partner_carer) && !present) e.carer_losses |= bit;
            const bool words = age[k] >= 15;
            const std::uint32_t caring = words ? DrawBlock::word_of(draws[k], slot::caring.word) : 0;
            const std::uint32_t partner_caring = words ? DrawBlock::word_of(draws[k], slot::partner_caring.word) : 0;
            if (carer[k] & 4) {
                if (!present) e.stops |= bit;
            } else if (carer[k]) {
                if (DrawBlock::bernoulli_from_word(caring, rates.stop_probability)) e.stops |= bit;
            } else if (present && (theirs & had_dementia) &&
                       DrawBlock::bernoulli_from_word(partner_caring, rates.partner_start_probability)) {
                e.partner_starts |= bit;
            } else if (age[k] >= 16 &&
                       DrawBlock::bernoulli_from_word(caring, start[sex[k] * std::size_t{age_count} + age[k]])) {
                e.starts |= bit;
            }
        }
        return e;
    }
};

void check_equal(const CarerEvents& got, const CarerEvents& expected, std::uint64_t within = ~std::uint64_t{0}) {
    CHECK(got.partnership_ends == (expected.partnership_ends & within));
    CHECK(got.carer_losses == (expected.carer_losses & within));
    CHECK(got.stops == (expected.stops & within));
    CHECK(got.partner_starts == (expected.partner_starts & within));
    CHECK(got.starts == (expected.starts & within));
}

}  // namespace

TEST_CASE("carer_events: partnerships ending, carers lost, caring stopping and starting, on every path and run length",
          "[carers]") {
    for (const auto& [stop, partner] : {std::pair{0.0, 0.0}, std::pair{0.15, 0.4}, std::pair{1.0, 1.0}}) {
        for (std::size_t n = 0; n <= 64; ++n) {
            const RandomRun run(n, 97 * n + static_cast<std::uint64_t>(stop * 100), stop, partner);
            const CarerEvents expected = run.expected();
            INFO("n " << n << ", stop " << stop << ", partner start " << partner);
            check_equal(carer_events(run.rates, run.inputs(), run.decided, run.has_partner, n), expected);
            check_equal(detail::carer_events_one_by_one(run.rates, run.inputs(), run.decided, run.has_partner, n),
                        expected);
            // Nobody with a partner (pass 1's single people): the partners' outcomes are never read.
            RandomRun single = run;
            std::fill(single.partner_outcome.begin(), single.partner_outcome.end(), 0xff);
            single.has_partner = 0;
            check_equal(carer_events(single.rates, single.inputs(), single.decided, 0, n), single.expected());
            if (detail::cpu_has_avx512_carers()) {
                const std::size_t whole = n / 8 * 8;
                const std::uint64_t within = whole == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << whole) - 1;
                check_equal(detail::carer_events_avx512(run.rates, run.inputs(), run.decided, run.has_partner, n),
                            expected, within);
            }
        }
    }
}

TEST_CASE("carer_events: a caring word exactly at the start threshold starts, one above does not", "[carers]") {
    RandomRun run(16, 5, 0.1, 0.5);
    run.decided = 0xffff;
    run.has_partner = 0;
    for (std::size_t k = 0; k < 16; ++k) {
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
    const CarerEvents events = carer_events(run.rates, run.inputs(), run.decided, run.has_partner, 16);
    CHECK(events.starts == 0x5555);
    check_equal(events, run.expected());
}

TEST_CASE("carer_events_path is the AVX-512 twin where this CPU has it, unless portable paths are forced", "[carers]") {
    CHECK(carer_events_path() == cpu_path(detail::cpu_has_avx512_carers()));
}
