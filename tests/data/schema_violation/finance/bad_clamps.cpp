// Fixture for tools/check_schema_truth.py: a drawn money shift kept in a range written by hand.
void shift(std::int32_t& bp, std::int32_t by) {
    constexpr std::int32_t min_uplift = -5000, max_uplift = 10000;  // caught
    bp = std::clamp(bp + by, -5000, 10000);                         // caught
    share = std::clamp<std::int64_t>(value + shift, 0, 1);          // a share's own 0..100%: not a copy
}
