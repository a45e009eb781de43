// The declaration of a cohort module (cohorts/cohort_module.hpp): its optional members (`enabled`, the
// read_inputs that reads the parsed scenario) are accepted in their forms and rejected in any other, and a
// module without its own `enabled` is enabled by its scenario section; a module that says it initialises
// each person alone (`initialise_per_person`) gives the same states however its people are split.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cohorts/modules.hpp"
#include "demography/base_population.hpp"
#include "scenario_test_support.hpp"
#include "sim/model.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// The smallest module: no `enabled` (its section, `falls`, enables it), no tables.
struct SectionModule {
    static constexpr std::string_view name = "falls";
    static constexpr std::tuple<> columns{};
    static constexpr std::array<SlotAddress, 0> slots{};
    static constexpr std::array<StreamAddress, 0> streams{};
    struct Ids {};
    static void register_measures(MeasureRegistry&, Ids&) {}
    static std::span<const ReportRow> report_rows() { return {}; }
    static void initialise(const NewPeople&, Population&) {}
    static void own_year(const YearContext&, PersonYear&, Population&, Tally&) {}
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const Ids&, const Population&, std::size_t, const StockCount&) {}
};

struct OwnEnabled : SectionModule {
    static bool enabled(const CohortConfig&) { return true; }
};
struct EnabledOfAnotherShape : SectionModule {
    static int enabled(const CohortConfig&) { return 1; }
};

/// Tables whose configuration the module resolves itself, from the parsed scenario.
struct ScenarioTables : SectionModule {
    struct Inputs {
        std::filesystem::path table;
    };
    struct Rates {};
    static void read_inputs(const ScenarioFile&, const CohortConfig&, int, Inputs&, Diagnostics&) {}
    static void build_rates(const Inputs&, const CohortConfig&, const DemographicRates&, Rates&) {}
    static void change_rates(const RateChanges&, CohortConfig&, Rates&) {}
};
struct ConfigTables : ScenarioTables {
    static void read_inputs(const CohortConfig&, int, Inputs&, Diagnostics&) {}
};
struct TablesWithoutReader : SectionModule {
    struct Inputs {};
    struct Rates {};
    static void build_rates(const Inputs&, const CohortConfig&, const DemographicRates&, Rates&) {}
    static void change_rates(const RateChanges&, CohortConfig&, Rates&) {}
};
struct TablesWithoutBuilder : SectionModule {
    struct Inputs {};
    struct Rates {};
    static void read_inputs(const ScenarioFile&, const CohortConfig&, int, Inputs&, Diagnostics&) {}
    static void change_rates(const RateChanges&, CohortConfig&, Rates&) {}
};

static_assert(CohortModule<SectionModule>);
static_assert(CohortModule<OwnEnabled>);
static_assert(!CohortModule<EnabledOfAnotherShape>);
static_assert(CohortModule<ScenarioTables> && ReadsScenarioFile<ScenarioTables>);
static_assert(CohortModule<ConfigTables>);
static_assert(!CohortModule<TablesWithoutReader>);
static_assert(!CohortModule<TablesWithoutBuilder>);

}  // namespace

TEST_CASE("a module without its own `enabled` is enabled by its scenario section", "[cohorts][modules]") {
    Diagnostics d;
    const auto config = test::resolve_scenario_text(std::string(test::minimal_scenario) + "falls {}\n", d);
    const CohortConfig& cohorts = config.cohorts;
    CHECK(cohorts.has_section(scenario_section_number("falls")));
    CHECK(cohorts.has_section(scenario_section_number("demography")));
    CHECK_FALSE(cohorts.has_section(scenario_section_number("dementia")));
    CHECK_FALSE(cohorts.has_section(scenario_section_number("name")));  // a field, but not a section
    CHECK_FALSE(cohorts.has_section(scenario_section_number("no_such_section")));
    CHECK(scenario_section_number("name") == 0);
    CHECK(scenario_section_number("no_such_section") == 0);
    CHECK(is_enabled<SectionModule>(cohorts));
    CHECK_FALSE(is_enabled<SectionModule>(CohortConfig{}));
    CHECK(is_enabled<OwnEnabled>(CohortConfig{}));
}

TEST_CASE("every module without its own `enabled` is named after a scenario section", "[cohorts][modules]") {
    CohortModules::for_each([]<typename M>() {
        if constexpr (!DeclaresEnabled<M>) {
            INFO(M::name);
            CHECK(scenario_section_number(M::name) != 0);
        }
    });
}

TEST_CASE("a module that initialises per person gives the same states in blocks of any size as in one call",
          "[cohorts]") {
    // The base year runs such a module's initialise on blocks of people in parallel (sim/year_step.cpp);
    // here, in blocks of an odd size, the last first, against one call for everyone.
    auto loaded = test::load_baseline();
    const Model model = build_model(loaded);
    auto base_population = [&] {
        return make_population(model.demography.grid, model.demography.base_counts, columns_in_use(model.config()));
    };
    Population whole = base_population(), in_blocks = base_population();
    const std::size_t n = whole.size();
    const NewPeople everyone{model.demography, model.cohorts, 2718, 3, model.demography.base_year, 0, n, false, {},
                             &model.ids};
    int per_person = 0;
    BaseYearOrder::for_each([&]<typename M>() {
        if (!is_enabled<M>(model.config())) return;
        M::initialise(everyone, whole);
        if constexpr (InitialisesPerPerson<M>) {
            ++per_person;
            // Last block first: a person's state that depended on another's written by the same module
            // in another block (a module wrongly declared per person) would differ from the single call.
            for (std::size_t first = (n - 1) / 9999 * 9999;; first -= 9999) {
                NewPeople block = everyone;
                block.begin = first;
                block.end = std::min(n, first + 9999);
                M::initialise(block, in_blocks);
                if (first == 0) break;
            }
        } else {
            M::initialise(everyone, in_blocks);
        }
    });
    CHECK(per_person == 6);  // dementia, need, care homes, carers, SEND, home care
    std::size_t column = 0;
    for_each_population_column(whole, in_blocks, [&](const auto& a, const auto& b) {
        INFO("population column " << column++);
        CHECK(a == b);
    });
    CHECK(std::count(whole.dementia_years.begin(), whole.dementia_years.end(), 0) < static_cast<std::ptrdiff_t>(n));
}
