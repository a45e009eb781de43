#include "core/random.hpp"

// DrawBlock's Bernoulli is inline in random.hpp (Boost's bernoulli_distribution formula for a 32-bit word).
