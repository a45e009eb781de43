// Schedules of the model's parameters (Scenario.schedules) and of unit costs (money.schedule), and money
// draws (uncertainty.money): resolved values by year, and every bad entry reported at its field.
#include <catch2/catch.hpp>

#include "finance/finance_rates.hpp"
#include "scenario/model_config.hpp"
#include "scenario/parameter_schedules.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario_test_support.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// Home care and SEND only (lines 1-16): the home-care and EHC lines are costed, care homes are not.
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
}
)";
}  // namespace

TEST_CASE("model parameter schedules give each year's value as steps and ramps in year order", "[schedules]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(
        cohorts + R"(schedules { parameter: "send.ehc_exit_16_25" from_year: 2020 full_year: 2023 value: 0.08 }
schedules { parameter: "send.ehc_exit_16_25" from_year: 2030 value: 0.02 }
schedules { parameter: "home_care.home_care_stop_probability" from_year: 2025 value: 0.2 }
)",
        d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    REQUIRE(c.schedules.size() == 3);
    const int exit = static_cast<int>(
        std::find(model_parameter_names().begin(), model_parameter_names().end(), "send.ehc_exit_16_25") -
        model_parameter_names().begin());
    const auto value = [&](int year) { return scheduled_value(0.04, c.schedules, exit, year); };
    CHECK(value(2019) == 0.04);  // exactly the scenario's value before the first schedule
    CHECK(value(2020) == Approx(0.05));
    CHECK(value(2021) == Approx(0.06));
    CHECK(value(2022) == Approx(0.07));
    CHECK(value(2023) == 0.08);
    CHECK(value(2029) == 0.08);
    CHECK(value(2030) == 0.02);
    CohortConfig config = c.cohorts;
    apply_schedules(config, c.schedules, 2024);
    CHECK(config.home_care.home_care_stop_probability == 0.1);
    apply_schedules(config, c.schedules, 2025);
    CHECK(config.home_care.home_care_stop_probability == 0.2);
    CHECK(config.send.ehc_exit_16_25 == 0.08);
    const auto lines = describe_parameter_schedules(c.cohorts, c.schedules, 2039);
    REQUIRE(lines.size() == 2);
    CHECK_THAT(lines[0],
               Catch::StartsWith("send.ehc_exit_16_25: 0.04; 2020 0.05; 2021 0.06; 2022 0.07; 2023 0.08; 2030 0.02"));
}

TEST_CASE("bad model parameter schedules are reported at their fields with what is allowed", "[schedules]") {
    Diagnostics d;
    test::resolve_scenario_text(
        cohorts + R"(schedules { parameter: "home_care.home_care_stop_probabilty" from_year: 2020 value: 0.2 }
schedules { parameter: "care_homes.discharge_share" from_year: 2020 value: 0.1 }
schedules { parameter: "home_care_hours_per_week" from_year: 2020 value: 12 }
schedules { parameter: "send.ehc_growth" from_year: 2041 value: 0.01 }
schedules { parameter: "send.ehc_growth" from_year: 2020 value: 2 }
schedules { parameter: "home_care.no_ongoing_care_share" from_year: 2030 value: 0.8 }
schedules { parameter: "send.sen_support_exit" from_year: 2020 }
)",
        d);
    const auto all = d.to_string();
    CHECK_THAT(all,
               Catch::Contains("s.txtpb:17:") &&
                   Catch::Contains("schedules[0].parameter: unknown parameter 'home_care.home_care_stop_probabilty'; "
                                   "did you mean 'home_care.home_care_stop_probability'?; one of "
                                   "dementia.annual_diagnosis_probability, "));
    CHECK_THAT(all, Catch::Contains("schedules[1].parameter: care_homes.discharge_share cannot be scheduled: this "
                                    "scenario does not simulate `care_homes`"));
    CHECK_THAT(all, Catch::Contains("schedules[2].parameter: 'home_care_hours_per_week' is a money parameter: schedule "
                                    "it in money.schedule"));
    CHECK_THAT(all, Catch::Contains("schedules[3].from_year: year 2041 is outside 2016..2039"));
    CHECK_THAT(all,
               Catch::Contains("schedules[4].value: value 2 is out of range: a value of send.ehc_growth must be in "
                               "[-0.5, 1]"));
    CHECK_THAT(all, Catch::Contains("in 2030 home_care.no_ongoing_care_share (0.8) plus home_care.reduced_care_share "
                                    "(0.347) is above 1"));
    CHECK_THAT(all, Catch::Contains("schedules[6].value: is required"));
    CHECK(d.items().size() == 7);
}

TEST_CASE("a unit cost schedule sets the price in cash from its year and later years are uplifted from it",
          "[schedules][finance]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(money {
  home_care { pence: 1612 uplift_bp: 300 }
  schedule { parameter: "home_care.pence" from_year: 2020 full_year: 2021 value: 2000 }
  ehc_plan { pence: 1700000 }
  schedule { parameter: "ehc_plan.pence" from_year: 2018 value: 1800000 }
})",
                                               d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& price = c.finance.money.prices[static_cast<std::size_t>(BudgetLine::home_care)];
    UnitPrice unscheduled = price;
    unscheduled.schedules.clear();
    for (int y = 2016; y < 2020; ++y)
        CHECK(finance::unit_price_pence(price, y) == finance::unit_price_pence(unscheduled, y));
    const auto before = finance::unit_price_pence(unscheduled, 2019);
    CHECK(before == 1761);  // 1612 uplifted 3% a year, to the penny: 1660, 1710, 1761
    CHECK(finance::unit_price_pence(price, 2020) == 1761 + (2000 - 1761 + 1) / 2);  // half way, rounded half up
    CHECK(finance::unit_price_pence(price, 2021) == 2000);
    CHECK(finance::unit_price_pence(price, 2022) == 2060);  // uplifted 3% from the scheduled price
    const auto& ehc = c.finance.money.prices[static_cast<std::size_t>(BudgetLine::ehc_plans)];
    CHECK(finance::unit_price_pence(ehc, 2017) == 1700000);
    CHECK(finance::unit_price_pence(ehc, 2018) == 1800000);
    CHECK(finance::unit_price_pence(ehc, 2030) == 1800000);  // no uplift
    const auto lines = finance::describe_money_schedules(c.finance.money);
    REQUIRE(lines.size() == 2);
    CHECK_THAT(lines[0], Catch::StartsWith("money.home_care.pence: 1761; 2020 1881; 2021 2000; 2022 2060"));

    Diagnostics bad;
    test::resolve_scenario_text(cohorts + R"(money {
  schedule { parameter: "home_care.pense" from_year: 2020 value: 2000 }
  schedule { parameter: "residential_care.pence" from_year: 2020 value: 60000 }
  schedule { parameter: "home_care.pence" from_year: 2020 value: 20.5 }
})",
                                bad);
    const auto all = bad.to_string();
    CHECK_THAT(all, Catch::Contains("money.schedule[0].parameter: unknown parameter 'home_care.pense'; did you mean "
                                    "'home_care.pence'?"));
    CHECK_THAT(all, Catch::Contains("money.schedule[1].parameter: budget line 'residential_care' is not costed: it "
                                    "needs a `care_homes` section"));
    CHECK_THAT(all, Catch::Contains("money.schedule[2].value: must be a whole number of pence"));
    CHECK(bad.items().size() == 3);
}

TEST_CASE("money draws are read and bad ones reported at their fields", "[money_draws]") {
    Diagnostics d;
    const auto c = test::resolve_scenario_text(cohorts + R"(money { }
uncertainty {
  money { name: "fees" parameter: "home_care.uplift_bp" lower95: -100 upper95: 150 source: "MTFP range" }
  money { name: "dp" parameter: "direct_payment_share_bp" lower95: -500 upper95: 500 source: "SALT" }
})",
                                               d);
    INFO(d.to_string());
    REQUIRE(d.empty());
    const auto& draws = c.finance.money.draws;
    REQUIRE(draws.size() == 2);
    CHECK(draws[0].uplift_line == static_cast<int>(BudgetLine::home_care));
    CHECK(draws[1].share == static_cast<int>(MoneyParameter::direct_payment_share_bp));
    // A replicate's money: the uplift shifted in every year, the share after its value.
    const auto m = finance::money_for_replicate(c.finance.money, {120, -300});
    CHECK(m.prices[static_cast<std::size_t>(BudgetLine::home_care)].uplift_bp == 120);
    CHECK(finance::direct_payment_share_bp(m, 2020) == 700);
    CHECK(finance::direct_payment_share_bp(c.finance.money, 2020) == 1000);

    Diagnostics bad;
    test::resolve_scenario_text(cohorts + R"(money { }
uncertainty {
  money { name: "fees" parameter: "home_care.uplift" lower95: -100 upper95: 150 source: "x" }
  money { name: "fees" parameter: "nursing_care.uplift_bp" lower95: 100 upper95: 50 }
})",
                                bad);
    const auto all = bad.to_string();
    CHECK_THAT(all, Catch::Contains("uncertainty.money[0].parameter: unknown money parameter 'home_care.uplift'; did "
                                    "you mean 'home_care.uplift_bp'?"));
    CHECK_THAT(all, Catch::Contains("uncertainty.money[1].name: 'fees' is used twice"));
    CHECK_THAT(all, Catch::Contains("uncertainty.money[1].parameter: budget line 'nursing_care' is not costed"));
    CHECK_THAT(all, Catch::Contains("uncertainty.money[1].lower95: the interval [100, 50] must satisfy"));
    CHECK_THAT(all, Catch::Contains("uncertainty.money[1].source: is required"));
    CHECK(bad.items().size() == 5);

    Diagnostics no_money;
    test::resolve_scenario_text(
        cohorts +
            R"(uncertainty { money { name: "f" parameter: "home_care.uplift_bp" lower95: -1 upper95: 1 source: "x" } })",
        no_money);
    CHECK_THAT(no_money.to_string(), Catch::Contains("uncertainty.money[0]: needs the `money` section"));
}
