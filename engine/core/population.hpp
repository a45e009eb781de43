#pragma once
// The simulated population as a struct of arrays indexed by a dense person index (STYLE.md habit 1).
// Each module documents which columns it reads and writes. Identity for random numbers is `key`
// (see person_key.hpp), never the index, which changes as people die and are born; relations between
// people (partner) are index columns, remapped whenever the arrays are compacted.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace carecast {

enum class Sex : std::uint8_t { female = 0, male = 1 };
inline constexpr int sex_count = 2;
inline constexpr const char* sex_names[sex_count] = {"female", "male"};

/// People per parallel task in loops over the population (a block): a constant, never derived from
/// the thread count, so blocks and what is kept per block do not depend on it; a whole number of 64s.
inline constexpr std::size_t people_per_block = 16384;
static_assert(people_per_block % 64 == 0);

/// No person: the value of an index column (partner) that points at nobody.
inline constexpr std::uint32_t no_person = 0xffffffffu;

/// Care-home residence (permanent placements).
enum class CareHome : std::uint8_t { none = 0, residential = 1, nursing = 2 };

/// Special educational needs.
enum class SendState : std::uint8_t { none = 0, sen_support = 1, ehc_plan = 2 };

/// Bits of Population::flags.
enum PersonFlag : std::uint8_t {
    dementia_diagnosed = 1,       // dementia is on a GP register
    lost_carer = 2,               // their partner-carer died, left or entered a care home last year
    fell = 4,                     // emergency admission for a fall last year
    home_care = 8,                // receives domiciliary care
    stay_ends_in_discharge = 16,  // the current care-home stay ends in discharge, not death
    self_funded = 32,             // the current care-home stay is paid by the resident (self-funder)
};

/// Shape of the (area, sex, age) grid on which results are counted.
struct PopulationGrid {
    std::vector<std::string> areas;  // area codes, index = area id
    int max_age = 0;                 // single years 0..max_age, max_age open-ended (demography.max_age)

    int age_count() const { return max_age + 1; }
    std::size_t cell_count() const { return areas.size() * sex_count * static_cast<std::size_t>(age_count()); }
    /// Index of cell (area, sex, age) in an area-major, then sex, then age array.
    std::size_t cell(std::size_t area, int sex, int age) const {
        return (area * sex_count + static_cast<std::size_t>(sex)) * static_cast<std::size_t>(age_count()) +
               static_cast<std::size_t>(age);
    }
    struct CellAddress {
        std::size_t area;
        int sex;
        int age;
    };
    /// The (area, sex, age) of a cell index: cell's inverse.
    CellAddress address(std::size_t cell) const {
        const auto ages = static_cast<std::size_t>(age_count());
        return {cell / (sex_count * ages), static_cast<int>(cell / ages % sex_count), static_cast<int>(cell % ages)};
    }
};

/// People as columns: population_bytes_per_person bytes a person (below: the sum of the columns' element
/// sizes, 30 with the columns of issue 13), 12 in a run without cohort modules (which holds only the
/// demography's columns: hold_only). Every column is listed once, in population_columns below (a
/// static_assert counts them), and claimed once by demography or a cohort module (cohorts/modules.hpp);
/// every operation on whole people goes through that list.
struct Population {
    // Demography (all modules read these).
    std::vector<std::uint64_t> key;      // stable identity for addressed random numbers
    std::vector<std::uint8_t> age;       // completed years at mid-year, 0..max_age
    std::vector<std::uint8_t> sex;       // Sex
    std::vector<std::uint16_t> area;     // index into PopulationGrid::areas
    std::vector<std::uint32_t> partner;  // index of the partner, or no_person (couples module)
    // Cohort states.
    std::vector<std::uint8_t> dementia_years;  // 0: no dementia; else years since onset, from 1 (dementia)
    std::vector<std::uint8_t> flags;           // PersonFlag bits
    std::vector<std::uint8_t> carer;           // 0: not a carer; 1..3 hours band; +4 if caring for the partner
    std::vector<std::uint8_t> send;            // Send (children and young people 0-25)
    std::vector<std::uint8_t> care_home;       // CareHome
    std::vector<std::int32_t> stay_start;      // care-home admission day (days since the base mid-year)
    std::vector<std::int32_t> stay_end;        // scheduled day the stay ends (death or discharge); open_stay
    std::vector<std::uint8_t> need;            // need level 0..3 (need module; adults)
    /// Bit k set: column k of population_columns is held; the others stay empty (every column by default).
    std::uint32_t held_columns = ~0u;

    std::size_t size() const { return key.size(); }
    bool holds(std::size_t column) const { return (held_columns >> column) & 1u; }
    /// Holds only the columns numbered `columns` (indices in population_columns), emptying the others;
    /// called on an empty population (the columns of `key` must be among them).
    void hold_only(std::span<const std::size_t> columns);
    void reserve(std::size_t n);
    /// Makes room for `n` people; if that means moving the columns, with 1/16 to spare, so that a
    /// population growing by a little each year moves rarely (add alone would double every column:
    /// a copy of all of them and twice the memory).
    void reserve_growing(std::size_t n);
    void clear();
    /// Appends a person with no cohort states.
    void add(std::uint64_t person_key, int person_age, int person_sex, int person_area);
    /// Appends `n` people with no cohort states and no partner, all at once (one resize per column,
    /// not a push per column and person); returns the index of the first, whose key, age, sex and
    /// area the caller sets (set_person).
    std::size_t grow(std::size_t n);
    /// Sets person i's demography: key, age, sex and area.
    void set_person(std::size_t i, std::uint64_t person_key, int person_age, int person_sex, int person_area) {
        key[i] = person_key;
        age[i] = static_cast<std::uint8_t>(person_age);
        sex[i] = static_cast<std::uint8_t>(person_sex);
        area[i] = static_cast<std::uint16_t>(person_area);
    }
    /// Appends a copy of person `i` of `other`, which holds at least the columns this one holds (every
    /// held column; `partner` as is, for the caller to remap).
    void append(const Population& other, std::size_t i);
    /// Copies person `from` over person `to` (every held column; `partner` as is, for the caller to remap).
    void move(std::size_t from, std::size_t to);
    /// Keeps the first `n` people.
    void truncate(std::size_t n);
};

/// Every column of Population, once: what reserve, add, append, move, truncate and compaction iterate.
inline constexpr auto population_columns = std::tuple{
    &Population::key,       &Population::age,        &Population::sex,
    &Population::area,      &Population::partner,    &Population::dementia_years,
    &Population::flags,     &Population::carer,      &Population::send,
    &Population::care_home, &Population::stay_start, &Population::stay_end,
    &Population::need,
};
inline constexpr std::size_t population_column_count = std::tuple_size_v<decltype(population_columns)>;
static_assert(sizeof(Population) ==
                  population_column_count * sizeof(std::vector<std::uint8_t>) + alignof(std::vector<std::uint8_t>),
              "a column of Population is missing from population_columns");
static_assert(population_column_count <= 32, "held_columns has a bit per column");

/// Bytes a person takes in Population: the element sizes of population_columns summed, so a new column
/// counts itself (sim/memory_estimate.cpp reads it).
inline constexpr std::size_t population_bytes_per_person = std::apply(
    [](auto... column) {
        return (sizeof(typename std::remove_cvref_t<decltype(std::declval<Population&>().*column)>::value_type) + ... +
                std::size_t{0});
    },
    population_columns);

namespace detail {
template <typename A, typename B>
constexpr bool same_column(A a, B b) {
    if constexpr (std::is_same_v<A, B>)
        return a == b;
    else
        return false;
}
}  // namespace detail

/// Index in population_columns of `column` (a pointer to a member of Population); column count if none.
template <typename Column>
constexpr std::size_t population_column_index(Column column) {
    std::size_t index = population_column_count;
    std::size_t k = 0;
    std::apply([&](auto... listed) { ((index = detail::same_column(listed, column) ? k : index, ++k), ...); },
               population_columns);
    return index;
}

/// Calls `f(column)` for column number `k` of population_columns (0 <= k < population_column_count).
template <typename P, typename F>
void visit_population_column(P& population, std::size_t k, F&& f) {
    std::size_t i = 0;
    std::apply([&](auto... column) { ((i++ == k ? f(population.*column) : void()), ...); }, population_columns);
}

/// Calls `f(column of a, column of b)` for every column, so that no operation can miss one (held or not).
template <typename A, typename B, typename F>
void for_each_population_column(A& a, B& b, F&& f) {
    std::apply([&](auto... column) { (f(a.*column, b.*column), ...); }, population_columns);
}

}  // namespace carecast
