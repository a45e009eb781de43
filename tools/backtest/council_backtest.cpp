#include "council_backtest.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include <tbb/task_arena.h>

#include "demography/expected_projection.hpp"
#include "derive/area_derivation.hpp"
#include "derive/council_files.hpp"
#include "sim/load_scenario.hpp"
#include "sim/model.hpp"
#include "sim/run_results.hpp"
#include "sim/simulation.hpp"

namespace carecast::backtest {
namespace {

using derive::AreaPack;
using derive::pack_age_count;
using derive::pack_open_age;
using derive::PackArea;
using derive::SexAgeCounts;

double pack_group(const SexAgeCounts& counts, const Group& g) {
    double n = 0;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int a = g.min_age; a <= std::min(g.max_age, pack_open_age); ++a)
            n += static_cast<double>(counts[static_cast<std::size_t>(sex * pack_age_count + a)]);
    return n;
}

double model_group(const std::vector<double>& projection, const PopulationGrid& grid, int year_index, const Group& g) {
    const std::size_t offset = static_cast<std::size_t>(year_index) * grid.cell_count();
    double n = 0;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int a = g.min_age; a <= std::min(g.max_age, grid.max_age); ++a)
            n += projection[offset + grid.cell(0, sex, a)];
    return n;
}

/// A figure grown from `base` (at `base_year`) at the constant yearly growth it had since `from` (at `from_year`).
double constant_growth(double from, int from_year, double base, int base_year, int year) {
    if (from <= 0 || base <= 0) return base;
    return base * std::pow(base / from, static_cast<double>(year - base_year) / (base_year - from_year));
}

/// Mean over replicates of the EHC plans stock at each year index.
std::vector<double> simulated_ehc_plans(const Model& model, const BacktestOptions& options, std::uint64_t seed) {
    SimulationOptions sim;
    sim.seed = seed;
    sim.replicate_count = options.replicates;
    RunResults results;
    tbb::task_arena arena(options.threads);
    arena.execute([&] { results = simulate(model, sim); });
    const std::size_t cells = results.grid.cell_count();
    std::vector<double> mean(static_cast<std::size_t>(results.year_count()), 0.0);
    for (const auto& r : results.replicates) {
        const auto& v = r.values.at(static_cast<std::size_t>(model.ids.ehc_plans));
        for (std::size_t y = 0; y < mean.size(); ++y)
            mean[y] += std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(y * cells),
                                       v.begin() + static_cast<std::ptrdiff_t>((y + 1) * cells), 0.0);
    }
    for (double& m : mean) m /= static_cast<double>(results.replicates.size());
    return mean;
}

/// Writes the council's generated baseline under the work folder and returns a demography-and-SEND
/// copy of its scenario.
std::filesystem::path write_scenario(const AreaPack& pack, const derive::DerivedArea& derived,
                                     const BacktestOptions& options) {
    derive::InitOptions init;
    init.derivation.base_year = options.base_year;
    init.derivation.national_dir = options.national_dir;
    init.horizon_year = options.horizon_year;
    init.replicates = std::max<std::uint32_t>(options.replicates, 1);
    init.local_dir = options.national_dir / "local";
    init.command_line = "carecast-backtest";
    const auto files = derive::council_files(pack, derived, init);
    const auto dir = options.work_dir / derived.area->code;
    derive::write_file_set(dir, files, true);
    for (const auto& [path, text] : files) {
        const std::string name = path.filename().string();
        if (path.parent_path().empty() && name.size() > 15 && name.ends_with("_baseline.txtpb")) {
            const auto out = dir / "backtest_send_only.txtpb";
            std::ofstream(out) << send_only_scenario(text);
            return out;
        }
    }
    Diagnostics diagnostics;
    diagnostics.error(dir.string(), 0, 0, derived.area->code + ": council_files wrote no *_baseline.txtpb");
    throw InputError(diagnostics);
}

}  // namespace

std::string send_only_scenario(const std::string& text) {
    // Everything else goes: cohorts, money and market, uncertainty and `observed` (the published figures
    // stored beside the projection, which a back-test compares with itself instead).
    static const std::set<std::string> keep = {"schema_version", "name", "description", "run", "demography", "send"};
    std::istringstream in(text);
    std::string line, out;
    int depth = 0;
    bool keeping = true;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') {
            if (depth == 0 || keeping) out += line + "\n";
            continue;
        }
        if (depth == 0) {
            const auto end = line.find_first_of(" \t:{", first);
            keeping = keep.count(line.substr(first, end - first)) > 0;
        }
        bool quoted = false;
        for (std::size_t i = first; i < line.size(); ++i) {
            const char c = line[i];
            if (c == '"' && (i == 0 || line[i - 1] != '\\')) quoted = !quoted;
            if (quoted) continue;
            if (c == '#') break;
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        if (keeping) out += line + "\n";
    }
    return out;
}

CouncilResult backtest_council(const AreaPack& pack, const PackArea& area, const BacktestOptions& options) {
    derive::DerivationOptions derivation;
    derivation.base_year = options.base_year;
    derivation.national_dir = options.national_dir;
    const auto derived = derive::derive_area(pack, area, derivation);

    CouncilResult result;
    result.area = &area;
    auto& d = result.diagnostics;
    d.last_fit_year = std::max(derived.migration_years.back(), derived.ehc_year);
    for (int y : derived.component_years) d.last_fit_year = std::max(d.last_fit_year, y);
    d.mortality_factor = derived.mortality_factor;
    d.fertility_factor = derived.fertility_factor;
    d.ehc_growth = derived.ehc_growth;
    d.fitted_net_migration = std::accumulate(derived.net_migration.begin(), derived.net_migration.end(), 0.0);
    for (const auto& s : derived.sources)
        if (s.parameter == "send.ehc_plan_prevalence_csv") d.ehc_local = s.local;
    const auto& base = derived.base_population;
    d.base_total = pack_group(base, population_groups[0]);
    if (const auto* c = pack.components(area.code, options.base_year + 1))
        d.revised_base_total = static_cast<double>(c->population_start);
    int known = 0;
    for (int y = options.base_year + 1; y <= options.horizon_year; ++y)
        if (const auto* c = pack.components(area.code, y)) {
            d.actual_net_migration += static_cast<double>(c->net_migration());
            ++known;
        }
    if (known) d.actual_net_migration /= known;

    const auto scenario_path = write_scenario(pack, derived, options);
    const auto scenario = load_scenario(scenario_path);
    const Model model = build_model(scenario);
    const auto projection = expected_projection(model.demography);
    const std::size_t cells = model.demography.grid.cell_count();
    for (int y = options.base_year + 1; y <= options.horizon_year; ++y) {
        const auto at = projection.begin() +
                        static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y - 1 - options.base_year) * cells);
        const auto step = expected_step(model.demography, y - 1 - options.base_year,
                                        std::vector<double>(at, at + static_cast<std::ptrdiff_t>(cells)));
        const auto& deaths = step.flows[static_cast<int>(Flow::deaths)];
        const double expected = std::accumulate(deaths.begin(), deaths.end(), 0.0);
        const auto* c = pack.components(area.code, y);
        const double actual = c ? static_cast<double>(c->deaths) : 0.0;
        (y == options.horizon_year ? d.model_deaths_last : d.model_deaths_before_last) += expected;
        (y == options.horizon_year ? d.actual_deaths_last : d.actual_deaths_before_last) += actual;
    }
    const auto* from = pack.population(area.code, options.growth_from);
    for (int y = options.base_year + 1; y <= options.horizon_year; ++y) {
        const auto* actual = pack.population(area.code, y);
        if (!actual) continue;
        for (const auto& g : population_groups) {
            Comparison c{g.name,
                         y,
                         pack_group(*actual, g),
                         model_group(projection, model.demography.grid, y - options.base_year, g),
                         pack_group(base, g),
                         0};
            c.naive_growth =
                from ? constant_growth(pack_group(*from, g), options.growth_from, c.naive_last, options.base_year, y)
                     : c.naive_last;
            result.comparisons.push_back(c);
        }
    }

    // EHC plans: only where SEN2 publishes the council's own count in the growth year and the base year
    // (Dorset, BCP and the Northamptonshires are on other geographies before 2020).
    const auto ehc_base = pack.ehc_plans(area.code, options.base_year, -1);
    const auto ehc_from = pack.ehc_plans(area.code, options.ehc_growth_from, -1);
    if (options.replicates == 0 || !ehc_base || !ehc_from || !d.ehc_local) return result;
    const auto plans = simulated_ehc_plans(model, options, scenario.config.run.seed);
    for (int y = options.base_year; y <= options.horizon_year; ++y) {
        const auto actual = pack.ehc_plans(area.code, y, -1);
        if (!actual) continue;
        Comparison c{ehc_measure,
                     y,
                     static_cast<double>(*actual),
                     plans[static_cast<std::size_t>(y - options.base_year)],
                     static_cast<double>(*ehc_base),
                     0};
        c.naive_growth = constant_growth(static_cast<double>(*ehc_from), options.ehc_growth_from, c.naive_last,
                                         options.base_year, y);
        result.comparisons.push_back(c);
    }
    return result;
}

}  // namespace carecast::backtest
