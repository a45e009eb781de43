#include <catch2/catch.hpp>

#include "core/population.hpp"

using namespace carecast;

TEST_CASE("reserve_growing keeps everyone and moves the columns only when short of room", "[population]") {
    Population population;
    for (int i = 0; i < 100; ++i) population.add(static_cast<std::uint64_t>(i), i % 90, i % 2, 0);
    population.reserve_growing(160);  // short of room: 160 + 1/16
    REQUIRE(population.key.capacity() == 170);
    const auto* keys = population.key.data();
    population.reserve_growing(150);  // room enough: nothing moves
    CHECK(population.key.data() == keys);
    for (int i = 100; i < 170; ++i) population.add(static_cast<std::uint64_t>(i), 0, 0, 0);
    CHECK(population.key.data() == keys);  // the people added fitted in the room reserved
    REQUIRE(population.size() == 170);
    for (std::size_t i = 0; i < population.size(); ++i) CHECK(population.key[i] == i);
    CHECK(population.age[99] == 99 % 90);
    CHECK(population.partner[42] == no_person);
}

TEST_CASE("a cell's address is the area, sex and age its index was made from", "[population]") {
    const PopulationGrid grid{{"A", "B", "C"}, 4};
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int sex = 0; sex < sex_count; ++sex)
            for (int age = 0; age <= grid.max_age; ++age) {
                const auto address = grid.address(grid.cell(area, sex, age));
                CHECK(address.area == area);
                CHECK(address.sex == sex);
                CHECK(address.age == age);
            }
    CHECK(grid.address(grid.cell_count() - 1).area == 2);
}
