#include "finance/finance_rates.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "carecast/finance.pb.h"
#include "finance/pence.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast::finance {

std::int32_t uplift_bp(const UnitPrice& price, std::int32_t year) {
    for (const auto& entry : price.uplift_by_year)
        if (entry.financial_year == year) return entry.bp;
    return price.uplift_bp;
}

namespace {
/// The price in `year` under the first `n` of its schedules: the nth moves the price of the year before
/// its from_year linearly (rounded to the penny) to its value in full_year, uplifted from it afterwards.
std::int64_t scheduled_price(const UnitPrice& price, std::size_t n, std::int32_t year) {
    if (n == 0) {
        std::int64_t pence = price.pence;
        for (std::int32_t y = price.price_year + 1; y <= year; ++y) pence = apply_growth(pence, uplift_bp(price, y));
        for (std::int32_t y = price.price_year; y > year; --y) pence = remove_growth(pence, uplift_bp(price, y));
        return pence;
    }
    const auto& s = price.schedules[n - 1];
    if (year < s.from_year) return scheduled_price(price, n - 1, year);
    if (year < s.full_year) {
        const std::int64_t before = scheduled_price(price, n - 1, s.from_year - 1);
        return before + divide_rounded(static_cast<Wide>(s.value - before) * (year - s.from_year + 1),
                                       s.full_year - s.from_year + 1);
    }
    std::int64_t pence = s.value;
    for (std::int32_t y = s.full_year + 1; y <= year; ++y) pence = apply_growth(pence, uplift_bp(price, y));
    return pence;
}
}  // namespace

std::int64_t unit_price_pence(const UnitPrice& price, std::int32_t year) {
    return scheduled_price(price, price.schedules.size(), year);
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

/// `value` kept in the range `field` has in the schema: a drawn shift never takes a money parameter out of
/// the range a scenario may write.
std::int64_t within_schema(std::int64_t value, const google::protobuf::FieldDescriptor& field) {
    return std::clamp(value, static_cast<std::int64_t>(schema_min(field)),
                      static_cast<std::int64_t>(schema_max(field)));
}

/// A share after its schedules, shifted by the replicate's draw (if any) and kept in the share's range
/// (the field of Money of the parameter's name).
std::int32_t shifted_share(const MoneyConfig& money, std::int64_t base, MoneyParameter parameter, std::int32_t year) {
    const auto value = scheduled_value(base, money.schedules, parameter, year);
    const auto shift = money.share_shift_bp[static_cast<std::size_t>(parameter)];
    if (shift == 0) return static_cast<std::int32_t>(value);
    const auto* field = Money::descriptor()->FindFieldByName(money_parameter_names[static_cast<int>(parameter)]);
    if (field == nullptr) throw std::logic_error("shifted_share: no field of Money for the parameter");
    return static_cast<std::int32_t>(within_schema(value + shift, *field));
}
}  // namespace

std::int32_t funded_share_bp(const MoneyConfig& money, BudgetLine line, std::int32_t year) {
    const auto base = money.funded_share_bp[static_cast<std::size_t>(line)];
    const auto parameter = share_parameter(line);
    if (!parameter) return base;
    return shifted_share(money, base, *parameter, year);
}

std::int32_t carers_supported_share_bp(const MoneyConfig& money, std::int32_t year) {
    // Interventions act on financial year y/y+1 as on the model's year from mid-y (the same mapping
    // as the costs); the share is rounded to a whole basis point and capped at 100%.
    const auto share =
        shifted_share(money, money.carers_supported_share_bp, MoneyParameter::carers_supported_share_bp, year);
    const double m = combined_multiplier(money.carer_support_changes, CARERS_SUPPORTED, year);
    if (m == 1.0) return share;
    return static_cast<std::int32_t>(std::min<double>(basis_points, std::llround(share * m)));
}

std::int32_t direct_payment_share_bp(const MoneyConfig& money, std::int32_t year) {
    return shifted_share(money, money.direct_payment_share_bp, MoneyParameter::direct_payment_share_bp, year);
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

namespace carecast::finance {

std::vector<std::string> run_schedules(const RunResults& results) {
    auto lines = results.schedules;
    for (auto& line : describe_money_schedules(results.finance.money)) lines.push_back(std::move(line));
    return lines;
}

std::vector<std::string> describe_money_schedules(const MoneyConfig& money) {
    std::vector<std::string> lines;
    if (!money.enabled) return lines;
    // The value in every year from the first schedule's, listed where it differs from the year before.
    const auto describe = [&](const std::string& name, std::int32_t first, const auto& value_in, const char* unit) {
        std::string line = "money." + name + ": " + std::to_string(value_in(first - 1));
        for (std::int32_t y = first; y <= money.last_year; ++y)
            if (value_in(y) != value_in(y - 1)) line += "; " + std::to_string(y) + " " + std::to_string(value_in(y));
        lines.push_back(line + " (" + unit + "; scheduled, by financial year)");
    };
    for (int p = 0; p < money_parameter_count; ++p) {
        const auto parameter = static_cast<MoneyParameter>(p);
        std::int32_t first = 0;
        for (const auto& s : money.schedules)
            if (s.parameter == parameter && first == 0) first = s.from_year;
        if (first == 0) continue;
        const bool hours = parameter == MoneyParameter::home_care_hours_per_week;
        const auto value_in = [&](std::int32_t y) -> std::int64_t {
            switch (parameter) {
                case MoneyParameter::carers_supported_share_bp:
                    return carers_supported_share_bp(money, y);
                case MoneyParameter::direct_payment_share_bp:
                    return direct_payment_share_bp(money, y);
                case MoneyParameter::home_care_hours_per_week:
                    return home_care_centihours_per_week(money, y);
                case MoneyParameter::residential_funded_share_bp:
                    return funded_share_bp(money, BudgetLine::residential_care, y);
                case MoneyParameter::nursing_funded_share_bp:
                    return funded_share_bp(money, BudgetLine::nursing_care, y);
                case MoneyParameter::home_care_funded_share_bp:
                    return funded_share_bp(money, BudgetLine::home_care, y);
                case MoneyParameter::reablement_funded_share_bp:
                    return funded_share_bp(money, BudgetLine::reablement, y);
                case MoneyParameter::ehc_plan_funded_share_bp:
                    return funded_share_bp(money, BudgetLine::ehc_plans, y);
            }
            return 0;
        };
        describe(money_parameter_names[p], first, value_in, hours ? "hundredths of an hour a week" : "basis points");
    }
    for (int line = 0; line < budget_line_count; ++line) {
        const auto& price = money.prices[static_cast<std::size_t>(line)];
        if (price.schedules.empty()) continue;
        describe(
            unit_cost_schedule_names[line], price.schedules.front().from_year,
            [&](std::int32_t y) { return unit_price_pence(price, y); }, "pence, cash");
    }
    return lines;
}

MoneyConfig money_for_replicate(const MoneyConfig& money, const std::vector<double>& shifts) {
    if (shifts.size() != money.draws.size()) throw std::logic_error("money_for_replicate: one shift per draw expected");
    MoneyConfig out = money;
    // A shifted uplift or deflator rate stays in the range of the field it was written in.
    const auto& unit_cost_uplift = schema_field(*UnitCost::descriptor(), UnitCost::kUpliftBpFieldNumber);
    const auto& deflator_rate = schema_field(*Deflator::descriptor(), Deflator::kRateBpFieldNumber);
    const auto& year_bp = schema_field(*YearBasisPoints::descriptor(), YearBasisPoints::kBpFieldNumber);
    const auto shift_rate = [&](std::int32_t& bp, std::int32_t by, const google::protobuf::FieldDescriptor& field) {
        bp = static_cast<std::int32_t>(within_schema(std::int64_t{bp} + by, field));
    };
    for (std::size_t i = 0; i < shifts.size(); ++i) {
        const auto& d = money.draws[i];
        const auto by = static_cast<std::int32_t>(std::llround(shifts[i]));
        if (d.uplift_line >= 0) {
            auto& price = out.prices[static_cast<std::size_t>(d.uplift_line)];
            shift_rate(price.uplift_bp, by, unit_cost_uplift);
            for (auto& entry : price.uplift_by_year) shift_rate(entry.bp, by, year_bp);
        } else if (d.deflator) {
            shift_rate(out.deflator.rate_bp, by, deflator_rate);
            for (auto& entry : out.deflator.by_year) shift_rate(entry.bp, by, year_bp);
        } else if (d.share >= 0) {
            out.share_shift_bp[static_cast<std::size_t>(d.share)] += by;
        }
    }
    return out;
}

}  // namespace carecast::finance
