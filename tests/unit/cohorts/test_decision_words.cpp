// A person's yes/no decisions each use exactly one 32-bit word of their DrawBlock, through Boost's
// Bernoulli, so no decision can shift the numbers of another. Boost's rule (boost/random/
// bernoulli_distribution.hpp) is: false if p == 0, else true when word - min <= p (max - min); for a
// 32-bit word that is word <= p (2^32 - 1), probability (floor(p (2^32 - 1)) + 1) / 2^32.
#include <catch2/catch.hpp>

#include <cmath>

#include <boost/random/bernoulli_distribution.hpp>

#include "cohorts/modules.hpp"
#include "core/random.hpp"

using namespace carecast;

namespace {

constexpr double max_word = 4294967295.0;  // 2^32 - 1

/// A 32-bit UniformRandomBitGenerator that counts the words taken from it.
struct CountingWords {
    using result_type = std::uint32_t;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    std::uint32_t next;
    int taken = 0;
    result_type operator()() {
        ++taken;
        return next++;
    }
};

}  // namespace

TEST_CASE("Boost's Bernoulli takes exactly one 32-bit word", "[random][decisions]") {
    CountingWords words{12345};
    for (double p : {1e-9, 0.001, 0.3, 0.5, 0.999999, 1.0}) {
        boost::random::bernoulli_distribution<double> bernoulli(p);
        const int before = words.taken;
        bernoulli(words);
        CHECK(words.taken == before + 1);
    }
}

TEST_CASE("a decision is true exactly when its word is at most p times 2^32 - 1", "[random][decisions]") {
    for (double p : {1e-6, 0.0123, 0.25, 0.5, 0.6, 0.9}) {
        const auto threshold = static_cast<std::uint32_t>(std::floor(p * max_word));
        INFO("p = " << p << ", threshold word " << threshold);
        CHECK(DrawBlock::bernoulli_from_word(0, p));
        CHECK(DrawBlock::bernoulli_from_word(threshold, p));
        CHECK_FALSE(DrawBlock::bernoulli_from_word(threshold + 1, p));
        CHECK_FALSE(DrawBlock::bernoulli_from_word(0xffffffffu, p));
    }
}

TEST_CASE("probabilities at or beyond 0 and 1 give certain decisions", "[random][decisions]") {
    for (std::uint32_t word : {0u, 1u, 0x80000000u, 0xffffffffu}) {
        CHECK_FALSE(DrawBlock::bernoulli_from_word(word, 0.0));  // even word 0: p = 0 is never true
        CHECK_FALSE(DrawBlock::bernoulli_from_word(word, -0.5));
        CHECK(DrawBlock::bernoulli_from_word(word, 1.0));
        CHECK(DrawBlock::bernoulli_from_word(word, 1.5));  // capped at 1, as relative risks can push it over
    }
}

TEST_CASE("uniforms from words lie strictly inside 0 to 1 at the centres of 2^32 bins", "[random][decisions]") {
    CHECK(DrawBlock::uniform_from_word(0) == std::ldexp(0.5, -32));
    CHECK(DrawBlock::uniform_from_word(0xffffffffu) == 1.0 - std::ldexp(0.5, -32));
    CHECK(DrawBlock::uniform_from_word(0x80000000u) == 0.5 + std::ldexp(0.5, -32));
}

TEST_CASE("a block's eight slots are the halves of the four words of its decisions stream", "[random][decisions]") {
    const StreamKey key{2016, 3, RandomModule::demography};
    DrawStream stream(key, 987654321, 2018, RandomEvent::decisions);
    DrawBlock block(key, 987654321, 2018);
    for (int k = 0; k < 4; ++k) {
        const std::uint64_t word = stream();
        CHECK(block.word(2 * k) == static_cast<std::uint32_t>(word));
        CHECK(block.word(2 * k + 1) == static_cast<std::uint32_t>(word >> 32));
    }
}

TEST_CASE("a slot's word does not depend on which slots were used before it", "[random][decisions]") {
    const StreamKey key{7, 0, RandomModule::social};
    DrawBlock forwards(key, 42, 2020), backwards(key, 42, 2020);
    std::uint32_t a[8], b[8];
    for (int s = 0; s < 8; ++s) a[s] = forwards.word(s);
    for (int s = 7; s >= 0; --s) b[s] = backwards.word(s);
    for (int s = 0; s < 8; ++s) CHECK(a[s] == b[s]);
    // A decision reads its word and nothing else: deciding word 3 first leaves word 5 unchanged.
    DrawBlock decided(key, 42, 2020);
    decided.bernoulli(slot::adult_learning_disability, 0.5);
    CHECK(decided.word(5) == a[5]);
    CHECK(decided.bernoulli(slot::sen_support, 0.3) == DrawBlock::bernoulli_from_word(a[2], 0.3));
    CHECK(decided.uniform(slot::ehc_stop) == DrawBlock::uniform_from_word(a[1]));
}

TEST_CASE("the carers' words are consecutive, kept from pass 1 for pass 2", "[random][decisions]") {
    // Distinct addresses for every named slot: tests/unit/core/test_random_addresses.cpp.
    CHECK(carer_word_index(slot::caring) == 0);
    CHECK(carer_word_index(slot::partner_caring) == 1);
    CHECK(carer_word_index(slot::caring_hours) + 1 == carer_slots);
}
