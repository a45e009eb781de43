#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/cpu_paths.hpp"
#include "core/keep_marked.hpp"

using namespace carecast;

namespace {

using Way = std::size_t (*)(void*, std::size_t, std::size_t, const std::uint64_t*);

/// Marks for n elements: bits at or past n clear, as keep_marked requires.
std::vector<std::uint64_t> marks_for(const std::vector<bool>& keep) {
    std::vector<std::uint64_t> marks((keep.size() + 63) / 64, 0);
    for (std::size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) marks[i / 64] |= std::uint64_t{1} << (i % 64);
    return marks;
}

/// Patterns of who is kept among n: everyone, nobody, every other, one in 30 left out (a year's
/// deaths and emigrants), runs of 100 kept and 7 not, and a pseudo-random half.
std::vector<std::vector<bool>> patterns(std::size_t n) {
    std::vector<std::vector<bool>> out(6, std::vector<bool>(n));
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    for (std::size_t i = 0; i < n; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        out[0][i] = true;
        out[1][i] = false;
        out[2][i] = i % 2 == 0;
        out[3][i] = i % 30 != 7;
        out[4][i] = i % 107 < 100;
        out[5][i] = (state >> 62) & 1;
    }
    return out;
}

/// Every size from 0 to 200 (whole groups of 64 and every tail), each pattern, elements of T: the way
/// keeps exactly the marked elements in order, returns their count, and writes nothing past n.
template <typename T>
void check_way(Way way) {
    for (std::size_t n = 0; n <= 200; ++n)
        for (const auto& keep : patterns(n)) {
            std::vector<T> values(n + 16);
            for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<T>(0x5A5A5A5A5A5A5A5Au * (i + 1));
            const std::vector<T> before = values;
            std::vector<T> expected;
            for (std::size_t i = 0; i < n; ++i)
                if (keep[i]) expected.push_back(before[i]);
            const std::vector<std::uint64_t> marks = marks_for(keep);
            INFO("n " << n << ", " << sizeof(T) << "-byte elements");
            REQUIRE(way(values.data(), sizeof(T), n, marks.data()) == expected.size());
            CHECK(std::vector<T>(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(expected.size())) ==
                  expected);
            CHECK(std::vector<T>(values.begin() + static_cast<std::ptrdiff_t>(n), values.end()) ==
                  std::vector<T>(before.begin() + static_cast<std::ptrdiff_t>(n), before.end()));
            // Again in an array of exactly n, where a read or write past n is AddressSanitizer's to see.
            std::vector<T> exact(before.begin(), before.begin() + static_cast<std::ptrdiff_t>(n));
            REQUIRE(way(exact.data(), sizeof(T), n, marks.data()) == expected.size());
            exact.resize(expected.size());
            CHECK(exact == expected);
        }
}

void check_every_size(Way way) {
    check_way<std::uint8_t>(way);
    check_way<std::uint16_t>(way);
    check_way<std::uint32_t>(way);
    check_way<std::uint64_t>(way);
}

}  // namespace

TEST_CASE("keep_marked one by one keeps the marked elements in order", "[population]") {
    check_every_size(detail::keep_marked_one_by_one);
}

TEST_CASE("keep_marked with AVX-512 keeps the marked elements in order", "[population]") {
    if (!detail::cpu_has_avx512_compress()) {
        WARN("this CPU has no AVX-512 VBMI2: the vector path is not exercised here");
        return;
    }
    check_every_size(detail::keep_marked_avx512);
}

TEST_CASE("keep_marked takes signed columns and its path from the CPU", "[population]") {
    std::vector<std::int32_t> days{-5, 3, -7, 9, 11};
    const std::vector<std::uint64_t> marks{0b10101};
    CHECK(keep_marked(std::span(days), std::span(marks)) == 3);
    days.resize(3);
    CHECK(days == std::vector<std::int32_t>{-5, -7, 11});
    CHECK(compaction_path() == cpu_path(detail::cpu_has_avx512_compress()));
    CHECK(std::string(to_string(compaction_path())).size() > 0);
}
