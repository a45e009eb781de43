// The cost arithmetic, exact in pence, on small hand-made volumes: every expected figure is worked
// out in the comment beside it (round half up once per line and year).
#include <catch2/catch.hpp>

#include "finance/costs.hpp"
#include "finance/finance_rates.hpp"
#include "finance/pence.hpp"

using namespace carecast;
using namespace carecast::finance;

namespace {

MoneyConfig all_lines_money() {
    MoneyConfig m;
    m.enabled = true;
    m.first_year = 2016;
    m.price_base_year = 2016;
    m.last_year = 2017;
    m.costed.fill(true);
    m.costed[static_cast<std::size_t>(BudgetLine::interventions)] = false;
    const std::int64_t prices[budget_line_count] = {56300, 66600, 1612, 20000, 200000, 40000, 0, 1700000};
    for (int i = 0; i < budget_line_count; ++i) m.prices[static_cast<std::size_t>(i)] = {prices[i], 2016, 0, {}, {}};
    return m;
}

/// Two financial years (2016/17, 2017/18): three mid-years of stocks, two intervals of flows.
ServiceVolumes small_volumes() {
    ServiceVolumes v;
    v.first_year = 2016;
    v.intervals = 2;
    v.bed_days[0] = {365, 730};
    v.bed_days[1] = {1000, 0};
    v.reablement_episodes = {37, 40};
    v.home_care_clients = {100, 101, 103};
    v.carers = {500, 501, 600};
    v.ehc_plans = {200, 201, 250};
    v.ehc_plans_5_18 = {150, 151, 190};
    return v;
}

std::int64_t cost(const MoneyConfig& m, BudgetLine line, int k, std::int64_t price) {
    return line_cost_pence(m, line, small_volumes(), k, price);
}

}  // namespace

TEST_CASE("rounding is to the nearest penny with halves up", "[finance]") {
    CHECK(divide_rounded(7, 2) == 4);    // 3.5 -> 4
    CHECK(divide_rounded(5, 2) == 3);    // 2.5 -> 3
    CHECK(divide_rounded(10, 4) == 3);   // 2.5 -> 3
    CHECK(divide_rounded(9, 4) == 2);    // 2.25 -> 2
    CHECK(divide_rounded(11, 4) == 3);   // 2.75 -> 3
    CHECK(divide_rounded(-7, 2) == -4);  // halves away from zero
    CHECK(divide_rounded(0, 9) == 0);
    CHECK(apply_growth(50, 100) == 51);       // 50.5 -> 51
    CHECK(apply_growth(150, 100) == 152);     // 151.5 -> 152
    CHECK(remove_growth(1612, 300) == 1565);  // 1565.05 -> 1565
    // Beyond int64 pence: a clear failure, never a wrapped amount.
    CHECK_THROWS_AS(divide_rounded(static_cast<Wide>(INT64_MAX) * 4, 2), std::overflow_error);
}

TEST_CASE("price uplifts compound year by year rounded to the penny", "[finance]") {
    const UnitPrice price{1612, 2016, 300, {}, {}};
    // 1612 x 1.03 = 1660.36 -> 1660; 1660 x 1.03 = 1709.8 -> 1710; 1710 x 1.03 = 1761.3 -> 1761
    CHECK(unit_price_pence(price, 2016) == 1612);
    CHECK(unit_price_pence(price, 2017) == 1660);
    CHECK(unit_price_pence(price, 2018) == 1710);
    CHECK(unit_price_pence(price, 2019) == 1761);
    // not 1612 x 1.03^3 = 1761.49.. computed once: the rounding is yearly
    CHECK(unit_price_pence(price, 2015) == 1565);  // deflated: 1612 / 1.03 = 1565.05 -> 1565
    CHECK(unit_price_path(price, 2015, 3) == std::vector<std::int64_t>{1565, 1612, 1660});
}

TEST_CASE("uplift overrides replace the default uplift in their year only", "[finance]") {
    const UnitPrice price{10000, 2016, 300, {{2018, 500}}, {}};
    CHECK(uplift_bp(price, 2017) == 300);
    CHECK(uplift_bp(price, 2018) == 500);
    CHECK(unit_price_pence(price, 2017) == 10300);  // x 1.03
    CHECK(unit_price_pence(price, 2018) == 10815);  // 10300 x 1.05
    CHECK(unit_price_pence(price, 2019) == 11139);  // 10815 x 1.03 = 11139.45 -> 11139
}

TEST_CASE("care-home costs are bed-days times the weekly price over 7 times the funded share", "[finance]") {
    const auto m = all_lines_money();
    // 365 x 56300 / 7 x 0.75 = 2201732.14.. -> 2201732 pence (one resident all year, council pays 75%)
    CHECK(cost(m, BudgetLine::residential_care, 0, 56300) == 2201732);
    // financial year index 1 (2017/18) reads the second interval: 730 bed-days, twice the first (rounded once)
    CHECK(cost(m, BudgetLine::residential_care, 1, 56300) == 4403464);  // 4403464.28..
    // 1000 x 66600 / 7 x 0.75 = 7135714.28.. -> 7135714
    CHECK(cost(m, BudgetLine::nursing_care, 0, 66600) == 7135714);
    CHECK(cost(m, BudgetLine::nursing_care, 1, 66600) == 0);
}

TEST_CASE("home care and direct payments use the mean of the two mid-year stocks", "[finance]") {
    const auto m = all_lines_money();
    // mean clients (100 + 101) / 2 = 100.5; funded 75%; 90% commissioned, 10% on a direct payment.
    // Home care: 100.5 x 0.75 x 0.9 x 10 h x 1612 p x 365/7 = 57020326.07.. -> 57020326
    CHECK(cost(m, BudgetLine::home_care, 0, 1612) == 57020326);
    // Direct payments: 100.5 x 0.75 x 0.1 x 20000 p x 365/7 = 7860535.71.. -> 7860536
    CHECK(cost(m, BudgetLine::direct_payments, 0, 20000) == 7860536);
    // Second year: mean (101 + 103) / 2 = 102: 102 x 0.75 x 0.9 x 10 x 1612 x 365/7 = 57871375.71.. -> 57871376
    CHECK(cost(m, BudgetLine::home_care, 1, 1612) == 57871376);
}

TEST_CASE("reablement carers and EHC plans", "[finance]") {
    const auto m = all_lines_money();
    CHECK(cost(m, BudgetLine::reablement, 0, 200000) == 7400000);  // 37 episodes x £2,000, all funded
    // mean carers 500.5 x 7% supported x £400 = 1401400 pence exactly
    CHECK(cost(m, BudgetLine::carer_support, 0, 40000) == 1401400);
    // mean plans 200.5 x £17,000 = 340850000 pence
    CHECK(cost(m, BudgetLine::ehc_plans, 0, 1700000) == 340850000);
    auto half = m;
    half.funded_share_bp[static_cast<std::size_t>(BudgetLine::reablement)] = 5000;
    CHECK(line_cost_pence(half, BudgetLine::reablement, small_volumes(), 0, 200001) == 3700019);  // 3700018.5 -> up
}

TEST_CASE("cost table in cash with its totals", "[finance]") {
    auto m = all_lines_money();
    m.costed.fill(false);
    m.costed[static_cast<std::size_t>(BudgetLine::reablement)] = true;
    m.costed[static_cast<std::size_t>(BudgetLine::residential_care)] = true;
    m.prices[static_cast<std::size_t>(BudgetLine::reablement)].uplift_bp = 1000;  // 10% a year
    const auto cash = cost_table(m, small_volumes());
    REQUIRE(cash.size() == 2);
    // 2016/17: both at 2016 prices: 2201732 + 7400000
    CHECK(cash[0][asc_total_column] == 2201732 + 7400000);
    // 2017/18: reablement price £2,200 in cash: 40 x 220000 = 8800000
    CHECK(cash[1][static_cast<std::size_t>(BudgetLine::reablement)] == 8800000);
    CHECK(cash[1][asc_total_column] == 4403464 + 8800000);
    CHECK(cash[1][high_needs_total_column] == 0);
    CHECK(cash[1][static_cast<std::size_t>(BudgetLine::home_care)] == 0);  // not costed
}

TEST_CASE("EHC plans are the high-needs total, never in the adult social care total", "[finance]") {
    const auto m = all_lines_money();
    const auto cash = cost_table(m, small_volumes());
    for (const auto& row : cash) {
        std::int64_t asc = 0;
        for (int line = 0; line < budget_line_count; ++line)
            if (line != static_cast<int>(BudgetLine::ehc_plans)) asc += row[static_cast<std::size_t>(line)];
        CHECK(row[asc_total_column] == asc);
        CHECK(row[high_needs_total_column] == row[static_cast<std::size_t>(BudgetLine::ehc_plans)]);
        CHECK(row[high_needs_total_column] > 0);
    }
    CHECK(cash[0][high_needs_total_column] == 340850000);  // (200 + 201) / 2 x £17,000
}

TEST_CASE("client-group lines add up to the line and the totals to the penny", "[finance]") {
    const auto m = all_lines_money();
    // Split every care volume unevenly into two groups whose sums are the all-ages volumes.
    const auto all = small_volumes();
    std::array<ServiceVolumes, client_group_count> groups{all, all};
    auto& older = groups[0];
    auto& younger = groups[1];
    older.bed_days[0] = {300, 601};
    younger.bed_days[0] = {65, 129};
    older.bed_days[1] = {999, 0};
    younger.bed_days[1] = {1, 0};
    older.reablement_episodes = {30, 33};
    younger.reablement_episodes = {7, 7};
    older.home_care_clients = {81, 77, 90};
    younger.home_care_clients = {19, 24, 13};
    const auto tables = cost_tables(m, all, groups);
    for (std::size_t k = 0; k < tables.lines.size(); ++k) {
        std::int64_t asc = 0;
        for (int line = 0; line < budget_line_count; ++line) {
            const auto u = static_cast<std::size_t>(line);
            if (is_client_group_line(static_cast<BudgetLine>(line)))
                CHECK(tables.lines[k][u] == tables.by_group[0][k][u] + tables.by_group[1][k][u]);
            else
                CHECK(tables.by_group[0][k][u] + tables.by_group[1][k][u] == 0);
            if (!is_high_needs(static_cast<BudgetLine>(line))) asc += tables.lines[k][u];
        }
        CHECK(tables.lines[k][asc_total_column] == asc);
    }
    // Residential 2016/17: 300 and 65 bed-days x 56300 / 7 x 75%: 1809643 (1809642.86) + 392089 (392089.29)
    CHECK(tables.by_group[0][0][0] == 1809643);
    CHECK(tables.by_group[1][0][0] == 392089);
    CHECK(tables.lines[0][0] == 1809643 + 392089);  // the all-ages line rounds once: 2201732 (the same here)
}

TEST_CASE("intervention costs are their own line in the adult social care total", "[finance]") {
    auto m = all_lines_money();
    m.costed.fill(false);
    m.costed[static_cast<std::size_t>(BudgetLine::interventions)] = true;
    m.intervention_costs = {{"extra_care", 2017, 2017, 50000000, 0}, {"reablement_team", 2016, 2030, 1000, 1000}};
    CHECK(intervention_cost_pence(m.intervention_costs[1], 2015) == 0);
    CHECK(intervention_cost_pence(m.intervention_costs[1], 2016) == 1000);
    CHECK(intervention_cost_pence(m.intervention_costs[1], 2018) == 1210);  // 10% a year, rounded each year
    CHECK(intervention_cost_pence(m.intervention_costs[0], 2018) == 0);     // after its last year
    const auto cash = cost_table(m, small_volumes());
    CHECK(cash[0][static_cast<std::size_t>(BudgetLine::interventions)] == 1000);
    CHECK(cash[1][static_cast<std::size_t>(BudgetLine::interventions)] == 50000000 + 1100);
    CHECK(cash[1][asc_total_column] == 50001100);
}

TEST_CASE("envelopes grow by the growth rate and restart from set values", "[finance]") {
    const EnvelopeConfig e{1000000, 250, {{2019, 2000000}}};
    // 1000000; x 1.025 = 1025000; x 1.025 = 1050625; set 2000000; x 1.025 = 2050000
    CHECK(envelope_path(e, 2016, 5) == std::vector<std::int64_t>{1000000, 1025000, 1050625, 2000000, 2050000});
    const EnvelopeConfig odd{333, 150, {}};
    CHECK(envelope_path(odd, 2016, 3) == std::vector<std::int64_t>{333, 338, 343});  // 337.995 -> 338; 343.07 -> 343
}

TEST_CASE("a total saving is apportioned by envelope shares adding up exactly", "[finance]") {
    std::array<bool, budget_line_count> eligible{};
    eligible[0] = eligible[1] = eligible[2] = true;
    std::array<std::int64_t, budget_line_count> weights{};
    weights[0] = weights[1] = weights[2] = 5;
    // 100 / 3 = 33 r 1 each: the penny left over goes to the earliest line with the largest remainder
    CHECK(apportion(100, weights, eligible) == std::array<std::int64_t, budget_line_count>{34, 33, 33, 0, 0, 0, 0, 0});
    weights = {2, 1, 0, 0, 0, 0, 0, 9};  // the ehc_plans weight is not eligible
    // 10 x 2/3 = 6.67 (r 2/3), 10 x 1/3 = 3.33 (r 1/3): 7 and 3
    CHECK(apportion(10, weights, eligible) == std::array<std::int64_t, budget_line_count>{7, 3, 0, 0, 0, 0, 0, 0});
    weights = {};
    CHECK(apportion(4, weights, eligible) == std::array<std::int64_t, budget_line_count>{2, 1, 1, 0, 0, 0, 0, 0});
}

TEST_CASE("savings recur from their start year and pressure is cost minus envelope net of savings", "[finance]") {
    MoneyConfig m = all_lines_money();
    m.costed.fill(false);
    m.costed[0] = m.costed[1] = true;
    m.envelopes[0] = {300, 0, {}};
    m.envelopes[1] = {100, 0, {}};
    m.savings = {{2017, 0, 10, ""}, {2018, -1, 40, ""}};  // 10 on residential from 2017/18; 40 in total from 2018/19
    const auto envelopes = envelope_table(m, 3);
    const auto savings = savings_table(m, envelopes);
    CHECK(envelopes[0][asc_total_column] == 400);
    CHECK(savings[0][0] == 0);
    CHECK(savings[1][0] == 10);
    CHECK(savings[1][asc_total_column] == 10);
    CHECK(savings[2][0] == 10 + 30);  // 40 x 300/400 = 30
    CHECK(savings[2][1] == 10);       // 40 x 100/400 = 10
    CHECK(savings[2][asc_total_column] == 50);

    LineTable cost(3);
    cost[2][0] = 500;
    cost[2][1] = 90;
    cost[2][asc_total_column] = 590;
    const auto pressure = pressure_table(cost, envelopes, savings);
    CHECK(pressure[2][0] == 500 - (300 - 40));  // 240: an overspend
    CHECK(pressure[2][1] == 90 - (100 - 10));   // 0
    CHECK(pressure[2][asc_total_column] == 240);
    CHECK(pressure[0][0] == -300);  // no cost: the whole envelope is unspent
}

TEST_CASE("a total saving never falls on EHC plans (high needs) or intervention costs", "[finance]") {
    MoneyConfig m = all_lines_money();
    m.costed.fill(false);
    m.costed[0] = m.costed[static_cast<std::size_t>(BudgetLine::ehc_plans)] = true;
    m.envelopes[0] = {300, 0, {}};
    m.envelopes[static_cast<std::size_t>(BudgetLine::ehc_plans)] = {900, 0, {}};
    m.savings = {{2016, -1, 40, "all"}};
    const auto savings = savings_table(m, envelope_table(m, 2));
    CHECK(savings[0][0] == 40);
    CHECK(savings[0][static_cast<std::size_t>(BudgetLine::ehc_plans)] == 0);
    CHECK(savings[0][high_needs_total_column] == 0);
}

TEST_CASE("real terms use one general deflator for every line", "[finance]") {
    MoneyConfig m = all_lines_money();
    m.prices[0].uplift_bp = 1000;  // residential fees rise 10% a year: real terms do not follow a line's uplift
    m.deflator = {"test: 5% a year", 500, {}};
    LineTable cash(2);
    cash[0][0] = 1000;
    cash[1][0] = 1100;
    cash[1][1] = 77;
    fill_totals(cash[0]);
    fill_totals(cash[1]);
    const auto real = to_real_terms(m, cash);
    CHECK(real[0][0] == 1000);
    CHECK(real[1][0] == 1048);  // 1100 / 1.05 = 1047.62: a 10% fee rise is a 4.8% real rise
    CHECK(real[1][1] == 73);    // 77 / 1.05 = 73.33: the same deflator on every line
    CHECK(real[1][asc_total_column] == 1048 + 73);
}

TEST_CASE("the price base year re-expresses real terms and never changes cash", "[finance]") {
    MoneyConfig m = all_lines_money();
    for (auto& price : m.prices) price.uplift_bp = 300;
    m.deflator = {"test: 2% a year", 200, {{2017, 1000}}};
    const auto cash_2016 = cost_table(m, small_volumes());
    auto later = m;
    later.price_base_year = 2025;
    const auto cash_2025 = cost_table(later, small_volumes());
    CHECK(cash_2016 == cash_2025);  // identical cash, to the penny
    // Real terms at 2016/17 prices: 2016/17 is cash; at 2025/26 prices every amount is scaled by the
    // deflator from its year to 2025 (10% in 2017, then 2% a year for 8 years).
    const auto real_2016 = to_real_terms(m, cash_2016);
    const auto real_2025 = to_real_terms(later, cash_2025);
    CHECK(real_2016[0] == cash_2016[0]);
    CHECK(deflator_index(m, 2016) == deflator_scale);
    CHECK(deflator_index(m, 2017) == 1'100'000'000);
    CHECK(deflator_index(m, 2018) == 1'122'000'000);
    const auto d2025 = deflator_index(later, 2025);
    const auto u = static_cast<std::size_t>(BudgetLine::home_care);
    CHECK(real_2025[0][u] == divide_rounded(static_cast<Wide>(cash_2016[0][u]) * d2025, deflator_scale));
    CHECK(real_2025[1][u] == divide_rounded(static_cast<Wide>(cash_2016[1][u]) * d2025, 1'100'000'000));
}

TEST_CASE("financial year k is the interval from mid-year first+k", "[finance]") {
    // The volumes of interval k are costed at the price of financial year first_year + k.
    auto m = all_lines_money();
    m.costed.fill(false);
    m.costed[static_cast<std::size_t>(BudgetLine::reablement)] = true;
    m.prices[static_cast<std::size_t>(BudgetLine::reablement)] = {
        100, 2017, 0, {{2018, 10000}}, {}};  // doubles in 2018/19
    auto v = small_volumes();
    v.first_year = 2017;
    const auto cash = cost_table(m, v);
    CHECK(cash[0][asc_total_column] == 37 * 100);  // 2017/18
    CHECK(cash[1][asc_total_column] == 40 * 200);  // 2018/19
}
