#pragma once
// What a cohort module declares, in one place: its folder under engine/cohorts/ holds a struct with
// these members, and cohorts/modules.hpp lists it. The yearly step, exits, stock counting, compaction,
// the base year, measure registration and the report's key indicators iterate over the list, so none
// of them names a module. The concept below is the compile-time check that a module left nothing out.
//
//   name                the scenario section (a message field of `Scenario`) that enables it
//   enabled(config)     optional: whether the scenario enables it; without it, whether the scenario
//                       writes section `name` (is_enabled below; a unit test checks the name is a section)
//   columns             the Population columns it owns (a std::tuple of member pointers; each column
//                       has one owner, checked in modules.hpp)
//   slots, streams      the random-number addresses it draws from (core/random.hpp: SlotAddress and
//                       StreamAddress), declared in its folder (slots in namespace `slot`); no two
//                       coincide, checked in modules.hpp
//   Ids                 the ids of its measures (MeasureIds, composed in modules.hpp, holds every
//                       module's)
//   Inputs, Rates       optional: its own tables and yearly rates (CohortInputs and CohortRates, composed
//   read_inputs,        in modules.hpp, hold every module's), read when a scenario is loaded and built
//   build_rates,        once per model (before the rates built together in cohort_rates.cpp);
//   change_rates        change_rates applies a year's interventions to its rates and its section of the
//                       configuration (sim/year_rates.cpp calls it; the Rate rows are in rate_table.cpp).
//                       read_inputs takes the resolved CohortConfig, or (its other form) the parsed
//                       ScenarioFile first: a module whose parameters no intervention, schedule or money
//                       reads resolves its own `Config` from its section there and keeps it in its Inputs,
//                       so engine/scenario/ does not name it (docs/adding_a_module.md)
//   data_files          optional: the data files it reads, for the scenario digest (sim/load_scenario.cpp;
//                       the modules older than this hook have theirs in its fixed list), from the
//                       CohortConfig or from its Inputs
//   register_measures   registers its stocks and flows (names, long names, accounting) and sets its Ids
//   report_rows()       its lines in the table of key indicators (report/indicators.cpp)
//   initialise          the first states of new people [begin, end): the base-year population, or
//                       the people arriving (immigrants) at the end of a year (NewPeople below)
//   initialise_per_person  optional, `static constexpr bool`: true if initialise decides each person
//                       alone (writes only person i's columns, reads others' only as earlier modules
//                       left them), so the base year may call it for blocks of people in parallel
//   own_year            pass 1 of the yearly step, for a person (it checks whether they are alive,
//                       a resident, ...); called only when enabled, in the order of OwnYearOrder
//   count_exit          a person who died or moved away leaves the module's stocks (it gets its Ids)
//   count_stocks        the module's stocks a person is in at mid-year (StockCount, person_year.hpp);
//                       called in pass 1 before the person's year, so it may read only person i's columns
// Per-person hooks are static and inline (or direct calls): the step unrolls the list at compile time,
// with no virtual call per person.
#include <array>
#include <concepts>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "cohorts/person_year.hpp"
#include "cohorts/rate_changes.hpp"

namespace carecast {

/// The people a module gives their first states (its `initialise` hook): the base-year population
/// (the range [0, n) at the base year, `arriving` false), or the people who moved in during a year
/// (sim/year_step.cpp add_immigrants: one area's arrivals at a time, all areas' appended after the
/// survivors and newborns before any is initialised, `arriving` true). States are drawn from the
/// prevalence of the person's age and sex in `year`, each person's draws from base_states streams
/// addressed by their key and `year` (an immigrant's key holds the year and cell of arrival, so no
/// address is drawn twice): results stay bit-identical across threads. Modules run in BaseYearOrder,
/// only when enabled. A module decides which states new arrivals can hold: nobody arrives into a care
/// home (docs/cohorts.md).
struct NewPeople {
    const DemographicRates& demography;
    const CohortRates& rates;  // the rates of the year (interventions and schedules applied)
    std::uint64_t seed;
    std::uint32_t replicate;
    int year;                // the mid-year at which they are first counted: the base year, or arrival
    std::size_t begin, end;  // their indices in the population, [begin, end)
    bool arriving;           // false: the base-year population; true: people moving in
    // Factors on the base-year rate of new EHC plans in intervals 0, 1, ... up to the year before `year`
    // (empty in the base year): the EHC profile arrivals get is the one these starts have built.
    std::span<const double> ehc_growth_factors = {};
    // The model's measures, and for arrivals a counter of people arriving into a stock: flow `id` at the
    // person's cell in the interval they arrive at the end of (each stock keeps previous + inflows -
    // outflows). Empty in the base year, when count() counts nothing.
    const MeasureIds* ids = nullptr;
    std::function<void(MeasureId, std::size_t)> count_arrival = {};

    /// Counts person i arriving into the stock whose arrival flow is `id` (nothing in the base year or
    /// for a disabled measure).
    void count(MeasureId id, std::size_t i) const {
        if (count_arrival && id >= 0) count_arrival(id, i);
    }
};

/// A line of the key-indicator table (report/indicators.hpp IndicatorDefinition), as plain data: a
/// count of `variables` over ages [min_age, max_age], or with `numerator` a ratio of two earlier lines,
/// or with `expand` one line per coordinate of that dimension (restricted to `select`).
struct ReportRow {
    std::string_view id;
    std::string_view label;
    std::string_view theme;  // a report theme id: "dementia", "care_homes", "care_at_home", ...
    std::string_view unit;
    std::string_view variables;  // names of the output variables summed, separated by spaces
    int min_age = 0;
    int max_age = 1000;  // 1000: open-ended
    bool headline = false;
    std::string_view numerator = {};
    std::string_view denominator = {};
    double scale = 1.0;
    std::string_view expand = {};                 // a dimension
    std::array<std::string_view, 2> select = {};  // {dimension, coordinate}
    std::string_view kind = "count";              // "count", "rate", "days"
};

template <typename Tuple>
inline constexpr bool is_column_tuple = false;
template <typename... Columns>
inline constexpr bool is_column_tuple<std::tuple<Columns...>> = true;

/// A module with tables of its own: their types and the functions that read and build them. The tables
/// are optional (a module without any declares none of these), but come all together.
template <typename M>
concept HasTables = requires {
    typename M::Inputs;
}
|| requires {
    typename M::Rates;
};
/// read_inputs in the form that reads the parsed scenario (its own configuration, resolved in its folder).
template <typename M>
concept ReadsScenarioFile = requires(const ScenarioFile& file, const CohortConfig& config, int max_age,
                                     typename M::Inputs& in, Diagnostics& diagnostics) {
    { M::read_inputs(file, config, max_age, in, diagnostics) } -> std::same_as<void>;
};
template <typename M>
concept ReadsCohortConfig = requires(const CohortConfig& config, int max_age, typename M::Inputs& in,
                                     Diagnostics& diagnostics) {
    { M::read_inputs(config, max_age, in, diagnostics) } -> std::same_as<void>;
};
template <typename M>
concept DeclaresTables = requires(const CohortConfig& config, typename M::Inputs& in,
                                  const DemographicRates& demography, typename M::Rates& rates,
                                  const RateChanges& changes, CohortConfig& year_config) {
    requires ReadsCohortConfig<M> || ReadsScenarioFile<M>;
    { M::build_rates(std::as_const(in), config, demography, rates) } -> std::same_as<void>;
    { M::change_rates(changes, year_config, rates) } -> std::same_as<void>;
};

/// A module that says itself whether the scenario enables it (else its section does: is_enabled).
template <typename M>
concept DeclaresEnabled = requires(const CohortConfig& config) {
    { M::enabled(config) } -> std::same_as<bool>;
};

template <typename M>
concept DeclaresAnyEnabled = requires {  // a member `enabled` of any shape
    M::enabled;
};

/// Whether module M declares `initialise_per_person = true` (see the top of this file).
template <typename M>
concept InitialisesPerPerson = requires {
    requires M::initialise_per_person;
};

/// Everything a cohort module must declare (see the top of this file).
template <typename M>
concept CohortModule = requires(const CohortConfig& config, MeasureRegistry& registry, typename M::Ids& own_ids,
                                const NewPeople& people, const YearContext& c, PersonYear& p, Population& population,
                                Tally& tally, std::size_t i, const StockCount& count) {
    { M::name } -> std::convertible_to<std::string_view>;
    requires DeclaresEnabled<M> || !DeclaresAnyEnabled<M>;  // an `enabled` of another shape does not compile
    requires is_column_tuple<std::remove_cvref_t<decltype(M::columns)>>;
    {std::span<const SlotAddress>(M::slots)};
    {std::span<const StreamAddress>(M::streams)};
    requires std::is_aggregate_v<typename M::Ids>;
    { M::register_measures(registry, own_ids) } -> std::same_as<void>;
    { M::report_rows() } -> std::same_as<std::span<const ReportRow>>;
    { M::initialise(people, population) } -> std::same_as<void>;
    { M::own_year(c, p, population, tally) } -> std::same_as<void>;
    { M::count_exit(own_ids, p, population, tally) } -> std::same_as<void>;
    { M::count_stocks(own_ids, population, i, count) } -> std::same_as<void>;
    requires !HasTables<M> || DeclaresTables<M>;
};

/// The field number of module M's section of `Scenario` (found once; std::logic_error if `M::name` names
/// none, which a module without its own `enabled` must).
template <typename M>
int section_number_of() {
    static const int number = [] {
        const int found = scenario_section_number(M::name);
        if (found == 0)
            throw std::logic_error("cohort module '" + std::string(M::name) +
                                   "' declares no `enabled` and its name is not a section of Scenario");
        return found;
    }();
    return number;
}

/// Whether the scenario enables module M: its own `enabled`, or else whether the scenario writes its
/// section. Cheap enough to ask per person (the field number is looked up once).
template <typename M>
bool is_enabled(const CohortConfig& config) {
    if constexpr (DeclaresEnabled<M>)
        return M::enabled(config);
    else
        return config.has_section(section_number_of<M>());
}

}  // namespace carecast
