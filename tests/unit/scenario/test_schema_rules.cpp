#include <catch2/catch.hpp>

#include <functional>
#include <set>

#include "carecast/options.pb.h"
#include "scenario/model_config.hpp"
#include "scenario/schema_rules.hpp"
#include "scenario_test_support.hpp"
#include "schema_test_support.hpp"
#include "test_support.hpp"

using namespace carecast;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

namespace {

/// Calls `visit` on every field of every message reachable from Scenario, and of DataColumns (the ranges
/// of data-table columns), once.
void for_each_field(const std::function<void(const FieldDescriptor&)>& visit) {
    std::set<const Descriptor*> seen;
    std::function<void(const Descriptor&)> walk = [&](const Descriptor& d) {
        if (!seen.insert(&d).second) return;
        for (int i = 0; i < d.field_count(); ++i) {
            visit(*d.field(i));
            if (d.field(i)->message_type() != nullptr) walk(*d.field(i)->message_type());
        }
    };
    walk(*Scenario::descriptor());
    walk(*DataColumns::descriptor());
}
}  // namespace

TEST_CASE("every number of the scenario schema has a unit and a range, or says why not", "[scenario][schema]") {
    int numbers = 0;
    for_each_field([&](const FieldDescriptor& f) {
        if (!is_schema_number(f)) return;
        ++numbers;
        test::check_unit_and_range(f);
    });
    CHECK(numbers > 80);
}

TEST_CASE("every default of the schema lies in its field's range", "[scenario][schema]") {
    for_each_field([&](const FieldDescriptor& f) {
        const auto& o = f.options();
        INFO(f.full_name());
        if (o.HasExtension(carecast::default_value) && is_schema_number(f))
            CHECK(within_schema_range(f, o.GetExtension(carecast::default_value)));
        for (int i = 0; i < o.ExtensionSize(carecast::default_values); ++i)
            CHECK(within_schema_range(f, o.GetExtension(carecast::default_values, i)));
        if (o.HasExtension(carecast::default_value) && f.message_type() == UnitCost::descriptor())
            CHECK(within_schema_range(schema_field(*UnitCost::descriptor(), UnitCost::kPenceFieldNumber),
                                      o.GetExtension(carecast::default_value)));
    });
}

TEST_CASE("the engine's defaults are the schema's", "[scenario][schema]") {
    Diagnostics d;
    auto file = parse_scenario_text(test::minimal_scenario, test::source_path("scenarios/s.txtpb"), d);
    REQUIRE(file);
    const auto config = resolve_model_config(*file, d);
    CHECK(d.empty());
    CHECK(config.demography.mortality_factor_male == 1.0);  // national rates: County Durham sets 1.1389
    CHECK(config.run.seed == 20160630u);
    CHECK(config.cohorts.care_homes.nursing_hazard_later == 1.47);
    CHECK(config.cohorts.carers.hours_partner == HoursShares{0.15, 0.20, 0.65});
    CHECK(config.finance.money.prices[static_cast<std::size_t>(BudgetLine::ehc_plans)].pence == 1700000);
    CHECK(config.finance.money.funded_share_bp[static_cast<std::size_t>(BudgetLine::direct_payments)] == 10000);
}

TEST_CASE("the generic range check reaches nested messages and repeated elements", "[scenario][schema]") {
    const std::string all =
        test::resolve_messages(std::string(test::minimal_scenario) +
                               R"(dementia { prevalence_csv: "data/cfas2_dementia_prevalence_rates.csv" }
couples { partnered_share_csv: "data/cd_base_mid2016_syoa_sex.csv" }
carers { prevalence_csv: "data/cd_base_mid2016_syoa_sex.csv" hours_shares_partner: [0.5, 0.6, -0.1] }
money {
  envelope { line: "carer_support" base_pounds: 10 }
  envelope { line: "carer_support" growth_bp: 20000 }
  deflator { source: "x" by_year { financial_year: 2020 bp: -6000 } }
}
)");
    CHECK_THAT(all, Catch::Contains("s.txtpb:10:62: error: carers.hours_shares_partner[2]: value -0.1 is out of "
                                    "range: a share must be in [0, 1]"));
    CHECK_THAT(all, Catch::Contains("money.envelope[1].growth_bp: value 20000 is out of range: a yearly change in "
                                    "basis points must be in [-5000, 10000]"));
    CHECK_THAT(all, Catch::Contains("money.deflator.by_year[0].bp: value -6000 is out of range"));
}
