#include "sim/stock_accounting.hpp"

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace carecast {
namespace {

std::vector<const std::vector<std::int32_t>*> flows_named(const MeasureRegistry& registry,
                                                          const std::vector<std::string>& names,
                                                          const ReplicateCounts& counts) {
    std::vector<const std::vector<std::int32_t>*> flows;
    for (const auto& name : names) flows.push_back(&counts.values.at(static_cast<std::size_t>(registry.find(name))));
    return flows;
}

}  // namespace

void account_stocks(const MeasureRegistry& registry, const PopulationGrid& grid, int base_year, int intervals,
                    ReplicateCounts& counts) {
    const std::size_t cells = grid.cell_count();
    for (std::size_t m = 0; m < registry.size(); ++m) {
        const MeasureInfo& info = registry.info(static_cast<MeasureId>(m));
        if (info.kind != MeasureKind::stock) continue;
        const auto inflows = flows_named(registry, info.inflows, counts);
        const auto outflows = flows_named(registry, info.outflows, counts);
        std::vector<std::int32_t>& stock = counts.values.at(m);
        for (int y = 0; y < intervals; ++y) {
            const std::size_t before = static_cast<std::size_t>(y) * cells, after = before + cells;
            const bool derive = y + 1 < intervals;  // else the horizon, counted
            for (std::size_t area = 0; area < grid.areas.size(); ++area)
                for (int sex = 0; sex < sex_count; ++sex)
                    for (int age = 0; age <= grid.max_age; ++age) {
                        const std::size_t cell = grid.cell(area, sex, age);
                        std::int64_t next = age > 0 ? stock[before + cell - 1] : 0;  // cell - 1: a year younger
                        if (age == grid.max_age) next += stock[before + cell];
                        for (const auto* flow : inflows) next += (*flow)[before + cell];
                        for (const auto* flow : outflows) next -= (*flow)[before + cell];
                        if (derive && next >= 0 && next <= INT32_MAX) {
                            stock[after + cell] = static_cast<std::int32_t>(next);
                            continue;
                        }
                        if (!derive && next == stock[after + cell]) continue;
                        std::ostringstream what;
                        what << "internal error: the stock " << info.name << " in " << base_year + y + 1 << " (area "
                             << grid.areas[area] << ", sex " << sex << ", age " << age << ") is "
                             << (derive ? "derived as " : "counted as ")
                             << (derive ? next : static_cast<std::int64_t>(stock[after + cell]))
                             << (derive ? "" : " but its flows give " + std::to_string(next))
                             << ": the model lost or made somebody";
                        throw AccountingError(what.str());
                    }
        }
    }
}

}  // namespace carecast
