// Resolving and validating the money and market sections: defaults, and every bad value reported at
// its field with the allowed range.
#include <catch2/catch.hpp>

#include "finance/finance_rates.hpp"
#include "scenario/model_config.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario_test_support.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// Home care and SEND only: lines home_care, direct_payments, reablement and ehc_plans are costed.
const std::string cohorts = R"(schema_version: 1
name: "t"
demography {
  base_population_csv: "data/cd_base_mid2016_syoa_sex.csv"
  mortality { death_rates_csv: "data/ew_hmd_mx_2011-2016.csv" }
  fertility { fertility_rates_csv: "data/ew_hfd_asfr_2011-2016.csv" }
}
send {
  sen_support_prevalence_csv: "data/assumptions/sen_support_prevalence.csv"
  ehc_plan_prevalence_csv: "data/assumptions/ehc_plan_prevalence.csv"
}
home_care {
  reablement_probability_csv: "data/assumptions/reablement_probability.csv"
  home_care_start_probability_csv: "data/assumptions/home_care_start_probability.csv"
  home_care_hours_per_week: 12.5
}
)";
}  // namespace

TEST_CASE("without money and market sections nothing is computed", "[finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts, d);
    CHECK(d.empty());
    CHECK_FALSE(c.finance.money.enabled);
    CHECK_FALSE(c.finance.market.enabled);
}

TEST_CASE("an empty money section takes the documented defaults", "[finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + "money {}\nmarket { extra_care_units { base: 60 } }\n", d);
    INFO(d.to_string());
    CHECK(d.empty());
    const auto& m = c.finance.money;
    CHECK(m.enabled);
    CHECK(m.price_base_year == 2016);  // run.base_year
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::residential_care)].pence == 56300);
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::nursing_care)].pence == 66600);
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::home_care)].pence == 1612);
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::home_care)].price_year == 2016);
    CHECK(m.funded_share_bp[static_cast<std::size_t>(BudgetLine::reablement)] == 10000);
    CHECK(m.carers_supported_share_bp == 700);
    CHECK(m.home_care_centihours_per_week == 1250);  // from home_care.home_care_hours_per_week
    CHECK(m.costed == std::array<bool, budget_line_count>{false, false, true, true, true, false, false, true});
    CHECK(m.deflator.rate_bp == 200);
    CHECK(c.finance.market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)].base == 60);
}

TEST_CASE("money values are read exactly", "[finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(money {
  price_base_year: 2017
  home_care { pence: 1700 price_year: 2018 uplift_bp: 250 uplift_by_year { financial_year: 2021 bp: 500 } }
  home_care_funded_share_bp: 8000
  envelope { line: "home_care" base_pounds: 1000000 growth_bp: 200 by_year { financial_year: 2020 pounds: 2000000 } }
  saving { financial_year: 2019 pounds: 35 }
  saving { financial_year: 2020 line: "reablement" pounds: 5 }
})",
                                               d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& m = c.finance.money;
    const auto& hc = m.prices[static_cast<std::size_t>(BudgetLine::home_care)];
    CHECK(hc.pence == 1700);
    CHECK(hc.price_year == 2018);
    CHECK(hc.uplift_bp == 250);
    REQUIRE(hc.uplift_by_year.size() == 1);
    CHECK(hc.uplift_by_year[0].bp == 500);
    // Read in run.base_year, not price_base_year: the base year of real terms never moves a price (issue 12).
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::reablement)].price_year == 2016);
    const auto& e = m.envelopes[static_cast<std::size_t>(BudgetLine::home_care)];
    CHECK(e.base_pence == 100000000);
    CHECK(e.by_year[0].pence == 200000000);
    REQUIRE(m.savings.size() == 2);
    CHECK(m.savings[0].line == -1);
    CHECK(m.savings[0].pence == 3500);
    CHECK(m.savings[1].line == static_cast<int>(BudgetLine::reablement));
}

TEST_CASE("bad money values are reported at their fields all at once", "[finance]") {
    Diagnostics d;
    test::resolve_scenario_text(cohorts + R"(money {
  home_care { pence: -5 }
  reablement_funded_share_bp: 10001
  envelope { line: "home_cair" }
  envelope { line: "residential_care" }
  saving { line: "total" pounds: 3 }
  reablement { uplift_by_year { financial_year: 2020 bp: 20000 } uplift_by_year { financial_year: 2020 bp: 1 } }
})",
                                d);
    const auto all = d.to_string();
    CHECK_THAT(all, Catch::Contains("s.txtpb:18:15: error: money.home_care.pence: value -5 is out of range: a price in "
                                    "pence must be in [0, 100000000]"));
    CHECK_THAT(all, Catch::Contains("s.txtpb:19:3: error: money.reablement_funded_share_bp: value 10001 is out of "
                                    "range: a share in basis points (10000 = 100%) must be in [0, 10000]"));
    CHECK_THAT(all, Catch::Contains("s.txtpb:20:14: error: money.envelope[0].line: unknown budget line 'home_cair': "
                                    "one of residential_care, nursing_care, home_care"));
    CHECK_THAT(all, Catch::Contains("s.txtpb:21:14: error: money.envelope[1].line: budget line 'residential_care' is "
                                    "not costed: it needs a `care_homes` section"));
    CHECK_THAT(all, Catch::Contains("money.saving[0].financial_year: is required"));
    CHECK_THAT(all, Catch::Contains("money.reablement.uplift_by_year[0].bp: value 20000 is out of range"));
    CHECK_THAT(all, Catch::Contains("s.txtpb:23:83: error: money.reablement.uplift_by_year[1].financial_year: "
                                    "financial year 2020 is given twice"));
    CHECK(d.items().size() == 7);
}

TEST_CASE("bad market values are reported at their fields", "[finance]") {
    Diagnostics d;
    test::resolve_scenario_text(cohorts + R"(market {
  residential_beds { base: 100 }
  extra_care_units { base: 10 change { financial_year: 2020 amount: -20 } change { financial_year: 2016 amount: 5 } }
  home_care_hours_per_week { base: -1 change { financial_year: 2022 } change { amount: 3 } }
  special_school_share_bp: -3
})",
                                d);
    const auto all = d.to_string();
    CHECK_THAT(all, Catch::Contains("s.txtpb:18:3: error: market.residential_beds: needs a `care_homes` section"));
    CHECK_THAT(all, Catch::Contains("market.extra_care_units.change[0].amount: capacity falls below zero: -10 in "
                                    "financial year 2020"));
    CHECK_THAT(all, Catch::Contains("market.extra_care_units.change[1].financial_year: financial year 2016 is outside "
                                    "2017..2039: a change acts from the year after the run's first"));
    CHECK_THAT(all, Catch::Contains("market.home_care_hours_per_week.base: value -1 is out of range"));
    CHECK_THAT(all, Catch::Contains("market.home_care_hours_per_week.change[0].amount: is required and not zero"));
    CHECK_THAT(all, Catch::Contains("market.home_care_hours_per_week.change[1].financial_year: is required"));
    CHECK_THAT(all, Catch::Contains("market.special_school_share_bp: value -3 is out of range"));
    CHECK(d.items().size() == 7);
}

TEST_CASE("an opening and a closure in one year are netted before the zero check", "[finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(market {
  extra_care_units { base: 10 change { financial_year: 2020 amount: -15 } change { financial_year: 2020 amount: 60 } }
})",
                                               d);
    INFO(d.to_string());
    CHECK(d.empty());
    CHECK(c.finance.market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)].changes.size() == 2);
}

TEST_CASE("price_base_year never moves the year a price is given for", "[finance]") {
    // The bug of issue 12: price_year defaulted to price_base_year, so `price_base_year: 2025` read every
    // 2016/17 fee as a 2025/26 fee and cut the cash cost. Prices are read in run.base_year by default.
    Diagnostics d;
    const auto a = test::resolve_scenario_text(cohorts + "money { home_care { pence: 1519 uplift_bp: 300 } }\n", d);
    const auto b = test::resolve_scenario_text(
        cohorts + "money { price_base_year: 2025 home_care { pence: 1519 uplift_bp: 300 } }\n", d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& pa = a.finance.money.prices[static_cast<std::size_t>(BudgetLine::home_care)];
    const auto& pb = b.finance.money.prices[static_cast<std::size_t>(BudgetLine::home_care)];
    CHECK(pa.price_year == 2016);
    CHECK(pb.price_year == 2016);
    CHECK(b.finance.money.price_base_year == 2025);
}

TEST_CASE("the deflator and intervention costs are read and checked", "[finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(money {
  deflator { source: "HM Treasury GDP deflator" rate_bp: 180 by_year { financial_year: 2022 bp: 500 } }
  intervention_cost { name: "extra_care" financial_year: 2022 pounds: 250000 uplift_bp: 300 }
  envelope { line: "interventions" base_pounds: 0 }
})",
                                               d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& m = c.finance.money;
    CHECK(m.deflator.source == "HM Treasury GDP deflator");
    CHECK(m.deflator.rate_bp == 180);
    REQUIRE(m.deflator.by_year.size() == 1);
    REQUIRE(m.intervention_costs.size() == 1);
    CHECK(m.intervention_costs[0].pence == 25000000);
    CHECK(m.intervention_costs[0].last_year == 2039);  // the run's last financial year
    CHECK(m.costed[static_cast<std::size_t>(BudgetLine::interventions)]);

    Diagnostics bad;
    test::resolve_scenario_text(cohorts + R"(money {
  deflator { rate_bp: 200 }
  intervention_cost { name: "x" financial_year: 2050 pounds: 1 }
  saving { financial_year: 2012 pounds: 5 }
  saving { financial_year: 2016 pounds: 5 line: "ehc_plans" }
})",
                                bad);
    const auto all = bad.to_string();
    CHECK_THAT(all, Catch::Contains("money.deflator.source: is required"));
    CHECK_THAT(all, Catch::Contains("money.intervention_cost[0].financial_year: financial year 2050 is outside "
                                    "2016..2039: a cost acts only in the run's financial years"));
    CHECK_THAT(all, Catch::Contains("s.txtpb:20:12: error: money.saving[0].financial_year: financial year 2012 is "
                                    "outside 2016..2039: a saving acts only in the run's financial years"));
    CHECK_THAT(all, Catch::Contains("money.saving[1].line: ehc_plans is the high-needs block"));
    CHECK(bad.items().size() == 4);
}

TEST_CASE("basis points below 10 are warned about as a likely percent", "[finance][warnings]") {
    Diagnostics d;
    test::resolve_scenario_text(cohorts + R"(money {
  home_care { uplift_bp: 3 }
  reablement { uplift_by_year { financial_year: 2020 bp: 5 } }
  envelope { line: "home_care" growth_bp: 2 }
  deflator { source: "x" rate_bp: 2 }
  intervention_cost { name: "x" financial_year: 2020 pounds: 1 uplift_bp: 1 }
})",
                                d);
    INFO(d.to_string());
    CHECK(d.empty());  // warnings are not errors
    std::string all;
    for (const auto& w : d.warnings()) all += format_diagnostic(w, "warning") + "\n";
    CHECK_THAT(all,
               Catch::Contains("s.txtpb:18:15: warning: money.home_care.uplift_bp: 3 bp is 0.03%: basis points are "
                               "hundredths of a percent (300 = 3%); did you mean 300?"));
    CHECK_THAT(all, Catch::Contains("money.reablement.uplift_by_year[0].bp: 5 bp"));
    CHECK_THAT(all, Catch::Contains("money.envelope[0].growth_bp: 2 bp"));
    CHECK_THAT(all, Catch::Contains("money.deflator.rate_bp: 2 bp"));
    CHECK_THAT(all, Catch::Contains("money.intervention_cost[0].uplift_bp: 1 bp"));
    CHECK(d.warnings().size() == 5);
}

TEST_CASE("schedules change a money parameter from their year, as a step or a ramp", "[finance][schedules]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(money {
  schedule { parameter: "home_care_hours_per_week" from_year: 2021 value: 12 }
  schedule { parameter: "direct_payment_share_bp" from_year: 2020 full_year: 2023 value: 1400 }
  schedule { parameter: "direct_payment_share_bp" from_year: 2030 value: 1000 }
})",
                                               d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& m = c.finance.money;
    // Hours a week per client (from home_care, 12.5) step to 12 from 2021/22, not from the base year.
    CHECK(finance::home_care_centihours_per_week(m, 2016) == 1250);
    CHECK(finance::home_care_centihours_per_week(m, 2020) == 1250);
    CHECK(finance::home_care_centihours_per_week(m, 2021) == 1200);
    CHECK(finance::home_care_centihours_per_week(m, 2039) == 1200);
    // The market's demand for hours uses the same schedule.
    REQUIRE(c.finance.market.hours_schedules.size() == 1);
    // 1000 -> 1400 over 2020..2023: 1100, 1200, 1300, 1400, then 1000 again from 2030.
    CHECK(finance::direct_payment_share_bp(m, 2019) == 1000);
    CHECK(finance::direct_payment_share_bp(m, 2020) == 1100);
    CHECK(finance::direct_payment_share_bp(m, 2022) == 1300);
    CHECK(finance::direct_payment_share_bp(m, 2023) == 1400);
    CHECK(finance::direct_payment_share_bp(m, 2029) == 1400);
    CHECK(finance::direct_payment_share_bp(m, 2030) == 1000);

    Diagnostics bad;
    test::resolve_scenario_text(cohorts + R"(money {
  schedule { parameter: "home_care_hours_per_weak" from_year: 2021 value: 12 }
  schedule { parameter: "direct_payment_share_bp" from_year: 2012 value: 1 }
  schedule { parameter: "carers_supported_share_bp" from_year: 2020 value: 12000 }
})",
                                bad);
    const auto all = bad.to_string();
    CHECK_THAT(all,
               Catch::Contains("money.schedule[0].parameter: unknown parameter 'home_care_hours_per_weak'; did you "
                               "mean 'home_care_hours_per_week'?"));
    CHECK_THAT(all, Catch::Contains("money.schedule[1].from_year: financial year 2012 is outside 2016..2039"));
    CHECK_THAT(all, Catch::Contains("money.schedule[2].value: value 12000"));
    CHECK(bad.items().size() == 3);
}

TEST_CASE("a price without its year beside another price_base_year is warned about", "[finance][warnings]") {
    // `cohorts` starts in 2016: a 2016 price_base_year is the first year and needs no price_year.
    Diagnostics same;
    test::resolve_scenario_text(cohorts + "money { price_base_year: 2016 home_care { pence: 1519 } }\n", same);
    CHECK(same.warnings().empty());
    Diagnostics later;
    test::resolve_scenario_text(cohorts +
                                    "money { price_base_year: 2014 home_care { pence: 1519 } nursing_care { pence: "
                                    "66600 price_year: 2014 } }\n",
                                later);
    INFO(later.to_string());
    CHECK(later.empty());
    REQUIRE(later.warnings().size() == 1);
    CHECK_THAT(later.warnings()[0].message, Catch::Matchers::Contains("money.home_care.pence: has no price_year") &&
                                                Catch::Matchers::Contains("add `price_year: 2014`"));
}
