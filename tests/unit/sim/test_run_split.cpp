#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/cpu_paths.hpp"
#include "sim/run_split.hpp"

using namespace carecast;

namespace {

/// The split as its definition says (sim/run_split.hpp), person by person.
struct Expected {
    std::vector<std::uint64_t> adult_keys, birth_keys, social_keys;
    std::vector<std::uint8_t> adult_slot, births_slot, social_slot;
};

Expected expected_split(const RunSplitRule& rule, const std::vector<std::uint8_t>& sex,
                        const std::vector<std::uint8_t>& age, const std::vector<std::uint64_t>& keys) {
    Expected e;
    for (std::size_t k = 0; k < sex.size(); ++k) {
        auto place = [&](bool draws, std::vector<std::uint64_t>& list, std::vector<std::uint8_t>& slot) {
            slot.push_back(draws ? static_cast<std::uint8_t>(list.size()) : RunSplit::none);
            if (draws) list.push_back(keys[k]);
        };
        place(rule.adult && age[k] >= rule.adult_from_age, e.adult_keys, e.adult_slot);
        place(sex[k] == 0 && rule.birth_ages[age[k]] != 0, e.birth_keys, e.births_slot);
        place(rule.social && age[k] <= rule.social_to_age, e.social_keys, e.social_slot);
    }
    return e;
}

void check_split(const RunSplit& got, const Expected& e, std::size_t n) {
    auto first = [](const auto& array, std::size_t count) {
        return std::vector<typename std::decay_t<decltype(array)>::value_type>(
            array.begin(), array.begin() + static_cast<std::ptrdiff_t>(count));
    };
    REQUIRE(got.adult_count == e.adult_keys.size());
    REQUIRE(got.birth_count == e.birth_keys.size());
    REQUIRE(got.social_count == e.social_keys.size());
    CHECK(first(got.adult_keys, got.adult_count) == e.adult_keys);
    CHECK(first(got.birth_keys, got.birth_count) == e.birth_keys);
    CHECK(first(got.social_keys, got.social_count) == e.social_keys);
    CHECK(first(got.adult_slot, n) == e.adult_slot);
    CHECK(first(got.births_slot, n) == e.births_slot);
    CHECK(first(got.social_slot, n) == e.social_slot);
}

}  // namespace

TEST_CASE("split_run lists who draws which block, in person order, on every path and run length", "[run_split]") {
    std::mt19937_64 random(11);
    std::array<std::uint8_t, 256> birth_ages{};
    for (int age = 15; age <= 49; ++age) birth_ages[static_cast<std::size_t>(age)] = age % 13 != 0;  // gaps too
    for (const int max_age : {100, 127}) {
        for (std::size_t n = 0; n <= run_capacity; ++n) {
            for (const auto& [adult, social] :
                 {std::pair{true, true}, std::pair{false, false}, std::pair{true, false}}) {
                const RunSplitRule rule{adult, social, 16, 25, birth_ages.data(), max_age};
                std::vector<std::uint8_t> sex, age;
                std::vector<std::uint64_t> keys;
                for (std::size_t k = 0; k < n; ++k) {
                    sex.push_back(static_cast<std::uint8_t>(random() % 2));
                    // Ages at every boundary (0, 15, 16, 25, 26, 49, 50, max_age) and at random.
                    static constexpr int edges[] = {0, 15, 16, 25, 26, 49, 50};
                    age.push_back(static_cast<std::uint8_t>(k % 3 == 0   ? edges[random() % 7]
                                                            : k % 3 == 1 ? max_age
                                                                         : random() % (max_age + 1)));
                    keys.push_back(random());
                }
                const Expected e = expected_split(rule, sex, age, keys);
                INFO("n " << n << ", max age " << max_age << ", adult " << adult << ", social " << social);
                RunSplit by_dispatch, one_by_one;
                split_run(rule, sex.data(), age.data(), keys.data(), n, by_dispatch);
                detail::split_run_one_by_one(rule, sex.data(), age.data(), keys.data(), n, one_by_one);
                check_split(by_dispatch, e, n);
                check_split(one_by_one, e, n);
                if (detail::cpu_has_avx512_split()) {
                    RunSplit vectors;
                    detail::split_run_avx512(rule, sex.data(), age.data(), keys.data(), n, vectors);
                    check_split(vectors, e, n);
                }
            }
        }
    }
}

TEST_CASE("run_split_path is the AVX-512 twin where this CPU has it, unless portable paths are forced", "[run_split]") {
    CHECK(run_split_path() == cpu_path(detail::cpu_has_avx512_split()));
}
