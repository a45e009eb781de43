#pragma once
// Every finance rate as a function of the financial year, each computed in one place, so that an
// intervention (for example "more carers supported") can later change it by year here and nowhere else.
// Financial years are named by their start year (2017 = 2017/18).
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/finance_config.hpp"
#include "sim/run_results.hpp"

namespace carecast::finance {

/// Uplift of `price` in financial year `year` over the year before, in basis points.
std::int32_t uplift_bp(const UnitPrice& price, std::int32_t year);

/// Unit price in pence in financial year `year`: the given price in its price_year, uplifted (or, for
/// earlier years, deflated) one year at a time, rounded to the penny every year; a money.schedule of the
/// price sets it in its full_year (ramping from the year before its from_year, to the penny) and later
/// years are uplifted from the set price.
std::int64_t unit_price_pence(const UnitPrice& price, std::int32_t year);

/// Unit prices of `line` for the financial years first..first+count-1 (one walk of the price path).
std::vector<std::int64_t> unit_price_path(const UnitPrice& price, std::int32_t first, int count);

/// Council-funded share of `line` in `year`, basis points (residential, nursing, home care, reablement,
/// EHC plans; the other lines use the shares below).
std::int32_t funded_share_bp(const MoneyConfig& money, BudgetLine line, std::int32_t year);
/// Share of adult unpaid carers the council supports in `year`, basis points.
std::int32_t carers_supported_share_bp(const MoneyConfig& money, std::int32_t year);
/// Share of council-funded home-care clients on a direct payment in `year`, basis points.
std::int32_t direct_payment_share_bp(const MoneyConfig& money, std::int32_t year);
/// Hours of home care per client per week in `year`, hundredths of an hour.
std::int64_t home_care_centihours_per_week(const MoneyConfig& money, std::int32_t year);
/// Share of EHC plans at 5-18 needing a special-school place in `year`, basis points.
std::int32_t special_school_share_bp(const MarketConfig& market, std::int32_t year);

/// `base` as changed in financial year `year` by the schedules of `parameter` (sorted by from_year): each
/// moves the value in force the year before its from_year linearly to its value by its full_year,
/// rounded to a whole unit (half away from zero).
std::int64_t scheduled_value(std::int64_t base, const std::vector<ScheduleConfig>& schedules, MoneyParameter parameter,
                             std::int32_t year);

/// Envelope in pence for the financial years first..first+count-1: the base in `first_year`, set values
/// where given, otherwise the year before grown by growth_bp and rounded to the penny.
std::vector<std::int64_t> envelope_path(const EnvelopeConfig& envelope, std::int32_t first_year, int count);

/// The money of one replicate: `money` with the shifts drawn for money.draws (one per draw, in basis
/// points, rounded to whole ones) added to the uplifts, the deflator's rates or the shares.
MoneyConfig money_for_replicate(const MoneyConfig& money, const std::vector<double>& shifts);

/// One line per scheduled money parameter for people, with its value in every year it changes:
/// "money.home_care.pence: 1612; 2021 1700 (...)". Empty without money.schedule.
std::vector<std::string> describe_money_schedules(const MoneyConfig& money);

/// Every schedule of a finished run for people: the model's (`RunResults::schedules`), then money's.
/// Here, not in sim/, because money's are described by this layer.
std::vector<std::string> run_schedules(const RunResults& results);

/// Capacity in `year`: base plus every change dated `year` or earlier.
std::int64_t capacity_in(const CapacityConfig& capacity, std::int32_t year);

}  // namespace carecast::finance
