#include "finance/costs.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "finance/finance_rates.hpp"
#include "finance/pence.hpp"

namespace carecast::finance {
namespace {

constexpr Wide days_per_year = 365;
constexpr Wide days_per_week = 7;
constexpr Wide bp = basis_points;

const std::vector<std::int64_t>& checked(const std::vector<std::int64_t>& v, std::size_t needed, const char* what) {
    if (v.size() < needed) throw std::logic_error(std::string("finance: no volumes for ") + what);
    return v;
}

/// Sum of the two mid-year stocks bounding interval k (twice the mean).
Wide stock_pair(const std::vector<std::int64_t>& stocks, int k, const char* what) {
    const auto& s = checked(stocks, static_cast<std::size_t>(k) + 2, what);
    return static_cast<Wide>(s[static_cast<std::size_t>(k)]) + s[static_cast<std::size_t>(k) + 1];
}

std::int64_t flow(const std::vector<std::int64_t>& flows, int k, const char* what) {
    return checked(flows, static_cast<std::size_t>(k) + 1, what)[static_cast<std::size_t>(k)];
}

}  // namespace

std::int64_t line_cost_pence(const MoneyConfig& money, BudgetLine line, const ServiceVolumes& volumes, int k,
                             std::int64_t price_pence) {
    const std::int32_t year = volumes.first_year + k;
    const Wide price = price_pence;
    switch (line) {
        case BudgetLine::residential_care:
        case BudgetLine::nursing_care: {
            // bed-days x weekly price / 7 x funded share
            const int type = line == BudgetLine::residential_care ? 0 : 1;
            const Wide bed_days = flow(volumes.bed_days[static_cast<std::size_t>(type)], k, "bed-days");
            return divide_rounded(bed_days * price * funded_share_bp(money, line, year), days_per_week * bp);
        }
        case BudgetLine::home_care: {
            // mean clients x funded share x (1 - direct-payment share) x hours a week x price an hour x 365/7
            const Wide clients2 = stock_pair(volumes.home_care_clients, k, "home-care clients");
            const Wide shares =
                static_cast<Wide>(funded_share_bp(money, line, year)) * (bp - direct_payment_share_bp(money, year));
            const Wide hours100 = home_care_centihours_per_week(money, year);
            return divide_rounded(clients2 * shares * hours100 * price * days_per_year,
                                  2 * bp * bp * 100 * days_per_week);
        }
        case BudgetLine::direct_payments: {
            // mean clients x funded share x direct-payment share x weekly payment x 365/7
            const Wide clients2 = stock_pair(volumes.home_care_clients, k, "home-care clients");
            const Wide shares = static_cast<Wide>(funded_share_bp(money, BudgetLine::home_care, year)) *
                                direct_payment_share_bp(money, year);
            return divide_rounded(clients2 * shares * price * days_per_year, 2 * bp * bp * days_per_week);
        }
        case BudgetLine::reablement: {
            const Wide episodes = flow(volumes.reablement_episodes, k, "reablement episodes");
            return divide_rounded(episodes * price * funded_share_bp(money, line, year), bp);
        }
        case BudgetLine::carer_support: {
            const Wide carers2 = stock_pair(volumes.carers, k, "carers");
            return divide_rounded(carers2 * carers_supported_share_bp(money, year) * price, 2 * bp);
        }
        case BudgetLine::ehc_plans: {
            const Wide plans2 = stock_pair(volumes.ehc_plans, k, "EHC plans");
            return divide_rounded(plans2 * funded_share_bp(money, line, year) * price, 2 * bp);
        }
        case BudgetLine::interventions: {
            std::int64_t total = 0;
            for (const auto& cost : money.intervention_costs) total += intervention_cost_pence(cost, year);
            return total;
        }
    }
    throw std::logic_error("line_cost_pence: unknown budget line");
}

void fill_totals(LineRow& row) {
    row[asc_total_column] = 0;
    row[high_needs_total_column] = 0;
    for (int line = 0; line < budget_line_count; ++line)
        row[is_high_needs(static_cast<BudgetLine>(line)) ? high_needs_total_column : asc_total_column] +=
            row[static_cast<std::size_t>(line)];
}

std::int64_t intervention_cost_pence(const InterventionCostConfig& cost, std::int32_t year) {
    if (year < cost.first_year || year > cost.last_year) return 0;
    std::int64_t pence = cost.pence;
    for (std::int32_t y = cost.first_year + 1; y <= year; ++y) pence = apply_growth(pence, cost.uplift_bp);
    return pence;
}

LineTable cost_table(const MoneyConfig& money, const ServiceVolumes& volumes) {
    LineTable table(static_cast<std::size_t>(volumes.intervals));
    for (int line = 0; line < budget_line_count; ++line) {
        if (!money.costed[static_cast<std::size_t>(line)]) continue;
        const auto path =
            unit_price_path(money.prices[static_cast<std::size_t>(line)], volumes.first_year, volumes.intervals);
        for (int k = 0; k < volumes.intervals; ++k)
            table[static_cast<std::size_t>(k)][static_cast<std::size_t>(line)] =
                line_cost_pence(money, static_cast<BudgetLine>(line), volumes, k, path[static_cast<std::size_t>(k)]);
    }
    for (auto& row : table) fill_totals(row);
    return table;
}

CostTables cost_tables(const MoneyConfig& money, const ServiceVolumes& all,
                       const std::array<ServiceVolumes, client_group_count>& groups) {
    CostTables out;
    out.lines = cost_table(money, all);
    MoneyConfig care_only = money;  // the groups' volumes hold the care services only
    for (int line = 0; line < budget_line_count; ++line)
        if (!is_client_group_line(static_cast<BudgetLine>(line)))
            care_only.costed[static_cast<std::size_t>(line)] = false;
    for (int g = 0; g < client_group_count; ++g) {
        auto& table = out.by_group[static_cast<std::size_t>(g)];
        table = cost_table(care_only, groups[static_cast<std::size_t>(g)]);
        for (auto& row : table) {
            for (int line = 0; line < budget_line_count; ++line)
                if (!is_client_group_line(static_cast<BudgetLine>(line))) row[static_cast<std::size_t>(line)] = 0;
            fill_totals(row);
        }
    }
    for (std::size_t k = 0; k < out.lines.size(); ++k) {
        auto& row = out.lines[k];
        for (int line = 0; line < budget_line_count; ++line) {
            if (!is_client_group_line(static_cast<BudgetLine>(line))) continue;
            const auto u = static_cast<std::size_t>(line);
            row[u] = 0;
            for (const auto& table : out.by_group) row[u] += table[k][u];
        }
        fill_totals(row);
    }
    return out;
}

LineTable envelope_table(const MoneyConfig& money, int years) {
    LineTable table(static_cast<std::size_t>(years));
    for (int line = 0; line < budget_line_count; ++line) {
        if (!money.costed[static_cast<std::size_t>(line)]) continue;
        const auto path = envelope_path(money.envelopes[static_cast<std::size_t>(line)], money.first_year, years);
        for (int k = 0; k < years; ++k)
            table[static_cast<std::size_t>(k)][static_cast<std::size_t>(line)] = path[static_cast<std::size_t>(k)];
    }
    for (auto& row : table) fill_totals(row);
    return table;
}

std::array<std::int64_t, budget_line_count> apportion(std::int64_t pence,
                                                      const std::array<std::int64_t, budget_line_count>& weights,
                                                      const std::array<bool, budget_line_count>& eligible) {
    std::array<std::int64_t, budget_line_count> parts{};
    std::array<Wide, budget_line_count> w{};
    Wide total = 0;
    for (int i = 0; i < budget_line_count; ++i)
        if (eligible[static_cast<std::size_t>(i)]) total += weights[static_cast<std::size_t>(i)];
    for (int i = 0; i < budget_line_count; ++i) {
        const auto u = static_cast<std::size_t>(i);
        w[u] = eligible[u] ? (total > 0 ? Wide{weights[u]} : Wide{1}) : Wide{0};
    }
    const Wide sum = std::accumulate(w.begin(), w.end(), Wide{0});
    if (sum == 0) return parts;  // nothing eligible
    std::array<Wide, budget_line_count> remainder{};
    std::int64_t given = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Wide product = static_cast<Wide>(pence) * w[i];
        parts[i] = static_cast<std::int64_t>(product / sum);
        remainder[i] = product % sum;
        given += parts[i];
    }
    std::array<int, budget_line_count> order{};
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return remainder[static_cast<std::size_t>(a)] > remainder[static_cast<std::size_t>(b)];
    });
    for (int j = 0; given < pence; ++j, ++given) {
        const auto i = static_cast<std::size_t>(order[static_cast<std::size_t>(j)]);
        if (w[i] == 0) throw std::logic_error("apportion: remainder left with no eligible line");
        ++parts[i];
    }
    return parts;
}

LineTable savings_table(const MoneyConfig& money, const LineTable& envelopes) {
    LineTable table(envelopes.size());
    for (std::size_t k = 0; k < table.size(); ++k) {
        const auto year = money.first_year + static_cast<std::int32_t>(k);
        auto& row = table[k];
        std::array<std::int64_t, budget_line_count> weights{};
        std::copy(envelopes[k].begin(), envelopes[k].begin() + budget_line_count, weights.begin());
        // A "total" saving is an adult social care saving: it never falls on the high-needs block, nor on
        // the interventions' own costs.
        auto eligible = money.costed;
        eligible[static_cast<std::size_t>(BudgetLine::ehc_plans)] = false;
        eligible[static_cast<std::size_t>(BudgetLine::interventions)] = false;
        for (const auto& saving : money.savings) {
            if (saving.financial_year > year) continue;
            if (saving.line >= 0) {
                row[static_cast<std::size_t>(saving.line)] += saving.pence;
                continue;
            }
            const auto parts = apportion(saving.pence, weights, eligible);
            for (std::size_t i = 0; i < parts.size(); ++i) row[i] += parts[i];
        }
        fill_totals(row);
    }
    return table;
}

LineTable pressure_table(const LineTable& cost, const LineTable& envelopes, const LineTable& savings) {
    if (cost.size() != envelopes.size() || cost.size() != savings.size())
        throw std::logic_error("pressure_table: tables of different lengths");
    LineTable table(cost.size());
    for (std::size_t k = 0; k < cost.size(); ++k) {
        for (int c = 0; c < budget_line_count; ++c) {
            const auto u = static_cast<std::size_t>(c);
            table[k][u] = cost[k][u] - (envelopes[k][u] - savings[k][u]);
        }
        fill_totals(table[k]);
    }
    return table;
}

std::int64_t deflator_index(const MoneyConfig& money, std::int32_t year) {
    UnitPrice index{deflator_scale, money.first_year, money.deflator.rate_bp, money.deflator.by_year, {}};
    return unit_price_pence(index, year);
}

LineTable to_real_terms(const MoneyConfig& money, const LineTable& cash) {
    LineTable table(cash.size());
    const Wide base = deflator_index(money, money.price_base_year);
    for (std::size_t k = 0; k < cash.size(); ++k) {
        const Wide index = deflator_index(money, money.first_year + static_cast<std::int32_t>(k));
        for (int line = 0; line < budget_line_count; ++line) {
            const auto u = static_cast<std::size_t>(line);
            table[k][u] = divide_rounded(static_cast<Wide>(cash[k][u]) * base, index);
        }
        fill_totals(table[k]);
    }
    return table;
}

}  // namespace carecast::finance
