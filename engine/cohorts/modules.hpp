#pragma once
// The cohort modules, listed once. Each is declared in its folder (cohorts/cohort_module.hpp says what
// a declaration holds); the lists below say in which order the model runs them, and the static_asserts
// fail the build when a module leaves out a declaration, is missing from a list, when a population
// column has no owner or two, or when two random-number addresses coincide. The measure ids are composed
// here from each module's `Ids`.
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
inline constexpr std::array demography_slots{slot::death_or_emigration, slot::birth, slot::child_sex, slot::child_death,
                                             slot::child_emigration};
inline constexpr std::array demography_streams{
    StreamAddress{"immigrant arrivals (per cell)", RandomModule::immigration, RandomEvent::immigrant_arrivals},
    StreamAddress{"parameter uncertainty", RandomModule::parameters, RandomEvent::decisions}};

/// Every measure id: the demography's and each module's `Ids`, -1 where the module is disabled.
template <typename List>
struct ModuleIds;
template <typename... Modules>
struct ModuleIds<ModuleList<Modules...>> : Modules::Ids... {};
struct MeasureIds : DemographyIds, ModuleIds<CohortModules> {};

/// Every table and rate: the ones built together (cohort_inputs.hpp, cohort_rates.hpp) and each module's
/// own `Inputs` and `Rates` (none for a module without tables).
template <typename M>
struct NoTables {
    struct Inputs {};
    struct Rates {};
};
template <typename M>
using TablesOf = std::conditional_t<HasTables<M>, M, NoTables<M>>;
template <typename List>
struct ModuleTables;
template <typename... Modules>
struct ModuleTables<ModuleList<Modules...>> {
    struct Inputs : TablesOf<Modules>::Inputs... {};
    struct Rates : TablesOf<Modules>::Rates... {};
};
struct CohortInputs : SharedCohortInputs, ModuleTables<CohortModules>::Inputs {};
struct CohortRates : SharedCohortRates, ModuleTables<CohortModules>::Rates {};

namespace detail {
/// The arrays one after the other.
template <typename T, std::size_t... N>
constexpr auto concatenate(const std::array<T, N>&... parts) {
    std::array<T, (N + ... + 0)> out{};
    std::size_t k = 0;
    ((std::copy(parts.begin(), parts.end(), out.begin() + k), k += N), ...);
    return out;
}
template <typename... M>
constexpr auto gather_slots(ModuleList<M...>) {
    return concatenate(demography_slots, M::slots...);
}
template <typename... M>
constexpr auto gather_streams(ModuleList<M...>) {
    return concatenate(demography_streams, M::streams...);
}
}  // namespace detail

/// Every live random-number address: the demography's and every module's slots and streams.
inline constexpr auto random_slots = detail::gather_slots(CohortModules{});
inline constexpr auto random_streams = detail::gather_streams(CohortModules{});

/// True if the scenario enables any cohort module.
inline bool any_cohort_enabled(const CohortConfig& config) {
    bool any = false;
    CohortModules::for_each([&]<typename M>() { any = any || is_enabled<M>(config); });
    return any;
}

/// Indices in population_columns of the columns a run's population holds and compaction moves: the
/// demography's without cohort modules (the others are left empty: Population::hold_only; pass 1 then
/// reads no other), every column with any. (Not only the enabled modules' columns: a module may write
/// another's column, as carers' tests set partner links without the couples module.)
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

/// No two slots share a word, every word is 0..7 of a module that is not retired, and no stream is drawn
/// at a DrawBlock's address (event `decisions` of a module with slots).
constexpr bool slots_distinct() {
    for (std::size_t i = 0; i < random_slots.size(); ++i) {
        const SlotAddress& s = random_slots[i];
        if (s.word < 0 || s.word > 7 || is_retired(s.module)) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (same_word(s, random_slots[j])) return false;
        for (const StreamAddress& t : random_streams)
            if (t.module == s.module && t.event == RandomEvent::decisions) return false;
    }
    return true;
}

/// No two streams share a (module, event) address; none uses a retired id or `decisions` (but for
/// parameter uncertainty, which has no DrawBlock).
constexpr bool streams_distinct() {
    for (std::size_t i = 0; i < random_streams.size(); ++i) {
        const StreamAddress& s = random_streams[i];
        if (is_retired(s.module) || is_retired(s.event)) return false;
        if (s.event == RandomEvent::decisions && s.module != RandomModule::parameters) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (random_streams[j].module == s.module && random_streams[j].event == s.event) return false;
    }
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
static_assert(detail::slots_distinct(),
              "two slots share a word, or a slot's word or module is not valid (demography_slots and every "
              "module's `slots`)");
static_assert(detail::streams_distinct(),
              "two streams share a (module, event) address, or one uses a retired id (demography_streams and "
              "every module's `streams`)");

}  // namespace carecast
