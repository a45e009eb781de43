#include "output/run_dataset.hpp"

#include <numeric>

#include "core/digest.hpp"
#include "carecast/version.hpp"
#include "sim/population_indicators.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::output {
namespace {

std::vector<std::int32_t> year_range(int first, int last) {
    std::vector<std::int32_t> years(static_cast<std::size_t>(last - first + 1));
    std::iota(years.begin(), years.end(), first);
    return years;
}

std::vector<Dimension> run_dimensions(const RunResults& r) {
    std::vector<std::string> sexes(sex_names, sex_names + sex_count);
    std::vector<std::string> statistics(statistic_names, statistic_names + statistic_count);
    std::vector<std::string> indicators;
    for (const auto& i : population_indicators) indicators.push_back(i.name);
    const auto replicates = static_cast<int>(r.replicates.size());
    const auto first = static_cast<int>(r.first_replicate);
    return {
        {"replicate", r.replicates.size(), "Monte-Carlo replicate number", "", year_range(first, first + replicates - 1), {}},
        {"year", static_cast<std::size_t>(r.year_count()), "calendar year (population at mid-year, 30 June)", "",
         year_range(r.base_year, r.horizon_year), {}},
        {"period", static_cast<std::size_t>(r.interval_count()),
         "year ending the interval from mid-year (period - 1) to mid-year period", "",
         year_range(r.base_year + 1, r.horizon_year), {}},
        {"area", r.grid.areas.size(), "area code (ONS)", "", {}, r.grid.areas},
        {"sex", static_cast<std::size_t>(sex_count), "sex", "", {}, sexes},
        {"age", static_cast<std::size_t>(r.grid.age_count()),
         "age in completed years; the last age is open-ended", "years", year_range(0, r.grid.max_age), {}},
        {"statistic", static_cast<std::size_t>(statistic_count),
         "statistic across replicates: mean, and 5th, 50th and 95th percentiles (linear interpolation, type 7)", "",
         {}, statistics},
        {"indicator", indicators.size(), "headline population group", "", {}, indicators},
    };
}

/// Appends a per-replicate integer variable and its [statistic, ...] summary.
void add_with_summary(Dataset& dataset, const std::string& name, std::vector<std::string> dims,
                      std::vector<std::int32_t> data, std::size_t replicates, const std::string& long_name) {
    auto summary = summarise_over_replicates(data, replicates);
    dataset.variables.push_back({name, dims, long_name, "1", std::move(data), {}});
    dims.front() = "statistic";
    dataset.variables.push_back({name + "_summary", dims, long_name + " (statistics across replicates)", "1",
                                 std::move(summary), {}});
}

std::vector<std::int32_t> concatenate(const RunResults& r, const std::vector<std::int32_t> ReplicateCounts::*member) {
    std::vector<std::int32_t> out;
    for (const auto& rep : r.replicates) out.insert(out.end(), (rep.*member).begin(), (rep.*member).end());
    return out;
}

std::vector<std::int32_t> concatenate_flow(const RunResults& r, int flow) {
    std::vector<std::int32_t> out;
    for (const auto& rep : r.replicates) out.insert(out.end(), rep.flows[flow].begin(), rep.flows[flow].end());
    return out;
}

}  // namespace

std::string results_digest(const RunResults& results) {
    Digest digest;
    for (const auto& rep : results.replicates) {
        digest.add(rep.population.data(), rep.population.size() * sizeof(std::int32_t));
        for (const auto& f : rep.flows) digest.add(f.data(), f.size() * sizeof(std::int32_t));
    }
    return digest.hex();
}

Dataset make_run_dataset(const RunResults& r, const Provenance& p) {
    Dataset dataset;
    dataset.dimensions = run_dimensions(r);
    const std::size_t reps = r.replicates.size();
    add_with_summary(dataset, "population", {"replicate", "year", "area", "sex", "age"},
                     concatenate(r, &ReplicateCounts::population), reps, "resident population at mid-year");
    const char* flow_long_names[flow_count] = {
        "live births in the interval (at age 0, by sex of the child)",
        "deaths in the interval, by age the person would have reached at its end",
        "immigrants arriving in the interval, by age at arrival (end of interval)",
        "emigrants leaving in the interval, by age they would have reached at its end"};
    for (int f = 0; f < flow_count; ++f)
        add_with_summary(dataset, flow_names[f], {"replicate", "period", "area", "sex", "age"}, concatenate_flow(r, f),
                         reps, flow_long_names[f]);
    add_with_summary(dataset, "population_indicators", {"replicate", "year", "indicator"},
                     compute_population_indicators(r), reps, "headline population counts at mid-year");
    dataset.global_attributes = {
        {"Conventions", "CF-1.8"},
        {"title", "carecast projection: " + p.scenario_name},
        {"institution", "carecast"},
        {"source", std::string("carecast ") + engine_version + " (git " + git_revision + ")"},
        {"history", p.command_line},
        {"carecast_version", engine_version},
        {"carecast_git_revision", git_revision},
        {"scenario_name", p.scenario_name},
        {"scenario_description", p.scenario_description},
        {"scenario_path", p.scenario_path},
        {"scenario_text", p.scenario_text},
        {"seed", std::to_string(p.seed)},
        {"replicates", std::to_string(reps)},
        {"first_replicate", std::to_string(r.first_replicate)},
        {"threads", std::to_string(p.threads)},
        {"command_line", p.command_line},
        {"results_digest", results_digest(r)},
        {"uncertainty_sources", "Monte-Carlo (replicates)"},
    };
    return dataset;
}

}  // namespace carecast::output
