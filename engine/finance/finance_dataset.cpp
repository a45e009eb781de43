#include "finance/finance_dataset.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "finance/costs.hpp"
#include "finance/finance_rates.hpp"
#include "finance/market_position.hpp"
#include "finance/pence.hpp"
#include "finance/volumes.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::output {
namespace {

using finance::LineTable;

const std::string pence_note =
    "integer pence (GBP x 100), exact: divide by 100 for pounds. Financial years run April to March and are "
    "named by their start year; year y holds the model's interval from mid-year y to mid-year y+1 "
    "(docs/money_and_market.md)";

/// Money and market arrays and their statistics, which carry the arrays' attributes too.
template <typename T>
void add_money_with_summary(Dataset& dataset, const std::string& name, std::vector<std::string> dims,
                            std::vector<T> data, std::size_t replicates, const std::string& long_name,
                            const std::string& units, const std::vector<Attribute>& attributes) {
    add_with_summary(dataset, name, std::move(dims), std::move(data), replicates, long_name, units, attributes,
                     SummaryAttributes::same);
}

std::vector<int> costed_columns(const MoneyConfig& money) {
    std::vector<int> columns;
    for (int line = 0; line < budget_line_count; ++line)
        if (money.costed[static_cast<std::size_t>(line)]) columns.push_back(line);
    columns.push_back(finance::asc_total_column);
    columns.push_back(finance::high_needs_total_column);
    return columns;
}

std::string column_name(int c) {
    if (c == finance::asc_total_column) return asc_total_name;
    if (c == finance::high_needs_total_column) return high_needs_total_name;
    return budget_line_names[c];
}

/// Appends a [year][column] table's costed columns to `out`.
void append(std::vector<std::int64_t>& out, const LineTable& table, const std::vector<int>& columns) {
    for (const auto& row : table)
        for (int c : columns) out.push_back(row[static_cast<std::size_t>(c)]);
}

std::string financial_year_name(std::int32_t year) {
    const auto next = std::to_string((year + 1) % 100);
    return std::to_string(year) + "/" + (next.size() < 2 ? "0" : "") + next;
}

/// The lines of the adult social care budget by client group and service, "group.service": the care
/// lines of each client group, carers' support, and each intervention's cost. They add up to asc_total.
struct ClientGroupLine {
    std::string name;
    int group = -1;         // ClientGroup, or -1
    int line = 0;           // BudgetLine
    int intervention = -1;  // index into money.intervention_costs for the interventions line
};

std::vector<ClientGroupLine> client_group_lines(const MoneyConfig& money) {
    std::vector<ClientGroupLine> out;
    for (int g = 0; g < client_group_count; ++g)
        for (int line = 0; line < budget_line_count; ++line)
            if (money.costed[static_cast<std::size_t>(line)] && is_client_group_line(static_cast<BudgetLine>(line)))
                out.push_back({std::string(client_group_names[g]) + "." + budget_line_names[line], g, line, -1});
    if (money.costed[static_cast<std::size_t>(BudgetLine::carer_support)])
        out.push_back({"carers.carer_support", -1, static_cast<int>(BudgetLine::carer_support), -1});
    for (std::size_t i = 0; i < money.intervention_costs.size(); ++i)
        out.push_back({"interventions." + money.intervention_costs[i].name, -1,
                       static_cast<int>(BudgetLine::interventions), static_cast<int>(i)});
    return out;
}

void append_groups(std::vector<std::int64_t>& out, const finance::CostTables& tables, const MoneyConfig& money,
                   const std::vector<ClientGroupLine>& lines, bool real) {
    const auto convert = [&](const LineTable& t) { return real ? finance::to_real_terms(money, t) : t; };
    std::array<LineTable, client_group_count> groups;
    for (int g = 0; g < client_group_count; ++g)
        groups[static_cast<std::size_t>(g)] = convert(tables.by_group[static_cast<std::size_t>(g)]);
    const auto all = convert(tables.lines);
    for (std::size_t k = 0; k < all.size(); ++k) {
        for (const auto& l : lines) {
            if (l.group >= 0) {
                out.push_back(groups[static_cast<std::size_t>(l.group)][k][static_cast<std::size_t>(l.line)]);
            } else if (l.intervention >= 0) {
                // Each intervention's cost is its own line; the interventions column is their sum.
                const auto year = money.first_year + static_cast<std::int32_t>(k);
                const auto cash = finance::intervention_cost_pence(
                    money.intervention_costs[static_cast<std::size_t>(l.intervention)], year);
                out.push_back(real ? finance::divide_rounded(static_cast<finance::Wide>(cash) *
                                                                 finance::deflator_index(money, money.price_base_year),
                                                             finance::deflator_index(money, year))
                                   : cash);
            } else {
                out.push_back(all[k][static_cast<std::size_t>(l.line)]);
            }
        }
    }
}

/// The money assumptions drawn per replicate: their shifts in basis points, with intervals and sources.
void add_money_draws(Dataset& dataset, const RunResults& r) {
    const auto& draws = r.finance.money.draws;
    std::vector<std::string> names;
    std::string description;
    for (const auto& d : draws) {
        names.push_back(d.name);
        description += (description.empty() ? "" : "; ") + d.name + ": shift of money " + d.parameter +
                       ", normal with 95% interval [" + std::to_string(d.lower95) + ", " + std::to_string(d.upper95) +
                       "] bp, rounded to a whole basis point (" + d.source + ")";
    }
    dataset.dimensions.push_back(
        {"money_draw", names.size(), "money assumption drawn once per replicate", "", {}, names});
    std::vector<double> data;
    for (const auto& rep : r.replicates) {
        if (rep.money_draws.size() != draws.size())
            throw std::logic_error("add_money_draws: a replicate without its draws");
        data.insert(data.end(), rep.money_draws.begin(), rep.money_draws.end());
    }
    add_money_with_summary(dataset, "money_draws", {"replicate", "money_draw"}, std::move(data), r.replicates.size(),
                           "shifts drawn for money assumptions (added to the parameter in every financial year), basis "
                           "points",
                           "1", {{"description", description}, {"units_note", "basis points (1 bp = 0.01%)"}});
}

void add_money(Dataset& dataset, const RunResults& r, const std::vector<finance::ServiceVolumes>& volumes,
               const std::vector<std::array<finance::ServiceVolumes, client_group_count>>& group_volumes) {
    const auto& money = r.finance.money;
    const auto columns = costed_columns(money);
    std::vector<std::string> names;
    for (int c : columns) names.push_back(column_name(c));
    dataset.dimensions.push_back(
        {"budget_line",
         names.size(),
         "budget line (only lines whose cohort section is in the scenario), then asc_total (adult social care: every "
         "line but ehc_plans, the MTFP total) and high_needs_total (ehc_plans: the schools' high-needs block, never in "
         "the adult social care total)",
         "",
         {},
         names});
    const int years = r.interval_count();
    const auto envelopes = finance::envelope_table(money, years);
    const auto savings = finance::savings_table(money, envelopes);
    const auto base_fy = financial_year_name(money.price_base_year);
    const std::vector<Attribute> cash_attributes = {{"description", pence_note},
                                                    {"prices", "cash (each year's own prices)"}};
    const std::vector<Attribute> real_attributes = {
        {"description", pence_note},
        {"prices",
         "real terms: cash deflated by one general deflator for every line to the prices of financial year " + base_fy},
        {"deflator", money.deflator.source},
        {"price_base_year", std::to_string(money.price_base_year)}};

    std::vector<std::int64_t> envelope_data, savings_data;
    append(envelope_data, envelopes, columns);
    append(savings_data, savings, columns);
    dataset.variables.push_back({"budget_envelope",
                                 {"financial_year", "budget_line"},
                                 "budget envelope by financial year and line, cash, in pence (before savings)",
                                 "pence",
                                 std::move(envelope_data),
                                 cash_attributes});
    dataset.variables.push_back({"budget_savings",
                                 {"financial_year", "budget_line"},
                                 "planned savings in force (recurring from their start year), cash, in pence",
                                 "pence",
                                 std::move(savings_data),
                                 cash_attributes});

    const auto group_lines = client_group_lines(money);
    std::vector<std::int64_t> cost_cash, cost_real, pressure_cash, pressure_real, group_cash, group_real;
    for (std::size_t i = 0; i < volumes.size(); ++i) {
        // With money draws each replicate has its own uplifts, shares and deflator.
        const auto own =
            money.draws.empty() ? MoneyConfig{} : finance::money_for_replicate(money, r.replicates[i].money_draws);
        const MoneyConfig& m = money.draws.empty() ? money : own;
        const auto tables = finance::cost_tables(m, volumes[i], group_volumes[i]);
        const auto pressure = finance::pressure_table(tables.lines, envelopes, savings);
        append(cost_cash, tables.lines, columns);
        append(cost_real, finance::to_real_terms(m, tables.lines), columns);
        append(pressure_cash, pressure, columns);
        append(pressure_real, finance::to_real_terms(m, pressure), columns);
        append_groups(group_cash, tables, m, group_lines, false);
        append_groups(group_real, tables, m, group_lines, true);
    }
    if (!money.draws.empty()) add_money_draws(dataset, r);
    const std::vector<std::string> dims = {"replicate", "financial_year", "budget_line"};
    const auto n = r.replicates.size();
    add_money_with_summary(dataset, "cost_cash", dims, std::move(cost_cash), n,
                           "cost of care to the council (council-funded share), cash, in pence", "pence",
                           cash_attributes);
    add_money_with_summary(
        dataset, "cost_real", dims, std::move(cost_real), n,
        "cost of care to the council (council-funded share), real terms at " + base_fy + " prices, in pence", "pence",
        real_attributes);
    add_money_with_summary(
        dataset, "mtfp_pressure", dims, std::move(pressure_cash), n,
        "MTFP pressure: cost minus (envelope minus savings), cash, in pence; positive is an overspend", "pence",
        cash_attributes);
    add_money_with_summary(dataset, "mtfp_pressure_real", dims, std::move(pressure_real), n,
                           "MTFP pressure in real terms at " + base_fy +
                               " prices (the cash pressure deflated), in pence; "
                               "positive is an overspend",
                           "pence", real_attributes);

    std::vector<std::string> group_names;
    for (const auto& l : group_lines) group_names.push_back(l.name);
    if (!group_names.empty()) {
        dataset.dimensions.push_back(
            {"client_group_line",
             group_names.size(),
             "adult social care budget line by client group and service, 'group.service' "
             "(older_people_65_plus, adults_18_64, carers, interventions); they add up to asc_total",
             "",
             {},
             group_names});
        const std::vector<std::string> group_dims = {"replicate", "financial_year", "client_group_line"};
        add_money_with_summary(dataset, "cost_cash_by_client_group", group_dims, std::move(group_cash), n,
                               "cost to the council by client group and service, cash, in pence", "pence",
                               cash_attributes);
        add_money_with_summary(
            dataset, "cost_real_by_client_group", group_dims, std::move(group_real), n,
            "cost to the council by client group and service, real terms at " + base_fy + " prices, in pence", "pence",
            real_attributes);
    }

    // Unit prices by year and line, to check against the fee schedule.
    std::vector<int> priced;
    for (int line = 0; line < budget_line_count; ++line)
        if (money.costed[static_cast<std::size_t>(line)] && line != static_cast<int>(BudgetLine::interventions))
            priced.push_back(line);
    std::vector<std::string> priced_names;
    for (int line : priced) priced_names.push_back(budget_line_names[line]);
    std::vector<std::int64_t> prices;
    for (int k = 0; k < years; ++k)
        for (int line : priced)
            prices.push_back(finance::unit_price_pence(money.prices[static_cast<std::size_t>(line)], r.base_year + k));
    if (!priced.empty()) {
        dataset.dimensions.push_back(
            {"priced_line", priced_names.size(), "budget line with a unit price", "", {}, priced_names});
        dataset.variables.push_back({"unit_price",
                                     {"financial_year", "priced_line"},
                                     "unit price in cash by financial year (per week for care homes and direct "
                                     "payments, per hour for home care, "
                                     "per episode for reablement, per year for carer support and EHC plans), in pence",
                                     "pence",
                                     std::move(prices),
                                     cash_attributes});
    }
    std::vector<double> index;
    const double base = static_cast<double>(finance::deflator_index(money, money.price_base_year));
    for (int k = 0; k < years; ++k)
        index.push_back(static_cast<double>(finance::deflator_index(money, r.base_year + k)) / base);
    dataset.variables.push_back(
        {"price_deflator",
         {"financial_year"},
         "general price deflator, 1 in financial year " + base_fy + ": real terms = cash / price_deflator",
         "1",
         std::move(index),
         {{"deflator", money.deflator.source}, {"price_base_year", std::to_string(money.price_base_year)}}});
    if (!money.intervention_costs.empty()) {
        std::vector<std::string> cost_names;
        for (const auto& c : money.intervention_costs) cost_names.push_back(c.name);
        dataset.dimensions.push_back(
            {"intervention_cost", cost_names.size(), "cost of an intervention", "", {}, cost_names});
        std::vector<std::int64_t> data;
        for (int k = 0; k < years; ++k)
            for (const auto& c : money.intervention_costs)
                data.push_back(finance::intervention_cost_pence(c, r.base_year + k));
        dataset.variables.push_back({"intervention_costs",
                                     {"financial_year", "intervention_cost"},
                                     "cost of each intervention to the council, cash, in pence (in the interventions "
                                     "budget line)",
                                     "pence",
                                     std::move(data),
                                     cash_attributes});
    }
}

void add_market(Dataset& dataset, const RunResults& r, const std::vector<finance::ServiceVolumes>& volumes) {
    const auto& market = r.finance.market;
    const int years = r.interval_count();
    const auto capacity = finance::capacity_table(market, years);
    std::vector<int> services;
    for (int s = 0; s < market_service_count; ++s)
        if (market.capacity[static_cast<std::size_t>(s)].given &&
            s != static_cast<int>(MarketService::extra_care_units))
            services.push_back(s);
    const std::string note =
        "financial year y holds the model's interval from mid-year y to mid-year y+1; demand: "
        "beds = bed-days / 365 (all residents, self-funders included); home-care hours = mean "
        "clients x hours per client a week; reablement = episodes; special-school places = mean "
        "EHC plans aged 5-18 x special-school share (docs/money_and_market.md)";
    if (!services.empty()) {
        std::vector<std::string> names;
        for (int s : services) names.push_back(market_service_names[s]);
        dataset.dimensions.push_back({"service",
                                      names.size(),
                                      "service of the market position; its name gives its unit (beds, hours a week, "
                                      "episodes a year, places)",
                                      "",
                                      {},
                                      names});
        std::vector<std::int64_t> capacity_data;
        for (const auto& row : capacity)
            for (int s : services) capacity_data.push_back(row[static_cast<std::size_t>(s)]);
        dataset.variables.push_back({"market_capacity",
                                     {"financial_year", "service"},
                                     "capacity by service: planned base plus openings and closures (unit in the "
                                     "service name)",
                                     "1",
                                     std::move(capacity_data),
                                     {{"description", note}}});
        std::vector<double> demand, occupancy, surplus;
        for (const auto& v : volumes)
            for (int k = 0; k < years; ++k)
                for (int s : services) {
                    const double d = finance::service_demand(market, static_cast<MarketService>(s), v, k);
                    const auto cap = capacity[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)];
                    demand.push_back(d);
                    occupancy.push_back(finance::occupancy(d, cap));
                    surplus.push_back(finance::surplus(d, cap));
                }
        const std::vector<std::string> dims = {"replicate", "financial_year", "service"};
        const auto n = r.replicates.size();
        add_money_with_summary(dataset, "market_demand", dims, std::move(demand), n,
                               "demand by service, in the service's unit", "1", {{"description", note}});
        add_money_with_summary(dataset, "market_occupancy", dims, std::move(occupancy), n,
                               "occupancy: demand / capacity (NaN where capacity is zero; above 1 is a shortfall)", "1",
                               {{"description", note}});
        add_money_with_summary(dataset, "market_surplus", dims, std::move(surplus), n,
                               "surplus: capacity minus demand, in the service's unit; negative is a shortfall", "1",
                               {{"description", note}});
    }
    const auto& extra = market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)];
    if (extra.given) {
        std::vector<std::int64_t> data;
        for (const auto& row : capacity) data.push_back(row[static_cast<std::size_t>(MarketService::extra_care_units)]);
        dataset.variables.push_back(
            {"extra_care_capacity",
             {"financial_year"},
             "extra-care housing units (capacity only: the model does not simulate extra-care tenants, so there is no "
             "demand, occupancy or surplus for extra care)",
             "1",
             std::move(data),
             {}});
    }
}

}  // namespace

namespace {
constexpr std::string_view capacity_warning_end =
    "): a capacity below the base year's own demand is probably a wrong capacity";
}  // namespace

std::string base_year_capacity_warning(const std::string& service, std::int32_t base_year, double demand,
                                       std::int64_t capacity) {
    if (capacity > 0 && demand <= static_cast<double>(capacity)) return "";
    const auto percent = capacity > 0
                             ? std::to_string(static_cast<long long>(std::llround(100.0 * demand / capacity))) + "%"
                             : std::string("infinite (capacity 0)");
    return "market." + service + ": occupancy in the base year " + financial_year_name(base_year) + " is " + percent +
           " (demand " + std::to_string(static_cast<long long>(std::llround(demand))) + ", capacity " +
           std::to_string(capacity) + std::string(capacity_warning_end);
}

bool is_capacity_warning(const std::string& line) {
    return line.ends_with(capacity_warning_end);
}

std::vector<std::string> results_warnings(const RunResults& r) {
    std::vector<std::string> out;
    const auto& market = r.finance.market;
    if (!market.enabled || r.replicates.empty() || r.interval_count() == 0) return out;
    const auto capacity = finance::capacity_table(market, 1);
    std::vector<finance::ServiceVolumes> volumes;
    for (const auto& rep : r.replicates) volumes.push_back(finance::service_volumes(r, rep));
    for (int s = 0; s < market_service_count; ++s) {
        const auto u = static_cast<std::size_t>(s);
        if (!market.capacity[u].given || s == static_cast<int>(MarketService::extra_care_units)) continue;
        double demand = 0;
        for (const auto& v : volumes) demand += finance::service_demand(market, static_cast<MarketService>(s), v, 0);
        demand /= static_cast<double>(volumes.size());
        const auto warning = base_year_capacity_warning(market_service_names[s], r.base_year, demand, capacity[0][u]);
        if (!warning.empty()) out.push_back(warning);
    }
    return out;
}

void add_money_and_market(Dataset& dataset, const RunResults& r) {
    const auto& finance_config = r.finance;
    if (!finance_config.money.enabled && !finance_config.market.enabled) return;
    std::vector<std::int32_t> years(static_cast<std::size_t>(r.interval_count()));
    std::iota(years.begin(), years.end(), r.base_year);
    dataset.dimensions.push_back(
        {"financial_year",
         years.size(),
         "financial year (April to March) by its start year, 2017 = 2017/18; holds the model's "
         "interval from mid-year (30 June) of that year to the next",
         "",
         years,
         {}});
    std::vector<finance::ServiceVolumes> volumes;
    std::vector<std::array<finance::ServiceVolumes, client_group_count>> group_volumes;
    for (const auto& rep : r.replicates) {
        volumes.push_back(finance::service_volumes(r, rep));
        auto& groups = group_volumes.emplace_back();
        for (int g = 0; g < client_group_count; ++g) {
            const auto [lo, hi] = finance::client_group_ages(static_cast<ClientGroup>(g));
            groups[static_cast<std::size_t>(g)] = finance::care_volumes(r, rep, lo, hi);
        }
    }
    if (finance_config.money.enabled) add_money(dataset, r, volumes, group_volumes);
    if (finance_config.market.enabled) add_market(dataset, r, volumes);
}

}  // namespace carecast::output
