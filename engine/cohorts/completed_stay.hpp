#pragma once
// A completed care-home stay, counted by the yearly step and kept in the run results for the
// length-of-stay distribution.
#include <cstdint>

namespace carecast {

/// A completed care-home stay: the interval it ended in, its type and its length.
struct CompletedStay {
    std::int32_t interval;
    std::int32_t type;  // 0 residential, 1 nursing
    std::int32_t days;
};

}  // namespace carecast
