#pragma once
// Stable person identities for addressing random numbers. A person's key depends only on how that
// person came to exist (base-population cell and index, mother and year of birth, arrival cell and
// index), never on who else is in the population, so adding or removing other people leaves every
// person's draws unchanged.
#include <cstdint>
#include <string_view>

namespace carecast {

/// SplitMix64 finaliser: a bijective 64-bit mix (Steele, Lea & Flood 2014).
constexpr std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Hash of a sequence of integers; collisions (probability ~n^2/2^65) only correlate two people's draws.
constexpr std::uint64_t combine_key(std::uint64_t seed, std::uint64_t value) {
    return mix64(seed ^ mix64(value));
}

/// Stable 32-bit identity of an area, from its code, used in every key instead of the area's position
/// in the scenario, so that an area's draws (and results) are the same run alone or with other areas.
/// An ONS code (a capital letter and 8 digits, e.g. E06000047) maps one-to-one to
/// (letter - 'A') * 10^8 + digits (< 2^32); any other code to its 32-bit FNV-1a hash.
constexpr std::uint32_t area_key(std::string_view code) {
    bool ons = code.size() == 9 && code[0] >= 'A' && code[0] <= 'Z';
    for (std::size_t i = 1; ons && i < code.size(); ++i) ons = code[i] >= '0' && code[i] <= '9';
    if (ons) {
        std::uint32_t digits = 0;
        for (std::size_t i = 1; i < code.size(); ++i) digits = digits * 10 + static_cast<std::uint32_t>(code[i] - '0');
        return static_cast<std::uint32_t>(code[0] - 'A') * 100000000u + digits;
    }
    std::uint32_t h = 2166136261u;
    for (const char ch : code) {
        h ^= static_cast<unsigned char>(ch);
        h *= 16777619u;
    }
    return h;
}

enum class PersonOrigin : std::uint64_t { base = 1, birth = 2, immigrant = 3 };

/// Key of the index-th person of a base-population cell (area_key, sex, age).
constexpr std::uint64_t base_person_key(std::uint32_t area, std::uint32_t sex, std::uint32_t age, std::uint32_t index) {
    std::uint64_t k = combine_key(static_cast<std::uint64_t>(PersonOrigin::base), area);
    k = combine_key(k, (static_cast<std::uint64_t>(sex) << 8) | age);
    return combine_key(k, index);
}

/// Key of the child born to `mother_key` in the year ending at mid-`year`.
constexpr std::uint64_t newborn_key(std::uint64_t mother_key, std::int32_t year) {
    std::uint64_t k = combine_key(static_cast<std::uint64_t>(PersonOrigin::birth), mother_key);
    return combine_key(k, static_cast<std::uint32_t>(year));
}

/// Key of the index-th immigrant arriving in cell (area_key, sex, age) at mid-`year`.
constexpr std::uint64_t immigrant_key(std::int32_t year, std::uint32_t area, std::uint32_t sex, std::uint32_t age,
                                      std::uint32_t index) {
    std::uint64_t k =
        combine_key(static_cast<std::uint64_t>(PersonOrigin::immigrant), static_cast<std::uint32_t>(year));
    k = combine_key(k, (static_cast<std::uint64_t>(area) << 16) | (sex << 8) | age);
    return combine_key(k, index);
}

/// Address of a population cell (area_key, sex, age) used as the "person" of cell-level draws.
constexpr std::uint64_t cell_key(std::uint32_t area, std::uint32_t sex, std::uint32_t age) {
    return combine_key(0x63656c6cULL, (static_cast<std::uint64_t>(area) << 16) | (sex << 8) | age);
}

}  // namespace carecast
