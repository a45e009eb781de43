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

inline constexpr int line_columns = budget_line_count + 1;  // the lines, then the total
inline constexpr int total_column = budget_line_count;

/// [financial year][budget line, then total], pence.
using LineTable = std::vector<std::array<std::int64_t, line_columns>>;

/// One replicate's yearly totals over every cell: what the money and the market read from the model.
/// Vectors of a disabled module are empty.
struct ServiceVolumes {
    std::int32_t first_year = 0;                    // financial year of interval 0 (run.base_year)
    int intervals = 0;                              // financial years
    std::array<std::vector<std::int64_t>, 2> bed_days;  // [interval], residential and nursing
    std::vector<std::int64_t> reablement_episodes;  // [interval]
    std::vector<std::int64_t> home_care_clients;    // [mid-year 0..intervals]
    std::vector<std::int64_t> carers;               // [mid-year] adult carers, all hours bands
    std::vector<std::int64_t> ehc_plans;            // [mid-year] all ages 0-25
    std::vector<std::int64_t> ehc_plans_5_18;       // [mid-year] ages 5-18
};

/// Cost of `line` in financial year index `k` at unit price `price_pence`, in pence.
std::int64_t line_cost_pence(const MoneyConfig& money, BudgetLine line, const ServiceVolumes& volumes, int k,
                             std::int64_t price_pence);

/// Costs of every costed line (others 0) and the total, [k][column]. With `base_prices`, every year at
/// the prices of money.price_base_year; otherwise at each year's own (cash) prices.
LineTable cost_table(const MoneyConfig& money, const ServiceVolumes& volumes, bool base_prices);

/// Budget envelopes in cash, [k][column] for `years` financial years from money.first_year.
LineTable envelope_table(const MoneyConfig& money, int years);

/// Savings in force in each year (recurring from their start year), [k][column]. A "total" saving is
/// spread over the costed lines in proportion to that year's envelopes by largest remainders (ties to
/// the earlier line), or equally if every envelope is zero, so the parts add up exactly.
LineTable savings_table(const MoneyConfig& money, const LineTable& envelopes);

/// Splits `pence` over `weights` by largest remainders: parts proportional to the weights that add up
/// to `pence` exactly (equal weights if all are zero; entries with `eligible` false get nothing).
std::array<std::int64_t, budget_line_count> apportion(std::int64_t pence,
                                                      const std::array<std::int64_t, budget_line_count>& weights,
                                                      const std::array<bool, budget_line_count>& eligible);

/// MTFP pressure: cost - (envelope - savings), line by line, total = sum of lines.
LineTable pressure_table(const LineTable& cost, const LineTable& envelopes, const LineTable& savings);

/// A cash table in base-year prices: each line's amount times its unit price in money.price_base_year
/// over its price that year, rounded to the penny (unchanged where that year's price is zero); the
/// total is the sum of the lines.
LineTable to_base_prices(const MoneyConfig& money, const LineTable& cash);

}  // namespace carecast::finance
