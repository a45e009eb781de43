#include "scenario/finance_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/text.hpp"
#include "scenario/field_checks.hpp"
#include "scenario/plausibility.hpp"
#include "scenario/suggestions.hpp"

namespace carecast {
namespace {

/// Reports at `path`; element indices ("money.envelope[1].line") are located by ScenarioFile::locate.
void report(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, const std::string& message) {
    file.error_at(diagnostics, path, message);
}

std::string indexed(const std::string& path, int i) {
    return path + "[" + std::to_string(i) + "]";
}

/// A financial year of a yearly entry: required, and from `first` on where `first` is a year of the run
/// (its range in the schema is checked by check_schema_ranges).
bool check_year(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, bool has,
                std::int32_t year, std::int32_t first, const std::string& what) {
    if (!has) {
        report(file, diagnostics, path, "is required: the financial year's start year (2020 = 2020/21)");
        return false;
    }
    const auto& field = schema_field(*YearBasisPoints::descriptor(), YearBasisPoints::kFinancialYearFieldNumber);
    if (!within_schema_range(field, year)) return false;
    check_relation(file, diagnostics, path, field, year, first, static_cast<std::int32_t>(schema_max(field)), what);
    return year >= first;
}

/// Warns when a rate in basis points is between 1 and 9: 3 bp is 0.03%; a percent was likely meant.
void warn_small_bp(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, std::int32_t bp) {
    if (bp == 0 || bp >= plausible_min_bp || bp <= -plausible_min_bp) return;
    file.warning_at(diagnostics, path,
                    std::to_string(bp) + " bp is " + std::to_string(bp / 100.0).substr(0, 4) +
                        "%: basis points are hundredths of a percent (300 = 3%); did you mean " +
                        std::to_string(bp * 100) + "?");
}

/// A price's own year defaults to the run's first financial year, never to price_base_year: the base
/// year of real terms re-expresses cash and must not move it. A price written without its year beside a
/// price_base_year that is not the first year is warned about: a scenario moved to a later base year
/// kept reading its 2016/17 fees as fees of the new base year, 11% too low (4 December 2026).
void resolve_price(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, bool has,
                   const UnitCost& in, std::int32_t first_year, std::int32_t price_base_year, UnitPrice& out) {
    out.price_year = first_year;
    if (!has) return;
    if (in.has_pence()) out.pence = in.pence();
    if (in.has_price_year()) out.price_year = in.price_year();
    // price_base_year is the first year unless the scenario writes another.
    if (in.has_pence() && !in.has_price_year() && price_base_year != first_year) {
        const std::string year = std::to_string(price_base_year);
        file.warning_at(diagnostics, path + ".pence",
                        "has no price_year, so it is read as a price of " + std::to_string(first_year) +
                            " (run.base_year), while price_base_year is " + year + ": if it is a " + year +
                            " price, add `price_year: " + year + "`");
    }
    if (in.has_uplift_bp()) out.uplift_bp = in.uplift_bp();
    warn_small_bp(file, diagnostics, path + ".uplift_bp", out.uplift_bp);
    for (int i = 0; i < in.uplift_by_year_size(); ++i) {
        const auto& entry = in.uplift_by_year(i);
        const auto at = indexed(path + ".uplift_by_year", i);
        if (!check_year(file, diagnostics, at + ".financial_year", entry.has_financial_year(), entry.financial_year(),
                        entry.financial_year(), "a financial year"))
            continue;
        if (!entry.has_bp()) report(file, diagnostics, at + ".bp", "is required: the uplift in basis points");
        warn_small_bp(file, diagnostics, at + ".bp", entry.bp());
        for (const auto& earlier : out.uplift_by_year)
            if (earlier.financial_year == entry.financial_year())
                report(file, diagnostics, at + ".financial_year",
                       "financial year " + std::to_string(entry.financial_year()) + " is given twice");
        out.uplift_by_year.push_back({entry.financial_year(), entry.bp()});
    }
    std::sort(out.uplift_by_year.begin(), out.uplift_by_year.end(),
              [](const auto& a, const auto& b) { return a.financial_year < b.financial_year; });
}

/// A financial year that must fall in the run's [first, last] financial years: required, and an error
/// outside them (an entry there cannot act).
bool check_run_year(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, bool has,
                    std::int32_t year, std::int32_t first, std::int32_t last, const std::string& why) {
    if (!has) {
        report(file, diagnostics, path, "is required: the financial year's start year (2020 = 2020/21)");
        return false;
    }
    if (year >= first && year <= last) return true;
    // A year outside the schema's range is reported by check_schema_ranges.
    const auto& field = schema_field(*Saving::descriptor(), Saving::kFinancialYearFieldNumber);
    if (!within_schema_range(field, year)) return false;
    report(file, diagnostics, path,
           "financial year " + std::to_string(year) + " is outside " + std::to_string(first) + ".." +
               std::to_string(last) + ": " + why);
    return false;
}

void resolve_deflator(const ScenarioFile& file, Diagnostics& diagnostics, const Money& in, MoneyConfig& money) {
    if (!in.has_deflator()) return;
    const auto& d = in.deflator();
    if (d.source().empty())
        report(file, diagnostics, "money.deflator.source",
               "is required: name the price index and where it comes from (e.g. \"HM Treasury GDP deflator, March "
               "2025\"), so the outputs can say what real terms mean");
    else
        money.deflator.source = d.source();
    if (d.has_rate_bp()) money.deflator.rate_bp = d.rate_bp();
    warn_small_bp(file, diagnostics, "money.deflator.rate_bp", money.deflator.rate_bp);
    for (int i = 0; i < d.by_year_size(); ++i) {
        const auto& entry = d.by_year(i);
        const auto at = indexed("money.deflator.by_year", i);
        if (!check_year(file, diagnostics, at + ".financial_year", entry.has_financial_year(), entry.financial_year(),
                        entry.financial_year(), "a financial year"))
            continue;
        warn_small_bp(file, diagnostics, at + ".bp", entry.bp());
        for (const auto& earlier : money.deflator.by_year)
            if (earlier.financial_year == entry.financial_year())
                report(file, diagnostics, at + ".financial_year",
                       "financial year " + std::to_string(entry.financial_year()) + " is given twice");
        money.deflator.by_year.push_back({entry.financial_year(), entry.bp()});
    }
    std::sort(money.deflator.by_year.begin(), money.deflator.by_year.end(),
              [](const auto& a, const auto& b) { return a.financial_year < b.financial_year; });
}

void resolve_intervention_costs(const ScenarioFile& file, Diagnostics& diagnostics, const Money& in,
                                MoneyConfig& money) {
    std::set<std::string> names;
    for (int i = 0; i < in.intervention_cost_size(); ++i) {
        const auto& c = in.intervention_cost(i);
        const auto at = indexed("money.intervention_cost", i);
        if (!is_plain_name(c.name()))
            report(file, diagnostics, at + ".name", "is required: letters, digits, '_' and '-' only");
        else if (!names.insert(c.name()).second)
            report(file, diagnostics, at + ".name", "'" + c.name() + "' is used twice; names must be unique");
        InterventionCostConfig out{c.name(), c.financial_year(), c.has_last_year() ? c.last_year() : money.last_year,
                                   c.pounds() * 100, c.uplift_bp()};
        const bool year_ok = check_run_year(
            file, diagnostics, at + ".financial_year", c.has_financial_year(), c.financial_year(), money.first_year,
            money.last_year, "a cost acts only in the run's financial years (run.base_year .. run.horizon_year - 1)");
        const auto& last_year = schema_field(*InterventionCost::descriptor(), InterventionCost::kLastYearFieldNumber);
        if (c.has_last_year() && year_ok)
            check_relation(file, diagnostics, at + ".last_year", last_year, c.last_year(), c.financial_year(),
                           static_cast<std::int32_t>(schema_max(last_year)), "the last financial year of the cost");
        if (!c.has_pounds())
            report(file, diagnostics, at + ".pounds", "is required: the cost in its first year in pounds");
        warn_small_bp(file, diagnostics, at + ".uplift_bp", c.uplift_bp());
        money.intervention_costs.push_back(std::move(out));
    }
    money.costed[static_cast<std::size_t>(BudgetLine::interventions)] = !money.intervention_costs.empty();
}

/// Index of the unit cost whose price schedule is `name` ("home_care.pence"), or -1.
int price_schedule_line(const std::string& name) {
    for (int line = 0; line < budget_line_count; ++line)
        if (*unit_cost_schedule_names[line] && name == unit_cost_schedule_names[line]) return line;
    return -1;
}

void resolve_schedules(const ScenarioFile& file, Diagnostics& diagnostics, const Money& in, MoneyConfig& money) {
    std::vector<std::string> names(money_parameter_names, money_parameter_names + money_parameter_count);
    for (const auto* n : unit_cost_schedule_names)
        if (*n) names.emplace_back(n);
    for (int i = 0; i < in.schedule_size(); ++i) {
        const auto& s = in.schedule(i);
        const auto at = indexed("money.schedule", i);
        int parameter = -1;
        for (int p = 0; p < money_parameter_count; ++p)
            if (s.parameter() == money_parameter_names[p]) parameter = p;
        const int price_line = price_schedule_line(s.parameter());
        if (parameter < 0 && price_line < 0)
            report(file, diagnostics, at + ".parameter",
                   (s.parameter().empty() ? std::string("is required") : "unknown parameter '" + s.parameter() + "'") +
                       did_you_mean(s.parameter(), names) + "; one of " + join_words(names) +
                       " (the model's parameters go in the scenario's `schedules`)");
        if (price_line >= 0 && !money.costed[static_cast<std::size_t>(price_line)])
            report(file, diagnostics, at + ".parameter",
                   "budget line '" + std::string(budget_line_names[price_line]) + "' is not costed: it needs a `" +
                       section_for(static_cast<BudgetLine>(price_line)) + "` section");
        const bool year_ok =
            check_run_year(file, diagnostics, at + ".from_year", s.has_from_year(), s.from_year(), money.first_year,
                           money.last_year, "a schedule acts only in the run's financial years");
        const std::int32_t full = s.has_full_year() ? s.full_year() : s.from_year();
        const auto& full_year = schema_field(*Schedule::descriptor(), Schedule::kFullYearFieldNumber);
        if (s.has_full_year() && year_ok)
            check_relation(file, diagnostics, at + ".full_year", full_year, full, s.from_year(),
                           static_cast<std::int32_t>(schema_max(full_year)),
                           "the year the value is reached (from from_year on)");
        if (!s.has_value()) {
            report(file, diagnostics, at + ".value",
                   "is required: the value from full_year on, in the parameter's unit");
            continue;
        }
        if ((parameter < 0 && price_line < 0) || !year_ok) continue;
        // The value keeps to the range of the parameter's own field: UnitCost.pence, a share of Money, or
        // home_care.home_care_hours_per_week.
        const auto& field = price_line >= 0 ? schema_field(*UnitCost::descriptor(), UnitCost::kPenceFieldNumber)
                            : parameter == static_cast<int>(MoneyParameter::home_care_hours_per_week)
                                ? schema_field(*HomeCare::descriptor(), HomeCare::kHomeCareHoursPerWeekFieldNumber)
                                : *schema_field_at(*Money::descriptor(), money_parameter_names[parameter]);
        if (!within_schema_range(field, s.value())) {
            report(file, diagnostics, at + ".value",
                   out_of_schema_range(field, s.value(), "a value of " + s.parameter()));
            continue;
        }
        if (price_line >= 0) {
            if (s.value() != std::floor(s.value()))
                report(file, diagnostics, at + ".value", "must be a whole number of pence");
            money.prices[static_cast<std::size_t>(price_line)].schedules.push_back(
                {MoneyParameter::residential_funded_share_bp, s.from_year(), full, std::llround(s.value())});
            continue;
        }
        const bool hours = parameter == static_cast<int>(MoneyParameter::home_care_hours_per_week);
        if (!hours && s.value() != std::floor(s.value()))
            report(file, diagnostics, at + ".value", "must be a whole number of basis points");
        money.schedules.push_back({static_cast<MoneyParameter>(parameter), s.from_year(), full,
                                   std::llround(hours ? s.value() * 100 : s.value())});
    }
    const auto by_year = [](const auto& a, const auto& b) { return a.from_year < b.from_year; };
    std::stable_sort(money.schedules.begin(), money.schedules.end(), by_year);
    for (auto& price : money.prices) std::stable_sort(price.schedules.begin(), price.schedules.end(), by_year);
}

/// uncertainty.money: money assumptions drawn per replicate.
void resolve_money_draws(const ScenarioFile& file, Diagnostics& diagnostics, MoneyConfig& money) {
    const auto& u = file.scenario.uncertainty();
    std::vector<std::string> names;
    for (const auto* n : unit_cost_uplift_names)
        if (*n) names.emplace_back(n);
    names.emplace_back("deflator.rate_bp");
    for (int p = 0; p < money_parameter_count; ++p)
        if (p != static_cast<int>(MoneyParameter::home_care_hours_per_week))
            names.emplace_back(money_parameter_names[p]);
    std::set<std::string> used;
    for (const auto& r : u.rates()) used.insert(r.name());
    for (int i = 0; i < u.money_size(); ++i) {
        const auto& d = u.money(i);
        const auto at = indexed("uncertainty.money", i);
        if (!money.enabled) {
            report(file, diagnostics, at, "needs the `money` section: a money draw changes the money outputs only");
            return;
        }
        const bool name_ok = !d.name().empty() && std::all_of(d.name().begin(), d.name().end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
        });
        if (!name_ok)
            report(file, diagnostics, at + ".name", "is required: letters, digits, '_' and '-' only");
        else if (!used.insert(d.name()).second)
            report(
                file, diagnostics, at + ".name",
                "'" + d.name() + "' is used twice; names must be unique among uncertainty.rates and uncertainty.money");
        MoneyDrawConfig draw{d.name(), d.parameter(), -1, false, -1, d.lower95(), d.upper95(), d.source()};
        for (int line = 0; line < budget_line_count; ++line)
            if (*unit_cost_uplift_names[line] && d.parameter() == unit_cost_uplift_names[line]) draw.uplift_line = line;
        draw.deflator = d.parameter() == "deflator.rate_bp";
        for (int p = 0; p < money_parameter_count; ++p)
            if (p != static_cast<int>(MoneyParameter::home_care_hours_per_week) &&
                d.parameter() == money_parameter_names[p])
                draw.share = p;
        if (draw.uplift_line < 0 && !draw.deflator && draw.share < 0) {
            report(file, diagnostics, at + ".parameter",
                   (d.parameter().empty() ? std::string("is required")
                                          : "unknown money parameter '" + d.parameter() + "'") +
                       did_you_mean(d.parameter(), names) + "; one of " + join_words(names));
        } else if (draw.uplift_line >= 0 && !money.costed[static_cast<std::size_t>(draw.uplift_line)]) {
            report(file, diagnostics, at + ".parameter",
                   "budget line '" + std::string(budget_line_names[draw.uplift_line]) +
                       "' is not costed: it needs a `" + section_for(static_cast<BudgetLine>(draw.uplift_line)) +
                       "` section");
        }
        if (!d.has_lower95() || !d.has_upper95()) {
            report(file, diagnostics, at, "needs lower95 and upper95: the 95% interval of the shift, in basis points");
        } else if (!(d.lower95() < d.upper95())) {
            report(file, diagnostics, at + ".lower95",
                   "the interval [" + format_number(d.lower95()) + ", " + format_number(d.upper95()) +
                       "] must satisfy lower95 < upper95 (basis points)");
        }
        if (d.source().empty())
            report(file, diagnostics, at + ".source",
                   "is required: where the interval comes from (shown in the report)");
        money.draws.push_back(std::move(draw));
    }
}

/// Index of a budget line named `name`, -1 for "total" or "" when `allow_total`, -2 if unknown (reported).
int resolve_line(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, const std::string& name,
                 bool allow_total, const MoneyConfig& money) {
    if (allow_total && (name.empty() || name == "total")) return -1;
    for (int line = 0; line < budget_line_count; ++line) {
        if (name != budget_line_names[line]) continue;
        if (!money.costed[static_cast<std::size_t>(line)]) {
            const auto section = section_for(static_cast<BudgetLine>(line));
            report(file, diagnostics, path,
                   "budget line '" + name + "' is not costed: it needs " +
                       (section.empty() ? std::string("a money.intervention_cost") : "a `" + section + "` section"));
            return -2;
        }
        return line;
    }
    std::string allowed;
    for (const auto* n : budget_line_names) allowed += std::string(allowed.empty() ? "" : ", ") + n;
    if (allow_total) allowed += " or total";
    report(file, diagnostics, path,
           (name.empty() ? std::string("is required") : "unknown budget line '" + name + "'") + ": one of " + allowed);
    return -2;
}

void resolve_envelopes(const ScenarioFile& file, Diagnostics& diagnostics, const Money& in, MoneyConfig& money) {
    std::array<bool, budget_line_count> seen{};
    for (int i = 0; i < in.envelope_size(); ++i) {
        const auto& e = in.envelope(i);
        const auto at = indexed("money.envelope", i);
        const int line = resolve_line(file, diagnostics, at + ".line", e.line(), false, money);
        warn_small_bp(file, diagnostics, at + ".growth_bp", e.growth_bp());
        EnvelopeConfig envelope{e.base_pounds() * 100, e.growth_bp(), {}};
        for (int j = 0; j < e.by_year_size(); ++j) {
            const auto& y = e.by_year(j);
            const auto year_at = indexed(at + ".by_year", j);
            if (!check_year(file, diagnostics, year_at + ".financial_year", y.has_financial_year(), y.financial_year(),
                            money.first_year, "a financial year of the run (from run.base_year)"))
                continue;
            if (!y.has_pounds()) report(file, diagnostics, year_at + ".pounds", "is required: the envelope in pounds");
            for (const auto& earlier : envelope.by_year)
                if (earlier.financial_year == y.financial_year())
                    report(file, diagnostics, year_at + ".financial_year",
                           "financial year " + std::to_string(y.financial_year()) + " is given twice");
            envelope.by_year.push_back({y.financial_year(), y.pounds() * 100});
        }
        std::sort(envelope.by_year.begin(), envelope.by_year.end(),
                  [](const auto& a, const auto& b) { return a.financial_year < b.financial_year; });
        if (line < 0) continue;
        if (seen[static_cast<std::size_t>(line)])
            report(file, diagnostics, at + ".line", "budget line '" + e.line() + "' has a second envelope");
        seen[static_cast<std::size_t>(line)] = true;
        money.envelopes[static_cast<std::size_t>(line)] = std::move(envelope);
    }
    std::set<std::string> saving_names;
    for (int i = 0; i < in.saving_size(); ++i) {
        const auto& s = in.saving(i);
        const auto at = indexed("money.saving", i);
        const int line = resolve_line(file, diagnostics, at + ".line", s.line(), true, money);
        if (line >= 0 && is_high_needs(static_cast<BudgetLine>(line)))
            report(file, diagnostics, at + ".line",
                   "ehc_plans is the high-needs block, not the adult social care budget the MTFP savings are on");
        const bool year_ok = check_run_year(
            file, diagnostics, at + ".financial_year", s.has_financial_year(), s.financial_year(), money.first_year,
            money.last_year, "a saving acts only in the run's financial years (run.base_year .. run.horizon_year - 1)");
        if (!s.has_pounds())
            report(file, diagnostics, at + ".pounds", "is required: the amount saved each year in pounds");
        if (!s.name().empty() && !saving_names.insert(s.name()).second)
            report(file, diagnostics, at + ".name", "'" + s.name() + "' is used twice; names must be unique");
        if (line >= -1 && year_ok) money.savings.push_back({s.financial_year(), line, s.pounds() * 100, s.name()});
    }
}

MoneyConfig resolve_money(const ScenarioFile& file, std::int32_t base_year, std::int32_t horizon_year,
                          const CohortConfig& cohorts, Diagnostics& diagnostics) {
    MoneyConfig money;
    const auto& s = file.scenario;
    money.enabled = s.has_money();
    money.first_year = base_year;
    money.last_year = horizon_year - 1;
    money.price_base_year = base_year;
    money.home_care_centihours_per_week = std::llround(cohorts.home_care.home_care_hours_per_week * 100);
    for (int line = 0; line < budget_line_count; ++line) {
        const auto section = section_for(static_cast<BudgetLine>(line));
        money.costed[static_cast<std::size_t>(line)] = (section == "care_homes" && cohorts.care_homes.enabled) ||
                                                       (section == "home_care" && cohorts.home_care.enabled) ||
                                                       (section == "carers" && cohorts.carers.enabled) ||
                                                       (section == "send" && cohorts.send.enabled);
        money.prices[static_cast<std::size_t>(line)].pence = default_prices_pence()[static_cast<std::size_t>(line)];
    }
    if (!money.enabled) {
        resolve_money_draws(file, diagnostics, money);  // reports draws without a money section
        return money;
    }
    const Money& in = s.money();
    if (in.has_price_base_year()) money.price_base_year = in.price_base_year();
    const auto price = [&](BudgetLine line, const char* field, bool has, const UnitCost& cost) {
        resolve_price(file, diagnostics, std::string("money.") + field, has, cost, money.first_year,
                      money.price_base_year, money.prices[static_cast<std::size_t>(line)]);
    };
    price(BudgetLine::residential_care, "residential_care", in.has_residential_care(), in.residential_care());
    price(BudgetLine::nursing_care, "nursing_care", in.has_nursing_care(), in.nursing_care());
    price(BudgetLine::home_care, "home_care", in.has_home_care(), in.home_care());
    price(BudgetLine::direct_payments, "direct_payment", in.has_direct_payment(), in.direct_payment());
    price(BudgetLine::reablement, "reablement", in.has_reablement(), in.reablement());
    price(BudgetLine::carer_support, "carer_support", in.has_carer_support(), in.carer_support());
    price(BudgetLine::ehc_plans, "ehc_plan", in.has_ehc_plan(), in.ehc_plan());

    auto& shares = money.funded_share_bp;
    const auto share = [&](BudgetLine line, bool has, std::int32_t value) {
        if (has) shares[static_cast<std::size_t>(line)] = value;
    };
    share(BudgetLine::residential_care, in.has_residential_funded_share_bp(), in.residential_funded_share_bp());
    share(BudgetLine::nursing_care, in.has_nursing_funded_share_bp(), in.nursing_funded_share_bp());
    share(BudgetLine::home_care, in.has_home_care_funded_share_bp(), in.home_care_funded_share_bp());
    share(BudgetLine::reablement, in.has_reablement_funded_share_bp(), in.reablement_funded_share_bp());
    share(BudgetLine::ehc_plans, in.has_ehc_plan_funded_share_bp(), in.ehc_plan_funded_share_bp());
    if (in.has_carers_supported_share_bp()) money.carers_supported_share_bp = in.carers_supported_share_bp();
    if (in.has_direct_payment_share_bp()) money.direct_payment_share_bp = in.direct_payment_share_bp();
    resolve_deflator(file, diagnostics, in, money);
    resolve_intervention_costs(file, diagnostics, in, money);
    resolve_schedules(file, diagnostics, in, money);
    resolve_envelopes(file, diagnostics, in, money);
    resolve_money_draws(file, diagnostics, money);
    return money;
}

void resolve_capacity(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, bool has,
                      const Capacity& in, std::int32_t base_year, std::int32_t last_year, CapacityConfig& out) {
    out.given = has;
    if (!has) return;
    out.base = in.base();
    std::vector<std::pair<std::pair<std::int32_t, int>, std::int64_t>> changes;  // ((year, index), amount)
    for (int i = 0; i < in.change_size(); ++i) {
        const auto& c = in.change(i);
        const auto at = indexed(path + ".change", i);
        const bool year_ok = check_run_year(file, diagnostics, at + ".financial_year", c.has_financial_year(),
                                            c.financial_year(), base_year + 1, last_year,
                                            "a change acts from the year after the run's first (base holds that "
                                            "year's capacity) to its last (run.horizon_year - 1)");
        if (!c.has_amount() || c.amount() == 0) {
            report(file, diagnostics, at + ".amount", "is required and not zero: positive opens, negative closes");
            continue;
        }
        if (year_ok) changes.push_back({{c.financial_year(), i}, c.amount()});
    }
    std::sort(changes.begin(), changes.end());
    std::int64_t running = out.base;
    for (std::size_t k = 0; k < changes.size(); ++k) {
        const auto [year, index] = changes[k].first;
        running += changes[k].second;
        out.changes.emplace_back(year, changes[k].second);
        // Changes in one year are summed before the check, so a closure and an opening may share a year.
        const bool last_of_year = k + 1 == changes.size() || changes[k + 1].first.first != year;
        if (last_of_year && running < 0)
            report(file, diagnostics, indexed(path + ".change", index) + ".amount",
                   "capacity falls below zero: " + std::to_string(running) + " in financial year " +
                       std::to_string(year) + " (base " + std::to_string(out.base) + " plus the changes to then)");
    }
}

MarketConfig resolve_market(const ScenarioFile& file, std::int32_t base_year, std::int32_t horizon_year,
                            const CohortConfig& cohorts, Diagnostics& diagnostics) {
    MarketConfig market;
    market.enabled = file.scenario.has_market();
    market.first_year = base_year;
    market.home_care_centihours_per_week = std::llround(cohorts.home_care.home_care_hours_per_week * 100);
    if (!market.enabled) return market;
    const Market& in = file.scenario.market();
    const std::pair<bool, const Capacity*> given[market_service_count] = {
        {in.has_residential_beds(), &in.residential_beds()},
        {in.has_nursing_beds(), &in.nursing_beds()},
        {in.has_home_care_hours_per_week(), &in.home_care_hours_per_week()},
        {in.has_reablement_episodes_per_year(), &in.reablement_episodes_per_year()},
        {in.has_special_school_places(), &in.special_school_places()},
        {in.has_extra_care_units(), &in.extra_care_units()}};
    for (int s = 0; s < market_service_count; ++s) {
        const auto path = std::string("market.") + market_service_names[s];
        resolve_capacity(file, diagnostics, path, given[s].first, *given[s].second, base_year, horizon_year - 1,
                         market.capacity[static_cast<std::size_t>(s)]);
        const auto section = section_for(static_cast<MarketService>(s));
        const bool enabled = section.empty() || (section == "care_homes" && cohorts.care_homes.enabled) ||
                             (section == "home_care" && cohorts.home_care.enabled) ||
                             (section == "send" && cohorts.send.enabled);
        if (given[s].first && !enabled)
            report(file, diagnostics, path, "needs a `" + section + "` section: its demand is measured there");
    }
    if (in.has_special_school_share_bp()) market.special_school_share_bp = in.special_school_share_bp();
    return market;
}

}  // namespace

std::array<std::int32_t, budget_line_count> default_funded_shares_bp() {
    std::array<std::int32_t, budget_line_count> out;
    out.fill(basis_points);
    const auto share = [&](BudgetLine line, int number) {
        out[static_cast<std::size_t>(line)] = schema_default<Money, std::int32_t>(number);
    };
    share(BudgetLine::residential_care, Money::kResidentialFundedShareBpFieldNumber);
    share(BudgetLine::nursing_care, Money::kNursingFundedShareBpFieldNumber);
    share(BudgetLine::home_care, Money::kHomeCareFundedShareBpFieldNumber);
    share(BudgetLine::reablement, Money::kReablementFundedShareBpFieldNumber);
    share(BudgetLine::ehc_plans, Money::kEhcPlanFundedShareBpFieldNumber);
    return out;
}

std::array<std::int64_t, budget_line_count> default_prices_pence() {
    // interventions has no unit price: its costs are given in money.intervention_cost.
    std::array<std::int64_t, budget_line_count> out{};
    const auto price = [&](BudgetLine line, int number) {
        out[static_cast<std::size_t>(line)] = schema_default<Money, std::int64_t>(number);
    };
    price(BudgetLine::residential_care, Money::kResidentialCareFieldNumber);
    price(BudgetLine::nursing_care, Money::kNursingCareFieldNumber);
    price(BudgetLine::home_care, Money::kHomeCareFieldNumber);
    price(BudgetLine::direct_payments, Money::kDirectPaymentFieldNumber);
    price(BudgetLine::reablement, Money::kReablementFieldNumber);
    price(BudgetLine::carer_support, Money::kCarerSupportFieldNumber);
    price(BudgetLine::ehc_plans, Money::kEhcPlanFieldNumber);
    return out;
}

std::int64_t default_home_care_centihours() {
    return std::llround(schema_default<HomeCare>(HomeCare::kHomeCareHoursPerWeekFieldNumber) * 100);
}

std::string section_for(BudgetLine line) {
    switch (line) {
        case BudgetLine::residential_care:
        case BudgetLine::nursing_care:
            return "care_homes";
        case BudgetLine::home_care:
        case BudgetLine::direct_payments:
        case BudgetLine::reablement:
            return "home_care";
        case BudgetLine::carer_support:
            return "carers";
        case BudgetLine::ehc_plans:
            return "send";
        case BudgetLine::interventions:
            return "";
    }
    return "";
}

std::string section_for(MarketService service) {
    switch (service) {
        case MarketService::residential_beds:
        case MarketService::nursing_beds:
            return "care_homes";
        case MarketService::home_care_hours_per_week:
        case MarketService::reablement_episodes_per_year:
            return "home_care";
        case MarketService::special_school_places:
            return "send";
        case MarketService::extra_care_units:
            return "";
    }
    return "";
}

FinanceConfig resolve_finance_config(const ScenarioFile& file, std::int32_t base_year, std::int32_t horizon_year,
                                     const CohortConfig& cohorts, Diagnostics& diagnostics) {
    FinanceConfig config;
    config.money = resolve_money(file, base_year, horizon_year, cohorts, diagnostics);
    config.market = resolve_market(file, base_year, horizon_year, cohorts, diagnostics);
    for (const auto& s : config.money.schedules)
        if (s.parameter == MoneyParameter::home_care_hours_per_week) config.market.hours_schedules.push_back(s);
    return config;
}

}  // namespace carecast
