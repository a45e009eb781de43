// Every live random-number address is distinct and named, and no retired module or event id is drawn
// from (docs/architecture.md, "Random numbers"). A DrawBlock slot takes one 32-bit word of its module's
// block for event `decisions`; a DrawStream takes every word of its (module, event) address.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "cohorts/modules.hpp"
#include "core/random.hpp"

using namespace carecast;

namespace {

struct Site {
    std::string name;
    RandomModule module;
    RandomEvent event;
    int word;  // -1: a stream, which uses every word of the address
};

std::vector<Site> live_sites() {
    std::vector<Site> out;
    for (const SlotAddress& s : random_slots) out.push_back({s.name, s.module, RandomEvent::decisions, s.word});
    for (const StreamAddress& s : random_streams) out.push_back({s.name, s.module, s.event, -1});
    return out;
}

bool overlap(const Site& a, const Site& b) {
    return a.module == b.module && a.event == b.event && (a.word < 0 || b.word < 0 || a.word == b.word);
}

constexpr std::uint32_t module_ids = 13;
constexpr std::uint64_t event_ids = 34;

}  // namespace

TEST_CASE("every live (module, event, slot) address is distinct", "[random][addresses]") {
    const std::vector<Site> sites = live_sites();
    for (std::size_t i = 0; i < sites.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            INFO(sites[i].name << " and " << sites[j].name);
            CHECK_FALSE(overlap(sites[i], sites[j]));
        }
}

TEST_CASE("no live address uses a retired module or event id", "[random][addresses]") {
    for (const Site& s : live_sites()) {
        INFO(s.name);
        CHECK_FALSE(is_retired(s.module));
        CHECK_FALSE(is_retired(s.event));
        CHECK(s.word < 8);
    }
}

TEST_CASE("every module and event id that is not retired has a live address", "[random][addresses]") {
    const std::vector<Site> sites = live_sites();
    int retired_modules = 0, retired_events = 0;
    for (std::uint32_t id = 1; id <= module_ids; ++id) {
        const auto module = static_cast<RandomModule>(id);
        if (is_retired(module)) {
            ++retired_modules;
            continue;
        }
        bool used = false;
        for (const Site& s : sites) used = used || s.module == module;
        INFO("module " << id);
        CHECK(used);
    }
    for (std::uint64_t id = 1; id <= event_ids; ++id) {
        const auto event = static_cast<RandomEvent>(id);
        if (is_retired(event)) {
            ++retired_events;
            continue;
        }
        bool used = false;
        for (const Site& s : sites) used = used || s.event == event;
        INFO("event " << id);
        CHECK(used);
    }
    CHECK(retired_modules == 4);
    CHECK(retired_events == 23);
    // Module ids past the last are not ids at all, and count as retired (never drawn from); an event id
    // past the last listed is free for a module to declare in its folder.
    CHECK(is_retired(static_cast<RandomModule>(module_ids + 1)));
    CHECK_FALSE(is_retired(static_cast<RandomEvent>(event_ids + 1)));
    CHECK(last_listed_event == event_ids);
    CHECK(is_retired(static_cast<RandomModule>(0)));
    CHECK(is_retired(static_cast<RandomEvent>(0)));
}

TEST_CASE("philox_address lays out the key and counter as documented", "[random][addresses]") {
    const PhiloxAddress a = philox_address({7, 3, RandomModule::births}, 99, 2020, RandomEvent::stay_length);
    CHECK(a.key.v[0] == 7);
    CHECK(a.key.v[1] == ((std::uint64_t{3} << 32) | 3));
    CHECK(a.counter.v[0] == 99);
    CHECK(a.counter.v[1] == 2020);
    CHECK(a.counter.v[2] == 13);
    CHECK(a.counter.v[3] == 0);
}

TEST_CASE("a named slot reads its word of its module's block", "[random][addresses]") {
    for (const SlotAddress& s : random_slots) {
        DrawBlock block({11, 2, s.module}, 12345, 2021);
        CHECK(block.word(s) == block.word(s.word));
    }
}
