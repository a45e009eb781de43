#include "cohorts/couples/couples.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace carecast {

void initialise_couples(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    if (!rates.config.couples.enabled) return;
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    const int n = rates.age_count;
    std::vector<std::deque<std::uint32_t>> men(static_cast<std::size_t>(n));
    std::vector<std::uint32_t> women;
    for (std::size_t i = people.begin; i < people.end; ++i) {
        const int sex = population.sex[i], age = population.age[i];
        if (age < 18) continue;
        DrawStream stream(key, population.key[i], people.year, RandomEvent::partnered);
        if (stream.uniform() >= rates.partnered_share[rates.at(sex, age)]) continue;
        if (sex == static_cast<int>(Sex::male))
            men[static_cast<std::size_t>(age)].push_back(static_cast<std::uint32_t>(i));
        else
            women.push_back(static_cast<std::uint32_t>(i));
    }
    const int gap = static_cast<int>(std::lround(rates.config.couples.mean_age_gap));
    for (const std::uint32_t w : women) {
        const int target = std::clamp(population.age[w] + gap, 18, n - 1);
        // Nearest age with a man still single, searching outwards from the target (at most 10 years).
        for (int offset = 0; offset <= 10; ++offset) {
            const int ages[2] = {target + offset, target - offset};
            bool matched = false;
            for (int a : ages) {
                if (a < 18 || a >= n || men[static_cast<std::size_t>(a)].empty()) continue;
                const std::uint32_t m = men[static_cast<std::size_t>(a)].front();
                men[static_cast<std::size_t>(a)].pop_front();
                population.partner[w] = m;
                population.partner[m] = w;
                people.count(people.ids->partnered_arrivals, w);
                people.count(people.ids->partnered_arrivals, m);
                matched = true;
                break;
            }
            if (matched) break;
        }
    }
}

}  // namespace carecast
