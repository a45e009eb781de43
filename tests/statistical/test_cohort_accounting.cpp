// Accounting is exact: for every stock the registry declares, in every replicate, year, area, sex and
// age, the stock at the next mid-year equals the stock a year younger at this mid-year plus the
// stock's inflows minus its outflows (flows are counted at the age reached at the end of the
// interval). The open top age keeps its own survivors as well; age 0 is made only of inflows.
// No tolerance: these are integer identities that hold exactly or the model has lost somebody.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "sim/simulation.hpp"
#include "test_support.hpp"

using namespace carecast;

namespace {

/// Ids of a stock's inflows or outflows, each required to be a registered flow.
std::vector<MeasureId> flow_ids(const MeasureRegistry& registry, const std::vector<std::string>& names) {
    std::vector<MeasureId> ids;
    for (const auto& name : names) {
        const MeasureId id = registry.find(name);  // throws if the stock names a flow nobody registered
        INFO("flow " << name);
        REQUIRE(registry.info(id).kind == MeasureKind::flow);
        ids.push_back(id);
    }
    return ids;
}

struct Mismatch {
    std::size_t count = 0;
    std::string first;  // description of the first failing cell
};

/// Checks one stock of one replicate against its flows in every interval and cell.
Mismatch check_stock(const RunResults& results, const ReplicateCounts& rep, MeasureId stock) {
    const auto& grid = results.grid;
    const auto& info = results.registry.info(stock);
    const auto inflows = flow_ids(results.registry, info.inflows);
    const auto outflows = flow_ids(results.registry, info.outflows);
    const std::size_t cells = grid.cell_count();
    const auto& s = rep.values[static_cast<std::size_t>(stock)];
    Mismatch mismatch;
    for (int y = 0; y < results.interval_count(); ++y) {
        const std::size_t before = static_cast<std::size_t>(y) * cells, after = before + cells;
        for (std::size_t area = 0; area < grid.areas.size(); ++area)
            for (int sex = 0; sex < sex_count; ++sex)
                for (int age = 0; age <= grid.max_age; ++age) {
                    const std::size_t cell = grid.cell(area, sex, age);
                    std::int64_t expected = age > 0 ? s[before + grid.cell(area, sex, age - 1)] : 0;
                    if (age == grid.max_age) expected += s[before + cell];  // the open age keeps its survivors
                    for (MeasureId f : inflows) expected += rep.values[static_cast<std::size_t>(f)][before + cell];
                    for (MeasureId f : outflows) expected -= rep.values[static_cast<std::size_t>(f)][before + cell];
                    if (expected == s[after + cell]) continue;
                    if (mismatch.count++ == 0) {
                        std::ostringstream out;
                        out << info.name << ": " << results.base_year + y << "->" << results.base_year + y + 1
                            << ", area " << area << ", sex " << sex << ", age " << age << ": stock " << s[after + cell]
                            << ", accounting gives " << expected;
                        mismatch.first = out.str();
                    }
                }
    }
    return mismatch;
}

std::int64_t total(const std::vector<std::int32_t>& values) {
    std::int64_t sum = 0;
    for (auto v : values) sum += v;
    return sum;
}

}  // namespace

TEST_CASE("cohort accounting: every stock equals the previous stock plus inflows minus outflows in every cell",
          "[statistical][accounting]") {
    auto loaded = test::load_baseline();
    loaded.config.cohorts.care_homes.self_funders.enabled = true;  // their stocks and flows too
    loaded.config.run.horizon_year = loaded.config.run.base_year + 5;
    const Model model = build_model(loaded);
    SimulationOptions options;
    options.seed = 20160630;
    options.replicate_count = 2;
    options.count_stocks_every_year = true;  // counted, not derived from the flows this test checks them against
    const RunResults results = simulate(model, options);

    // A run derives the stocks between the base year and the horizon from these identities
    // (sim/stock_accounting.hpp): the same numbers as counting them, in every cell.
    options.count_stocks_every_year = false;
    const RunResults derived = simulate(model, options);
    for (std::size_t r = 0; r < results.replicates.size(); ++r)
        for (std::size_t m = 0; m < results.registry.size(); ++m) {
            INFO("replicate " << r << ", measure " << results.registry.info(static_cast<MeasureId>(m)).name);
            CHECK(derived.replicates[r].values[m] == results.replicates[r].values[m]);
        }

    // The baseline must exercise every cohort: a stock missing from the registry would pass vacuously.
    const std::set<std::string> required = {"population",
                                            "dementia",
                                            "dementia_diagnosed",
                                            "partnered",
                                            "carers_1_19",
                                            "carers_20_49",
                                            "carers_50_plus",
                                            "partner_carers",
                                            "sen_support",
                                            "ehc_plans",
                                            "care_home_residents_residential",
                                            "care_home_residents_nursing",
                                            "home_care",
                                            "need_iadl",
                                            "need_adl",
                                            "need_high",
                                            "self_funded_residents_residential",
                                            "self_funded_residents_nursing"};
    std::set<std::string> stocks;
    for (const auto& info : results.registry.measures())
        if (info.kind == MeasureKind::stock) stocks.insert(info.name);
    CHECK(stocks == required);

    for (std::size_t r = 0; r < results.replicates.size(); ++r) {
        const auto& rep = results.replicates[r];
        for (std::size_t m = 0; m < results.registry.size(); ++m) {
            const auto id = static_cast<MeasureId>(m);
            const auto& info = results.registry.info(id);
            if (info.kind != MeasureKind::stock) continue;
            const auto& values = rep.values[m];
            const std::size_t cells = results.grid.cell_count();
            const std::vector<std::int32_t> base(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(cells));
            INFO("replicate " << r << ", stock " << info.name << ": " << total(base) << " at the base year");
            CHECK(total(base) > 0);  // every stock is populated, so its identity is really tested
            CHECK(*std::min_element(values.begin(), values.end()) >= 0);
            const Mismatch mismatch = check_stock(results, rep, id);
            INFO(mismatch.first);
            CHECK(mismatch.count == 0);
        }
    }

    // The check itself can fail: one onset taken away breaks the dementia identity in exactly one cell.
    ReplicateCounts broken = results.replicates.at(0);
    auto& onsets = broken.values[static_cast<std::size_t>(model.ids.dementia_onsets)];
    const auto cell = std::find_if(onsets.begin(), onsets.end(), [](std::int32_t n) { return n > 0; });
    REQUIRE(cell != onsets.end());
    --*cell;
    CHECK(check_stock(results, broken, model.ids.dementia).count == 1);
}

TEST_CASE("cohort accounting: flows that change a stock move people in every year of a short run",
          "[statistical][accounting]") {
    // The identity is only informative if flows happen: each declared flow (bar those that need rare
    // coincidences) has events in the first interval of one replicate.
    auto loaded = test::load_baseline();
    loaded.config.cohorts.care_homes.self_funders.enabled = true;  // their stocks and flows too
    loaded.config.run.horizon_year = loaded.config.run.base_year + 1;
    const Model model = build_model(loaded);
    SimulationOptions options;
    options.seed = 7;
    const RunResults results = simulate(model, options);
    const auto& rep = results.replicates.at(0);
    for (const auto& info : results.registry.measures()) {
        if (info.kind != MeasureKind::stock) continue;
        for (const auto* names : {&info.inflows, &info.outflows})
            for (const auto& name : *names) {
                const auto n = total(rep.values[static_cast<std::size_t>(results.registry.find(name))]);
                INFO(info.name << " <- " << name << ": " << n << " events in " << results.base_year << "-"
                               << results.base_year + 1);
                CHECK(n > 0);
            }
    }
}
