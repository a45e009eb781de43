#pragma once
// Cost of care to the council and MTFP pressure by financial year and budget line, exact in pence.
//
// Financial year k (k = 0.. intervals-1) is the model's interval from mid-year base+k to mid-year
// base+k+1, attributed to the financial year starting in April of base+k (a three-month shift). Flows
// of the interval (bed-days, reablement episodes) are that year's; stocks (home-care clients, carers,
// EHC plans) enter as the mean of the two mid-year counts bounding the interval. Weekly prices are
// turned into daily ones over a 365-day year (the model's), so a year is 365/7 weeks. Each line's cost
// is one exact fraction rounded once to the penny (halves up); the total is the sum of the lines.
#include <array>
#include <cstdint>
#include <vector>

#include "scenario/finance_config.hpp"

namespace carecast::finance {

inline constexpr int line_columns = budget_line_count + 2;             // the lines, then the two totals
inline constexpr int asc_total_column = budget_line_count;             // adult social care: every line but ehc_plans
inline constexpr int high_needs_total_column = budget_line_count + 1;  // ehc_plans (high-needs block)

/// [financial year][budget line, then asc_total, then high_needs_total], pence.
using LineTable = std::vector<std::array<std::int64_t, line_columns>>;
using LineRow = std::array<std::int64_t, line_columns>;

/// Sets a row's two totals to the sums of its lines: ASC (every line but ehc_plans) and high needs.
void fill_totals(LineRow& row);

/// Cash cost tables of one replicate: by line, and the client-group lines by client group. Each care
/// line's cost is the sum of its client groups' costs, each rounded once, so the groups add up to it.
struct CostTables {
    LineTable lines;
    std::array<LineTable, client_group_count> by_group;  // client-group lines only; other columns 0
};

/// One replicate's yearly totals over every cell: what the money and the market read from the model.
/// Vectors of a disabled module are empty.
struct ServiceVolumes {
    std::int32_t first_year = 0;                        // financial year of interval 0 (run.base_year)
    int intervals = 0;                                  // financial years
    std::array<std::vector<std::int64_t>, 2> bed_days;  // [interval], residential and nursing, council-funded
    // [interval] bed-days of self-funded residents (care_homes.self_funders): market demand, not a cost.
    std::array<std::vector<std::int64_t>, 2> self_funded_bed_days;
    std::vector<std::int64_t> reablement_episodes;  // [interval]
    std::vector<std::int64_t> home_care_clients;    // [mid-year 0..intervals]
    std::vector<std::int64_t> carers;               // [mid-year] adult carers, all hours bands
    std::vector<std::int64_t> ehc_plans;            // [mid-year] all ages 0-25
    std::vector<std::int64_t> ehc_plans_5_18;       // [mid-year] ages 5-18
};

/// Cost of `line` in financial year index `k` at unit price `price_pence`, in pence.
std::int64_t line_cost_pence(const MoneyConfig& money, BudgetLine line, const ServiceVolumes& volumes, int k,
                             std::int64_t price_pence);

/// Cash costs of every costed line (others 0) and the totals, [k][column], each line from `volumes`
/// (all ages) at each year's own prices; interventions from money.intervention_cost.
LineTable cost_table(const MoneyConfig& money, const ServiceVolumes& volumes);

/// Cash costs with the care lines split by client group: `groups` holds the volumes of each client
/// group's ages (ClientGroup order), `all` those of every age (carers, EHC plans).
CostTables cost_tables(const MoneyConfig& money, const ServiceVolumes& all,
                       const std::array<ServiceVolumes, client_group_count>& groups);

/// Cost in pence of intervention cost `cost` in financial year `year` (0 outside its years).
std::int64_t intervention_cost_pence(const InterventionCostConfig& cost, std::int32_t year);

/// Budget envelopes in cash, [k][column] for `years` financial years from money.first_year.
LineTable envelope_table(const MoneyConfig& money, int years);

/// Savings in force in each year (recurring from their start year), [k][column]. A "total" saving is
/// spread over the costed care lines of the ASC budget (never ehc_plans or interventions) in proportion to that year's
/// envelopes by largest remainders (ties to the earlier line), or equally if every envelope is zero, so the parts add
/// up exactly.
LineTable savings_table(const MoneyConfig& money, const LineTable& envelopes);

/// Splits `pence` over `weights` by largest remainders: parts proportional to the weights that add up
/// to `pence` exactly (equal weights if all are zero; entries with `eligible` false get nothing).
std::array<std::int64_t, budget_line_count> apportion(std::int64_t pence,
                                                      const std::array<std::int64_t, budget_line_count>& weights,
                                                      const std::array<bool, budget_line_count>& eligible);

/// MTFP pressure: cost - (envelope - savings), line by line; totals = sums of their lines.
LineTable pressure_table(const LineTable& cost, const LineTable& envelopes, const LineTable& savings);

/// Scale of the deflator index: the index is an integer, 10^9 in the run's first financial year.
inline constexpr std::int64_t deflator_scale = 1'000'000'000;

/// The general deflator index (integer, deflator_scale in money.first_year) in financial year `year`:
/// the price level grown (or taken back) one year at a time by the deflator's rates, rounded each year.
std::int64_t deflator_index(const MoneyConfig& money, std::int32_t year);

/// A cash table in real terms at the prices of money.price_base_year: every line deflated by the one
/// general deflator, round(cash x D(price_base_year) / D(y)); totals are the sums of the deflated lines.
/// The price base year only re-expresses: cash is never changed by it.
LineTable to_real_terms(const MoneyConfig& money, const LineTable& cash);

}  // namespace carecast::finance
