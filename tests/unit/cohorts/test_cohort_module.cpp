// The declaration of a cohort module (cohorts/cohort_module.hpp): its optional members (`enabled`, the
// read_inputs that reads the parsed scenario) are accepted in their forms and rejected in any other, and a
// module without its own `enabled` is enabled by its scenario section.
#include <catch2/catch.hpp>

#include "cohorts/modules.hpp"
#include "scenario_test_support.hpp"
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
