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
/// their own and their partner's Outcome bits, carers and partner-carers, ages at the boundaries 14, 15,
/// 16, 64 and 65 and any; start probabilities include 0 and 1, and some caring words are 0.
struct RandomRun {
    std::vector<std::uint8_t> outcome, partner_outcome, carer, age, sex;
    std::vector<DrawBlock::Block> draws;
    std::vector<double> start;
    std::uint64_t decided = 0, has_partner = 0;
    CarersConfig config;
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
            static constexpr int ages[] = {14, 15, 16, 40, 64, 65, 100};
            age.push_back(static_cast<std::uint8_t>(k % 2 == 0 ? ages[random() % 7] : random() % age_count));
            sex.push_back(static_cast<std::uint8_t>(random() % 2));
            if (random() % 5 != 0) decided |= std::uint64_t{1} << k;
            if (random() % 2 == 0) has_partner |= std::uint64_t{1} << k;
            DrawBlock::Block block;
            for (auto& v : block.v) v = random() % 4 == 0 ? 0 : random();
            draws.push_back(block);
        }
        config.annual_stop_probability = stop_probability;
        config.partner_becomes_carer_probability = partner_probability;
        config.hours_partner = {0.2, 0.3, 0.5};
        config.hours_under_65 = {0.6, 0.25, 0.15};
        config.hours_65_plus = {0.45, 0.35, 0.2};
        rates = {start.data(), age_count, &config};
    }
    // Copies point their rates at their own tables.
    RandomRun(const RandomRun& other) { *this = other; }
    RandomRun& operator=(const RandomRun& other) {
        outcome = other.outcome;
        partner_outcome = other.partner_outcome;
        carer = other.carer;
        age = other.age;
        sex = other.sex;
        draws = other.draws;
        start = other.start;
        decided = other.decided;
        has_partner = other.has_partner;
        config = other.config;
        rates = {start.data(), age_count, &config};
        return *this;
    }

    /// The caring draws as caring_draws' rule says (carer_events.hpp), written out here.
    std::vector<std::uint8_t> expected_draws() const {
        std::vector<std::uint8_t> drawn(outcome.size());
        auto band = [](const HoursShares& s, double u) { return u < s[0] ? 1 : u < s[0] + s[1] ? 2 : 3; };
        for (std::size_t k = 0; k < outcome.size(); ++k) {
            const bool words = (outcome[k] & stays) && age[k] >= 15;
            const std::uint32_t caring = words ? DrawBlock::word_of(draws[k], 5) : 0;
            const std::uint32_t partner_caring = words ? DrawBlock::word_of(draws[k], 6) : 0;
            const double u = DrawBlock::uniform_from_word(words ? DrawBlock::word_of(draws[k], 7) : 0);
            int bits = 0;
            if (DrawBlock::bernoulli_from_word(caring, config.annual_stop_probability)) bits |= 1;
            if (DrawBlock::bernoulli_from_word(partner_caring, config.partner_becomes_carer_probability)) bits |= 2;
            if (age[k] >= 16 && DrawBlock::bernoulli_from_word(caring, start[sex[k] * std::size_t{age_count} + age[k]]))
                bits |= 4;
            bits |= band(config.hours_partner, u) << 3;
            bits |= band(age[k] >= 65 ? config.hours_65_plus : config.hours_under_65, u) << 5;
            drawn[k] = static_cast<std::uint8_t>(bits);
        }
        return drawn;
    }
    CarerInputs inputs(const std::vector<std::uint8_t>& drawn) const {
        return {outcome.data(), partner_outcome.data(), carer.data(), drawn.data()};
    }
    /// The events as the carers' rule says (carer_events.hpp), written out here.
    CarerEvents expected(const std::vector<std::uint8_t>& drawn) const {
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
            if (carer[k] & 4) {
                if (!present) e.stops |= bit;
            } else if (carer[k]) {
                if (drawn[k] & 1) e.stops |= bit;
            } else if (present && (theirs & had_dementia) && (drawn[k] & 2)) {
                e.partner_starts |= bit;
            } else if (drawn[k] & 4) {
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

TEST_CASE("caring_draws: the caring words' decisions and hours bands, on every path and run length", "[carers]") {
    for (const auto& [stop, partner] : {std::pair{0.0, 0.0}, std::pair{0.15, 0.4}, std::pair{1.0, 1.0}}) {
        for (std::size_t n = 0; n <= 64; ++n) {
            const RandomRun run(n, 89 * n + static_cast<std::uint64_t>(stop * 100), stop, partner);
            const std::vector<std::uint8_t> expected = run.expected_draws();
            INFO("n " << n << ", stop " << stop << ", partner start " << partner);
            const CaringDrawInputs in{run.outcome.data(), run.age.data(), run.sex.data(), run.draws.data()};
            std::vector<std::uint8_t> got(n + 8, 0xee);
            caring_draws(run.rates, in, n, got.data());
            CHECK(std::vector(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(n)) == expected);
            CHECK(got[n] == 0xee);  // nothing written past the run
            std::vector<std::uint8_t> portable(n, 0xee);
            detail::caring_draws_one_by_one(run.rates, in, n, portable.data());
            CHECK(portable == expected);
            if (detail::cpu_has_avx512_carers()) {
                std::vector<std::uint8_t> vector(n + 8, 0xee);
                const std::size_t whole = detail::caring_draws_avx512(run.rates, in, n, vector.data());
                CHECK(whole == n / 8 * 8);
                CHECK(std::vector(vector.begin(), vector.begin() + static_cast<std::ptrdiff_t>(whole)) ==
                      std::vector(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(whole)));
                CHECK(vector[whole] == 0xee);
            }
        }
    }
}

TEST_CASE("carer_events: partnerships ending, carers lost, caring stopping and starting, on every path and run length",
          "[carers]") {
    for (const auto& [stop, partner] : {std::pair{0.0, 0.0}, std::pair{0.15, 0.4}, std::pair{1.0, 1.0}}) {
        for (std::size_t n = 0; n <= 64; ++n) {
            const RandomRun run(n, 97 * n + static_cast<std::uint64_t>(stop * 100), stop, partner);
            // Every combination of the three decision bits, whatever the words said.
            std::vector<std::uint8_t> drawn = run.expected_draws();
            for (std::size_t k = 0; k < n; ++k) drawn[k] = static_cast<std::uint8_t>((drawn[k] & ~7) | (k * 5 % 8));
            const CarerEvents expected = run.expected(drawn);
            INFO("n " << n << ", stop " << stop << ", partner start " << partner);
            check_equal(carer_events(run.inputs(drawn), run.decided, run.has_partner, n), expected);
            check_equal(detail::carer_events_one_by_one(run.inputs(drawn), run.decided, run.has_partner, n), expected);
            // Nobody with a partner (pass 1's single people): the partners' outcomes are never read.
            RandomRun single = run;
            std::fill(single.partner_outcome.begin(), single.partner_outcome.end(), 0xff);
            single.has_partner = 0;
            check_equal(carer_events(single.inputs(drawn), single.decided, 0, n), single.expected(drawn));
            if (detail::cpu_has_avx512_carers()) {
                const std::size_t whole = n / 8 * 8;
                const std::uint64_t within = whole == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << whole) - 1;
                check_equal(detail::carer_events_avx512(run.inputs(drawn), run.decided, run.has_partner, n), expected,
                            within);
            }
        }
    }
}

TEST_CASE("caring_draws: a caring word exactly at the start threshold starts, one above does not", "[carers]") {
    RandomRun run(16, 5, 0.1, 0.5);
    for (std::size_t k = 0; k < 16; ++k) {
        run.outcome[k] = stays;
        run.age[k] = 30;
        run.start[run.sex[k] * std::size_t{age_count} + 30] = 0.25;
        const auto threshold = static_cast<std::uint32_t>(0.25 * 4294967295.0);
        const std::uint32_t word = k % 2 == 0 ? threshold : threshold + 1;
        auto& half = run.draws[k].v[slot::caring.word / 2];
        half = slot::caring.word % 2 == 0 ? (half & 0xffffffff00000000u) | word
                                          : (half & 0xffffffffu) | (std::uint64_t{word} << 32);
    }
    std::vector<std::uint8_t> drawn(16);
    caring_draws(run.rates, {run.outcome.data(), run.age.data(), run.sex.data(), run.draws.data()}, 16, drawn.data());
    for (std::size_t k = 0; k < 16; ++k) {
        INFO("person " << k);
        CHECK(((drawn[k] & drew_caring_start) != 0) == (k % 2 == 0));
    }
    CHECK(drawn == run.expected_draws());
}

TEST_CASE("carer_events_path is the AVX-512 twin where this CPU has it, unless portable paths are forced", "[carers]") {
    CHECK(carer_events_path() == cpu_path(detail::cpu_has_avx512_carers()));
}
