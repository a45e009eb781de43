#include "core/population.hpp"

namespace carecast {

namespace {
/// Calls `f(column of a, column of b)` for every column, so that no operation can miss one.
template <typename A, typename B, typename F>
void for_each_column_pair(A& a, B& b, F&& f) {
    f(a.key, b.key);
    f(a.age, b.age);
    f(a.sex, b.sex);
    f(a.area, b.area);
    f(a.partner, b.partner);
    f(a.dementia_years, b.dementia_years);
    f(a.flags, b.flags);
    f(a.carer, b.carer);
    f(a.send, b.send);
    f(a.care_home, b.care_home);
    f(a.stay_start, b.stay_start);
    f(a.stay_end, b.stay_end);
}

template <typename P, typename F>
void for_each_column(P& p, F&& f) {
    for_each_column_pair(p, p, [&f](auto& column, auto&) { f(column); });
}
}  // namespace

void Population::reserve(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.reserve(n); });
}

void Population::clear() {
    for_each_column(*this, [](auto& column) { column.clear(); });
}

void Population::add(std::uint64_t person_key, int person_age, int person_sex, int person_area) {
    for_each_column(*this, [](auto& column) { column.emplace_back(); });  // cohort states start at zero
    key.back() = person_key;
    age.back() = static_cast<std::uint8_t>(person_age);
    sex.back() = static_cast<std::uint8_t>(person_sex);
    area.back() = static_cast<std::uint16_t>(person_area);
    partner.back() = no_person;
}

void Population::append(const Population& other, std::size_t i) {
    for_each_column_pair(*this, other, [i](auto& column, const auto& from) { column.push_back(from[i]); });
}

void Population::move(std::size_t from, std::size_t to) {
    for_each_column(*this, [from, to](auto& column) { column[to] = column[from]; });
}

void Population::truncate(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.resize(n); });
}

}  // namespace carecast
