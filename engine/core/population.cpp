#include "core/population.hpp"

namespace carecast {

namespace {
/// Calls `f` on every column, so that reserve, clear and copies can never miss one.
template <typename P, typename F>
void for_each_column(P& p, F&& f) {
    f(p.key);
    f(p.age);
    f(p.sex);
    f(p.area);
    f(p.partner);
    f(p.dementia_years);
    f(p.flags);
    f(p.carer);
    f(p.send);
    f(p.care_home);
    f(p.stay_start);
    f(p.stay_end);
}
}  // namespace

void Population::reserve(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.reserve(n); });
}

void Population::clear() {
    for_each_column(*this, [](auto& column) { column.clear(); });
}

void Population::add(std::uint64_t person_key, int person_age, int person_sex, int person_area) {
    key.push_back(person_key);
    age.push_back(static_cast<std::uint8_t>(person_age));
    sex.push_back(static_cast<std::uint8_t>(person_sex));
    area.push_back(static_cast<std::uint16_t>(person_area));
    partner.push_back(no_person);
    dementia_years.push_back(0);
    flags.push_back(0);
    carer.push_back(0);
    send.push_back(0);
    care_home.push_back(0);
    stay_start.push_back(0);
    stay_end.push_back(0);
}

void Population::append(const Population& other, std::size_t i) {
    key.push_back(other.key[i]);
    age.push_back(other.age[i]);
    sex.push_back(other.sex[i]);
    area.push_back(other.area[i]);
    partner.push_back(other.partner[i]);
    dementia_years.push_back(other.dementia_years[i]);
    flags.push_back(other.flags[i]);
    carer.push_back(other.carer[i]);
    send.push_back(other.send[i]);
    care_home.push_back(other.care_home[i]);
    stay_start.push_back(other.stay_start[i]);
    stay_end.push_back(other.stay_end[i]);
}

void Population::move(std::size_t from, std::size_t to) {
    for_each_column(*this, [from, to](auto& column) { column[to] = column[from]; });
}

void Population::truncate(std::size_t n) {
    for_each_column(*this, [n](auto& column) { column.resize(n); });
}

}  // namespace carecast
