#include "core/random.hpp"

#include <algorithm>

#include <boost/random/bernoulli_distribution.hpp>

namespace carecast {
namespace {

/// A UniformRandomBitGenerator that yields one given word: Boost's Bernoulli takes exactly one.
struct OneWord {
    using result_type = std::uint32_t;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type word;
    result_type operator()() const { return word; }
};

}  // namespace

bool DrawBlock::bernoulli_from_word(std::uint32_t word, double p) {
    if (p <= 0.0) return false;
    OneWord engine{word};
    return boost::random::bernoulli_distribution<double>(std::min(p, 1.0))(engine);
}

}  // namespace carecast
