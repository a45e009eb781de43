#pragma once
// The cohort modules, listed once. Each is declared in its folder (cohorts/cohort_module.hpp says what
// a declaration holds); the lists below say in which order the model runs them, and the static_asserts
// fail the build when a module leaves out a declaration, is missing from a list, or when a population
// column or random-number address has no owner or two.
#include <algorithm>
#include <array>
#include <vector>

#include "cohorts/care_homes/care_homes.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/carers/carers.hpp"
#include "cohorts/cohort_module.hpp"
#include "cohorts/couples/couples.hpp"
#include "cohorts/dementia/dementia.hpp"
#include "cohorts/falls/falls.hpp"
#include "cohorts/home_care/home_care.hpp"
#include "cohorts/need/need.hpp"
#include "cohorts/send/send.hpp"

namespace carecast {

/// An ordered list of module types; for_each calls `f.template operator()<M>()` for each, unrolled at
/// compile time.
template <typename... Modules>
struct ModuleList {
    static constexpr std::size_t size = sizeof...(Modules);
    template <typename F>
    static constexpr void for_each(F&& f) {
        (f.template operator()<Modules>(), ...);
    }
    template <typename M>
    static constexpr bool contains() {
        return (std::is_same_v<M, Modules> + ... + 0) == 1;
    }
};

/// Every module, in the order of declaration: measures are registered, written to the output file and
/// listed in the key indicators (within a theme) in this order. A new module goes at the end.
using CohortModules = ModuleList<DementiaModule, CouplesModule, CarersModule, SendModule, FallsModule, CareHomesModule,
                                 HomeCareModule, NeedModule, SelfFundersModule>;

/// The order of the base year: couples and dementia before need (dementia raises need), all three
/// before care homes (residence depends on them), care homes before carers and home care (residents
/// are neither).
using BaseYearOrder = ModuleList<CouplesModule, DementiaModule, NeedModule, CareHomesModule, CarersModule, SendModule,
                                 HomeCareModule, FallsModule, SelfFundersModule>;

/// The order of pass 1 of the yearly step, after death, emigration and births: dementia onset before
/// need (dementia raises it), both before falls and admission (which read them), admission before home
/// care (which needs to know who is at home at the end) and SEND (which is skipped for people whose new
/// stay ended in death).
using OwnYearOrder = ModuleList<DementiaModule, NeedModule, FallsModule, CareHomesModule, HomeCareModule, SendModule,
                                CouplesModule, CarersModule, SelfFundersModule>;

/// Columns of the demography (every person has them) and the flags column shared by the modules (each
/// owns its bits of PersonFlag).
inline constexpr std::tuple demography_columns{&Population::key, &Population::age, &Population::sex, &Population::area};
inline constexpr std::tuple shared_cohort_columns{&Population::flags};

/// Random-number addresses drawn by the demography (sim/year_step.cpp) and by parameter uncertainty.
inline constexpr std::array demography_slots{Slot::death_or_emigration, Slot::birth, Slot::child_sex, Slot::child_death,
                                             Slot::child_emigration};
inline constexpr std::array demography_streams{RandomEvent::immigrant_arrivals, RandomEvent::decisions};

/// True if the scenario enables any cohort module.
inline bool any_cohort_enabled(const CohortConfig& config) {
    bool any = false;
    CohortModules::for_each([&]<typename M>() { any = any || M::enabled(config); });
    return any;
}

/// Indices in population_columns of the columns compaction must move: the demography's without cohort
/// modules (the other columns then hold their initial value for everyone), every column with any. (Not
/// only the enabled modules' columns: a module may write another's column, as carers' tests set
/// partner links without the couples module.)
std::vector<std::size_t> columns_in_use(const CohortConfig& config);

/// Registers every enabled module's measures, in declaration order.
void register_cohort_measures(const CohortConfig& config, MeasureRegistry& registry, MeasureIds& ids);

/// Every module's key-indicator lines, in declaration order.
std::vector<ReportRow> cohort_report_rows();

namespace detail {

template <typename M>
constexpr bool declares_everything() {
    static_assert(CohortModule<M>, "a cohort module leaves out a declaration of cohorts/cohort_module.hpp");
    return CohortModule<M>;
}

template <typename... M>
constexpr bool lists_agree(ModuleList<M...>) {
    return ((BaseYearOrder::contains<M>() && OwnYearOrder::contains<M>() && CohortModules::contains<M>()) && ...) &&
           BaseYearOrder::size == CohortModules::size && OwnYearOrder::size == CohortModules::size;
}

/// How many declarations claim population column k.
template <typename... M>
constexpr int column_claims(std::size_t k, ModuleList<M...>) {
    int claims = 0;
    auto claim = [&](const auto& columns) {
        std::apply([&](auto... c) { ((claims += population_column_index(c) == k ? 1 : 0), ...); }, columns);
    };
    claim(demography_columns);
    claim(shared_cohort_columns);
    (claim(M::columns), ...);
    return claims;
}

constexpr bool every_column_has_one_owner() {
    for (std::size_t k = 0; k < population_column_count; ++k)
        if (column_claims(k, CohortModules{}) != 1) return false;
    return true;
}

template <typename... M>
constexpr int slot_claims(Slot slot, ModuleList<M...>) {
    auto count = [slot](const auto& slots) { return static_cast<int>(std::count(slots.begin(), slots.end(), slot)); };
    return count(demography_slots) + (count(M::slots) + ... + 0);
}

template <typename... M>
constexpr int stream_claims(RandomEvent event, ModuleList<M...>) {
    auto count = [event](const auto& events) {
        return static_cast<int>(std::count(events.begin(), events.end(), event));
    };
    return count(demography_streams) + (count(M::streams) + ... + 0);
}

constexpr bool every_address_has_one_owner() {
    for (const SlotAddress& s : slot_addresses)
        if (slot_claims(s.slot, CohortModules{}) != 1) return false;
    for (const StreamAddress& s : stream_addresses)
        if (stream_claims(s.event, CohortModules{}) != 1) return false;
    return true;
}

template <typename... M>
constexpr bool check_modules(ModuleList<M...>) {
    return (declares_everything<M>() && ...);
}

}  // namespace detail

static_assert(detail::check_modules(CohortModules{}));
static_assert(detail::lists_agree(CohortModules{}),
              "every module appears once in CohortModules, BaseYearOrder and OwnYearOrder");
static_assert(detail::every_column_has_one_owner(),
              "every Population column is claimed once: by demography_columns, shared_cohort_columns or one "
              "module's `columns`");
static_assert(detail::every_address_has_one_owner(),
              "every Slot and stream address of core/random.hpp is claimed once: by the demography or one "
              "module's `slots` or `streams`");

}  // namespace carecast
