#include "finance/finance_rates.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "finance/pence.hpp"

namespace carecast::finance {

std::int32_t uplift_bp(const UnitPrice& price, std::int32_t year) {
    for (const auto& entry : price.uplift_by_year)
        if (entry.financial_year == year) return entry.bp;
    return price.uplift_bp;
}

std::int64_t unit_price_pence(const UnitPrice& price, std::int32_t year) {
    std::int64_t pence = price.pence;
    for (std::int32_t y = price.price_year + 1; y <= year; ++y) pence = apply_growth(pence, uplift_bp(price, y));
    for (std::int32_t y = price.price_year; y > year; --y) pence = remove_growth(pence, uplift_bp(price, y));
    return pence;
}

std::vector<std::int64_t> unit_price_path(const UnitPrice& price, std::int32_t first, int count) {
    std::vector<std::int64_t> path;
    path.reserve(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) path.push_back(unit_price_pence(price, first + k));
    return path;
}

std::int64_t scheduled_value(std::int64_t base, const std::vector<ScheduleConfig>& schedules, MoneyParameter parameter,
                             std::int32_t year) {
    std::vector<const ScheduleConfig*> mine;
    for (const auto& s : schedules)
        if (s.parameter == parameter) mine.push_back(&s);
    // The value of the first n schedules in year y, the (n-1)th ramping from the value the year before it.
    const auto value_of = [&](auto&& self, std::size_t n, std::int32_t y) -> std::int64_t {
        if (n == 0) return base;
        const auto& s = *mine[n - 1];
        if (y < s.from_year) return self(self, n - 1, y);
        if (y >= s.full_year) return s.value;
        const std::int64_t before = self(self, n - 1, s.from_year - 1);
        return before + divide_rounded(static_cast<Wide>(s.value - before) * (y - s.from_year + 1),
                                       s.full_year - s.from_year + 1);
    };
    return value_of(value_of, mine.size(), year);
}

namespace {
/// The scheduled parameter of `line`'s funded share; nullopt for lines whose share has no schedule.
std::optional<MoneyParameter> share_parameter(BudgetLine line) {
    switch (line) {
        case BudgetLine::residential_care:
            return MoneyParameter::residential_funded_share_bp;
        case BudgetLine::nursing_care:
            return MoneyParameter::nursing_funded_share_bp;
        case BudgetLine::home_care:
            return MoneyParameter::home_care_funded_share_bp;
        case BudgetLine::reablement:
            return MoneyParameter::reablement_funded_share_bp;
        case BudgetLine::ehc_plans:
            return MoneyParameter::ehc_plan_funded_share_bp;
        case BudgetLine::direct_payments:
        case BudgetLine::carer_support:
        case BudgetLine::interventions:
            return std::nullopt;
    }
    throw std::logic_error("share_parameter: not a BudgetLine");
}
}  // namespace

std::int32_t funded_share_bp(const MoneyConfig& money, BudgetLine line, std::int32_t year) {
    const auto base = money.funded_share_bp[static_cast<std::size_t>(line)];
    const auto parameter = share_parameter(line);
    if (!parameter) return base;
    return static_cast<std::int32_t>(scheduled_value(base, money.schedules, *parameter, year));
}

std::int32_t carers_supported_share_bp(const MoneyConfig& money, std::int32_t year) {
    // Interventions act on financial year y/y+1 as on the model's year from mid-y (the same mapping
    // as the costs); the share is rounded to a whole basis point and capped at 100%.
    const auto share = static_cast<std::int32_t>(scheduled_value(money.carers_supported_share_bp, money.schedules,
                                                                 MoneyParameter::carers_supported_share_bp, year));
    const double m = combined_multiplier(money.carer_support_changes, CARERS_SUPPORTED, year);
    if (m == 1.0) return share;
    return static_cast<std::int32_t>(std::min<double>(basis_points, std::llround(share * m)));
}

std::int32_t direct_payment_share_bp(const MoneyConfig& money, std::int32_t year) {
    return static_cast<std::int32_t>(
        scheduled_value(money.direct_payment_share_bp, money.schedules, MoneyParameter::direct_payment_share_bp, year));
}

std::int64_t home_care_centihours_per_week(const MoneyConfig& money, std::int32_t year) {
    return scheduled_value(money.home_care_centihours_per_week, money.schedules,
                           MoneyParameter::home_care_hours_per_week, year);
}

std::int32_t special_school_share_bp(const MarketConfig& market, std::int32_t /*year*/) {
    return market.special_school_share_bp;
}

std::vector<std::int64_t> envelope_path(const EnvelopeConfig& envelope, std::int32_t first_year, int count) {
    std::vector<std::int64_t> path;
    path.reserve(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) {
        const std::int32_t year = first_year + k;
        std::int64_t value = k == 0 ? envelope.base_pence : apply_growth(path.back(), envelope.growth_bp);
        for (const auto& set : envelope.by_year)
            if (set.financial_year == year) value = set.pence;
        path.push_back(value);
    }
    return path;
}

std::int64_t capacity_in(const CapacityConfig& capacity, std::int32_t year) {
    std::int64_t value = capacity.base;
    for (const auto& [from, amount] : capacity.changes)
        if (from <= year) value += amount;
    return value;
}

}  // namespace carecast::finance
