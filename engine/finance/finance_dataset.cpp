#include "finance/finance_dataset.hpp"

#include <numeric>

#include "finance/costs.hpp"
#include "finance/market_position.hpp"
#include "finance/volumes.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::output {
namespace {

using finance::LineTable;

const std::string pence_note =
    "integer pence (GBP x 100), exact: divide by 100 for pounds. Financial years run April to March and are "
    "named by their start year; year y holds the model's interval from mid-year y to mid-year y+1 "
    "(docs/money_and_market.md)";

template <typename T>
void add_with_summary(Dataset& dataset, const std::string& name, std::vector<std::string> dims, std::vector<T> data,
                      std::size_t replicates, const std::string& long_name, const std::string& units,
                      const std::vector<Attribute>& attributes) {
    auto summary = summarise_over_replicates(data, replicates);
    dataset.variables.push_back({name, dims, long_name, units, std::move(data), attributes});
    dims.front() = "statistic";
    dataset.variables.push_back(
        {name + "_summary", dims, long_name + " (statistics across replicates)", units, std::move(summary), attributes});
}

std::vector<int> costed_columns(const MoneyConfig& money) {
    std::vector<int> columns;
    for (int line = 0; line < budget_line_count; ++line)
        if (money.costed[static_cast<std::size_t>(line)]) columns.push_back(line);
    columns.push_back(finance::total_column);
    return columns;
}

/// Appends a [year][column] table's costed columns to `out`.
void append(std::vector<std::int64_t>& out, const LineTable& table, const std::vector<int>& columns) {
    for (const auto& row : table)
        for (int c : columns) out.push_back(row[static_cast<std::size_t>(c)]);
}

void add_money(Dataset& dataset, const RunResults& r, const std::vector<finance::ServiceVolumes>& volumes) {
    const auto& money = r.finance.money;
    const auto columns = costed_columns(money);
    std::vector<std::string> names;
    for (int c : columns) names.push_back(c == finance::total_column ? "total" : budget_line_names[c]);
    dataset.dimensions.push_back({"budget_line", names.size(),
                                  "budget line (only lines whose cohort section is in the scenario) and their total",
                                  "", {}, names});
    const int years = r.interval_count();
    const auto envelopes = finance::envelope_table(money, years);
    const auto savings = finance::savings_table(money, envelopes);
    LineTable net(envelopes.size());
    for (std::size_t k = 0; k < net.size(); ++k)
        for (int c = 0; c < finance::line_columns; ++c)
            net[k][static_cast<std::size_t>(c)] = envelopes[k][static_cast<std::size_t>(c)] - savings[k][static_cast<std::size_t>(c)];
    const auto net_base = finance::to_base_prices(money, net);
    const std::string base_fy = std::to_string(money.price_base_year) + "/" + std::to_string((money.price_base_year + 1) % 100);
    const std::vector<Attribute> cash_attributes = {{"description", pence_note}, {"prices", "cash (each year's own prices)"}};
    const std::vector<Attribute> base_attributes = {
        {"description", pence_note}, {"prices", "constant prices of financial year " + base_fy},
        {"price_base_year", std::to_string(money.price_base_year)}};

    std::vector<std::int64_t> envelope_data, savings_data;
    append(envelope_data, envelopes, columns);
    append(savings_data, savings, columns);
    dataset.variables.push_back({"budget_envelope", {"financial_year", "budget_line"},
                                 "budget envelope by financial year and line, cash, in pence (before savings)", "pence",
                                 std::move(envelope_data), cash_attributes});
    dataset.variables.push_back({"budget_savings", {"financial_year", "budget_line"},
                                 "planned savings in force (recurring from their start year), cash, in pence",
                                 "pence", std::move(savings_data), cash_attributes});

    std::vector<std::int64_t> cost_cash, cost_base, pressure_cash, pressure_base;
    for (const auto& v : volumes) {
        const auto cash = finance::cost_table(money, v, false);
        const auto base = finance::cost_table(money, v, true);
        append(cost_cash, cash, columns);
        append(cost_base, base, columns);
        append(pressure_cash, finance::pressure_table(cash, envelopes, savings), columns);
        LineTable zero(base.size());
        append(pressure_base, finance::pressure_table(base, net_base, zero), columns);
    }
    const std::vector<std::string> dims = {"replicate", "financial_year", "budget_line"};
    const auto n = r.replicates.size();
    add_with_summary(dataset, "cost_cash", dims, std::move(cost_cash), n,
                     "cost of care to the council (council-funded share), cash, in pence", "pence", cash_attributes);
    add_with_summary(dataset, "cost_base_prices", dims, std::move(cost_base), n,
                     "cost of care to the council (council-funded share) in base-year prices, in pence", "pence",
                     base_attributes);
    add_with_summary(dataset, "mtfp_pressure", dims, std::move(pressure_cash), n,
                     "MTFP pressure: cost minus (envelope minus savings), cash, in pence; positive is an overspend",
                     "pence", cash_attributes);
    add_with_summary(dataset, "mtfp_pressure_base_prices", dims, std::move(pressure_base), n,
                     "MTFP pressure in base-year prices (envelope net of savings deflated by each line's price "
                     "uplifts), in pence; positive is an overspend",
                     "pence", base_attributes);
}

void add_market(Dataset& dataset, const RunResults& r, const std::vector<finance::ServiceVolumes>& volumes) {
    const auto& market = r.finance.market;
    const int years = r.interval_count();
    const auto capacity = finance::capacity_table(market, years);
    std::vector<int> services;
    for (int s = 0; s < market_service_count; ++s)
        if (market.capacity[static_cast<std::size_t>(s)].given && s != static_cast<int>(MarketService::extra_care_units))
            services.push_back(s);
    const std::string note = "financial year y holds the model's interval from mid-year y to mid-year y+1; demand: "
                             "beds = bed-days / 365 (all residents, self-funders included); home-care hours = mean "
                             "clients x hours per client a week; reablement = episodes; special-school places = mean "
                             "EHC plans aged 5-18 x special-school share (docs/money_and_market.md)";
    if (!services.empty()) {
        std::vector<std::string> names;
        for (int s : services) names.push_back(market_service_names[s]);
        dataset.dimensions.push_back({"service", names.size(),
                                      "service of the market position; its name gives its unit (beds, hours a week, "
                                      "episodes a year, places)",
                                      "", {}, names});
        std::vector<std::int64_t> capacity_data;
        for (const auto& row : capacity)
            for (int s : services) capacity_data.push_back(row[static_cast<std::size_t>(s)]);
        dataset.variables.push_back({"market_capacity", {"financial_year", "service"},
                                     "capacity by service: planned base plus openings and closures (unit in the "
                                     "service name)",
                                     "1", std::move(capacity_data), {{"description", note}}});
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
        add_with_summary(dataset, "market_demand", dims, std::move(demand), n,
                         "demand by service, in the service's unit", "1", {{"description", note}});
        add_with_summary(dataset, "market_occupancy", dims, std::move(occupancy), n,
                         "occupancy: demand / capacity (NaN where capacity is zero; above 1 is a shortfall)", "1",
                         {{"description", note}});
        add_with_summary(dataset, "market_surplus", dims, std::move(surplus), n,
                         "surplus: capacity minus demand, in the service's unit; negative is a shortfall", "1",
                         {{"description", note}});
    }
    const auto& extra = market.capacity[static_cast<std::size_t>(MarketService::extra_care_units)];
    if (extra.given) {
        std::vector<std::int64_t> data;
        for (const auto& row : capacity) data.push_back(row[static_cast<std::size_t>(MarketService::extra_care_units)]);
        dataset.variables.push_back(
            {"extra_care_capacity", {"financial_year"},
             "extra-care housing units (capacity only: the model does not simulate extra-care tenants, so there is no "
             "demand, occupancy or surplus for extra care)",
             "1", std::move(data), {}});
    }
}

}  // namespace

void add_money_and_market(Dataset& dataset, const RunResults& r) {
    const auto& finance_config = r.finance;
    if (!finance_config.money.enabled && !finance_config.market.enabled) return;
    std::vector<std::int32_t> years(static_cast<std::size_t>(r.interval_count()));
    std::iota(years.begin(), years.end(), r.base_year);
    dataset.dimensions.push_back({"financial_year", years.size(),
                                  "financial year (April to March) by its start year, 2017 = 2017/18; holds the model's "
                                  "interval from mid-year (30 June) of that year to the next",
                                  "", years, {}});
    std::vector<finance::ServiceVolumes> volumes;
    for (const auto& rep : r.replicates) volumes.push_back(finance::service_volumes(r, rep));
    if (finance_config.money.enabled) add_money(dataset, r, volumes);
    if (finance_config.market.enabled) add_market(dataset, r, volumes);
}

}  // namespace carecast::output
