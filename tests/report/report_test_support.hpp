#pragma once
// Datasets for the report tests: a small synthetic one with known values (including the money and
// market outputs of issue 4) and a simulated County Durham run of tests/end_to_end/small_cohorts.txtpb.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "output/dataset.hpp"
#include "results/run_dataset.hpp"
#include "sim/load_scenario.hpp"
#include "sim/simulation.hpp"

namespace carecast::test {

inline std::filesystem::path report_source_path(const std::string& relative) {
    return std::filesystem::path(CARECAST_SOURCE_DIR) / relative;
}

/// Ages 0..90 (91 single years); ages 65..90 are 26 of them and 85..90 are 6.
inline constexpr int synthetic_ages = 91;

/// Three replicates (numbered 0-2), years 2020-2021, period 2021, one area, two sexes. Population: 10 + r
/// in every cell; dementia: r + 1 in every cell aged 65+; care-home admissions: 1 per cell aged 65+ of
/// each type; money by financial year 2020-2021 and budget line; market by financial year and service (money partly in
/// pence, as carecast writes it). With `money_and_market` false the issue-4 outputs are left out.
inline output::Dataset synthetic_dataset(bool money_and_market = true, std::string seed = "42",
                                         std::int32_t first_year = 2020) {
    using output::Variable;
    output::Dataset d;
    std::vector<std::int32_t> ages(synthetic_ages);
    for (int a = 0; a < synthetic_ages; ++a) ages[static_cast<std::size_t>(a)] = a;
    d.dimensions = {
        {"replicate", 3, "replicate", "", {0, 1, 2}, {}},
        {"year", 2, "year", "", {first_year, first_year + 1}, {}},
        {"period", 1, "period", "", {first_year + 1}, {}},
        {"area", 1, "area", "", {}, {"E06000047"}},
        {"sex", 2, "sex", "", {}, {"female", "male"}},
        {"age", static_cast<std::size_t>(synthetic_ages), "age", "years", ages, {}},
        {"indicator", 5, "indicator", "", {}, {"total", "age_0_17", "age_18_64", "age_65_plus", "age_85_plus"}},
    };
    const auto cells = static_cast<std::size_t>(2 * synthetic_ages);
    std::vector<std::int32_t> population, dementia, admissions;
    for (int r = 0; r < 3; ++r)
        for (int y = 0; y < 2; ++y)
            for (std::size_t c = 0; c < cells; ++c) {
                const int age = static_cast<int>(c % synthetic_ages);
                population.push_back(10 + r);
                dementia.push_back(age >= 65 ? r + 1 : 0);
                if (y == 0) admissions.push_back(age >= 65 ? 1 : 0);
            }
    std::vector<std::int32_t> indicators;
    for (int r = 0; r < 3; ++r)
        for (int y = 0; y < 2; ++y)
            for (const int n : {91, 18, 47, 26, 6}) indicators.push_back((10 + r) * 2 * n);
    const std::vector<std::string> stock = {"replicate", "year", "area", "sex", "age"};
    const std::vector<std::string> flow = {"replicate", "period", "area", "sex", "age"};
    d.variables = {
        Variable{"population", stock, "population", "1", population, {{"measure_kind", "stock"}}},
        Variable{"dementia", stock, "dementia", "1", dementia, {{"measure_kind", "stock"}}},
        Variable{"care_home_admissions_residential", flow, "admissions", "1", admissions, {{"measure_kind", "flow"}}},
        Variable{"care_home_admissions_nursing", flow, "admissions", "1", admissions, {{"measure_kind", "flow"}}},
        Variable{"population_indicators", {"replicate", "year", "indicator"}, "groups", "1", indicators, {}},
    };
    if (money_and_market) {
        d.dimensions.push_back({"financial_year", 2, "financial year", "", {first_year, first_year + 1}, {}});
        d.dimensions.push_back({"budget_line", 2, "budget line", "", {}, {"residential_care", "asc_total"}});
        d.dimensions.push_back({"service", 1, "service", "", {}, {"residential_beds"}});
        std::vector<std::int64_t> cost_pence;
        std::vector<double> cost, pressure, envelope = {1.0e6, 2.0e6, 1.1e6, 2.2e6};
        for (int r = 0; r < 3; ++r)
            for (int f = 0; f < 2; ++f)
                for (int b = 0; b < 2; ++b) {
                    const double c = (b + 1) * 1.0e6 * (1 + 0.1 * f) + 1000.0 * r;
                    cost.push_back(c);
                    cost_pence.push_back(static_cast<std::int64_t>(c * 100));
                    pressure.push_back(c - envelope[static_cast<std::size_t>(f * 2 + b)] + 250000.0);
                }
        std::vector<double> capacity = {100, 100}, demand, occupancy, surplus;
        for (int r = 0; r < 3; ++r)
            for (int y = 0; y < 2; ++y) {
                const double dem = 95 + 5 * y + r;
                demand.push_back(dem);
                occupancy.push_back(dem / 100);
                surplus.push_back(100 - dem);
            }
        const std::vector<std::string> money = {"replicate", "financial_year", "budget_line"};
        const std::vector<std::string> market = {"replicate", "financial_year", "service"};
        d.variables.push_back(Variable{"cost_cash", money, "cost", "pence", cost_pence, {}});
        d.variables.push_back(Variable{"mtfp_pressure", money, "pressure", "GBP", pressure, {}});
        d.variables.push_back(
            Variable{"budget_envelope", {"financial_year", "budget_line"}, "envelope", "GBP", envelope, {}});
        d.variables.push_back(
            Variable{"market_capacity", {"financial_year", "service"}, "capacity", "1", capacity, {}});
        d.variables.push_back(Variable{"market_demand", market, "demand", "1", demand, {}});
        d.variables.push_back(Variable{"market_occupancy", market, "occupancy", "1", occupancy, {}});
        d.variables.push_back(Variable{"market_surplus", market, "surplus", "1", surplus, {}});
    }
    d.global_attributes = {{"scenario_name", "synthetic"},
                           {"scenario_description", "A dataset with known values, for tests"},
                           {"seed", seed},
                           {"replicates", "3"},
                           {"first_replicate", "0"},
                           {"carecast_version", "test"},
                           {"uncertainty_sources", "Monte-Carlo (replicates)"},
                           {"resolved_scenario",
                            "name: \"synthetic\"\nrun {\n  base_year: 2020\n  seed: 42\n}\n"
                            "care_homes { relative_risk_dementia: 4 }\n"}};
    return d;
}

/// A simulated run of `scenario` (relative to the source tree) with `seed` and `replicates`.
inline output::Dataset simulated_dataset(const std::string& scenario, std::uint64_t seed, std::uint32_t replicates) {
    const auto path = report_source_path(scenario);
    auto loaded = load_scenario(path);
    const Model model = build_model(loaded);
    const auto results = simulate(model, {seed, 0, replicates, nullptr});
    const output::Provenance provenance{loaded.config.name,
                                        loaded.config.description,
                                        path.string(),
                                        loaded.file->text,
                                        loaded.resolved_text,
                                        loaded.digest,
                                        "report_tests",
                                        seed,
                                        1,
                                        "test-host",
                                        {},
                                        {}};
    return output::make_run_dataset(results, provenance);
}

}  // namespace carecast::test
