#include "core/population.hpp"

namespace carecast {

namespace {
template <typename P, typename F>
void for_each_column(P& p, F&& f) {
    for_each_population_column(p, p, [&f](auto& column, auto&) { f(column); });
}
}  // namespace

void Population::reserve(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.reserve(n); });
}

void Population::reserve_growing(std::size_t n) {
    if (key.capacity() < n) reserve(n + n / 16);  // every column is reserved together (reserve, add)
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
    for_each_population_column(*this, other, [i](auto& column, const auto& from) { column.push_back(from[i]); });
}

void Population::move(std::size_t from, std::size_t to) {
    for_each_column(*this, [from, to](auto& column) { column[to] = column[from]; });
}

void Population::truncate(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.resize(n); });
}

}  // namespace carecast
