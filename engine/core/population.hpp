#pragma once
// The simulated population as a struct of arrays indexed by a dense person index (STYLE.md habit 1).
// Each module documents which columns it reads and writes. Identity for random numbers is `key`
// (see person_key.hpp), never the index, which changes as people die and are born.
#include <cstdint>
#include <string>
#include <vector>

namespace carecast {

enum class Sex : std::uint8_t { female = 0, male = 1 };
inline constexpr int sex_count = 2;
inline constexpr const char* sex_names[sex_count] = {"female", "male"};

/// Shape of the (area, sex, age) grid on which results are counted.
struct PopulationGrid {
    std::vector<std::string> areas;  // area codes, index = area id
    int max_age = 110;               // single years 0..max_age, max_age open-ended

    int age_count() const { return max_age + 1; }
    std::size_t cell_count() const { return areas.size() * sex_count * static_cast<std::size_t>(age_count()); }
    /// Index of cell (area, sex, age) in an area-major, then sex, then age array.
    std::size_t cell(std::size_t area, int sex, int age) const {
        return (area * sex_count + static_cast<std::size_t>(sex)) * static_cast<std::size_t>(age_count()) +
               static_cast<std::size_t>(age);
    }
};

/// People as columns. 12 bytes per person.
struct Population {
    std::vector<std::uint64_t> key;   // stable identity for addressed random numbers
    std::vector<std::uint8_t> age;    // completed years at mid-year, 0..max_age
    std::vector<std::uint8_t> sex;    // Sex
    std::vector<std::uint16_t> area;  // index into PopulationGrid::areas

    std::size_t size() const { return key.size(); }
    void reserve(std::size_t n) {
        key.reserve(n);
        age.reserve(n);
        sex.reserve(n);
        area.reserve(n);
    }
    void add(std::uint64_t person_key, int person_age, int person_sex, int person_area) {
        key.push_back(person_key);
        age.push_back(static_cast<std::uint8_t>(person_age));
        sex.push_back(static_cast<std::uint8_t>(person_sex));
        area.push_back(static_cast<std::uint16_t>(person_area));
    }
    void clear() {
        key.clear();
        age.clear();
        sex.clear();
        area.clear();
    }
};

}  // namespace carecast
