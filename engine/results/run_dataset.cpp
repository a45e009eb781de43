#include "results/run_dataset.hpp"

#include "finance/finance_rates.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>

#include "carecast/version.hpp"
#include "core/digest.hpp"
#include "core/fresh_memory.hpp"
#include "core/parallel.hpp"
#include "finance/finance_dataset.hpp"
#include "output/atomic_file.hpp"
#include "output/dataset_digest.hpp"
#include "output/netcdf_writer.hpp"
#include "results/observed_dataset.hpp"
#include "sim/population_indicators.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::output {
namespace {

const std::vector<std::string> stay_statistics = {"completed_stays", "mean_days", "p25_days", "median_days",
                                                  "p75_days"};

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
    std::vector<Dimension> dims = {
        {"replicate",
         r.replicates.size(),
         "Monte-Carlo replicate number",
         "",
         year_range(first, first + replicates - 1),
         {}},
        {"year",
         static_cast<std::size_t>(r.year_count()),
         "calendar year (stocks at mid-year, 30 June)",
         "",
         year_range(r.base_year, r.horizon_year),
         {}},
        {"period",
         static_cast<std::size_t>(r.interval_count()),
         "year ending the interval from mid-year (period - 1) to mid-year period",
         "",
         year_range(r.base_year + 1, r.horizon_year),
         {}},
        {"area", r.grid.areas.size(), "area code (ONS)", "", {}, r.grid.areas},
        {"sex", static_cast<std::size_t>(sex_count), "sex", "", {}, sexes},
        {"age",
         static_cast<std::size_t>(r.grid.age_count()),
         "age in completed years (for flows: age reached at the end of the interval); the last age is open-ended",
         "years",
         year_range(0, r.grid.max_age),
         {}},
        {"statistic",
         static_cast<std::size_t>(statistic_count),
         "statistic across replicates: mean, and 5th, 50th and 95th percentiles (linear interpolation, type 7)",
         "",
         {},
         statistics},
        {"indicator", indicators.size(), "headline population group", "", {}, indicators},
        {"home_type", 2, "care-home type", "", {}, {"residential", "nursing"}},
        {"stay_statistic",
         stay_statistics.size(),
         "statistic of the lengths of care-home stays completed in the period",
         "",
         {},
         stay_statistics},
    };
    if (!r.prevalence_cohort_names.empty())
        dims.push_back({"cohort",
                        r.prevalence_cohort_names.size(),
                        "prevalence-based cohort (POPPI/PANSI method)",
                        "",
                        {},
                        r.prevalence_cohort_names});
    return dims;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
    return out;
}

void add_measures(Dataset& dataset, const RunResults& r) {
    // Each measure's array and statistics are independent, so they are built in parallel (most of the time
    // is first touching tens of megabytes) and stored in the registry's order: the same file as built one
    // by one.
    const std::size_t measures = r.registry.size(), first = dataset.variables.size();
    dataset.variables.resize(first + 2 * measures);
    run_in_parallel(std::size_t{0}, measures, [&](std::size_t m) {
        const auto& info = r.registry.info(static_cast<MeasureId>(m));
        std::vector<std::int32_t> data;
        std::size_t size = 0;  // reserved: growing by doubling copied and page-faulted each array several times
        for (const auto& rep : r.replicates) size += rep.values[m].size();
        reserve_fresh(data, size);
        for (const auto& rep : r.replicates) data.insert(data.end(), rep.values[m].begin(), rep.values[m].end());
        const bool is_stock = info.kind == MeasureKind::stock;
        std::vector<Attribute> attributes = {{"measure_kind", is_stock ? "stock" : "flow"}};
        if (is_stock) {
            attributes.push_back({"inflows", join(info.inflows)});
            attributes.push_back({"outflows", join(info.outflows)});
        }
        const std::string time = is_stock ? "year" : "period";
        dataset.variables[first + 2 * m] = {info.name,       {"replicate", time, "area", "sex", "age"},
                                            info.long_name,  info.units,
                                            std::move(data), std::move(attributes)};
        // Its statistics are computed as the file is written (Dataset::deferred): held for every measure
        // at once they were 8 times the counts with one replicate.
        dataset.variables[first + 2 * m + 1] = {summary_name(info.name),
                                                {"statistic", time, "area", "sex", "age"},
                                                summary_long_name(info.long_name),
                                                info.units,
                                                std::vector<double>{},
                                                {}};
    });
    for (std::size_t m = 0; m < measures; ++m) {
        const std::string& name = r.registry.info(static_cast<MeasureId>(m)).name;
        dataset.deferred.emplace(summary_name(name), [name, replicates = r.replicates.size()](const Dataset& d) {
            const Variable* counts = find_variable(d, name);
            return Values{summarise_over_replicates(std::get<std::vector<std::int32_t>>(counts->data), replicates)};
        });
    }
}

/// Length of completed stays per replicate, period and home type: count, mean, quartiles (type 7).
void add_stay_lengths(Dataset& dataset, const RunResults& r) {
    const auto periods = static_cast<std::size_t>(r.interval_count());
    std::vector<double> data;
    for (const auto& rep : r.replicates)
        for (std::size_t k = 0; k < periods; ++k)
            for (int type = 0; type < 2; ++type) {
                std::vector<double> days;
                for (const auto& s : rep.stays)
                    if (s.interval == static_cast<int>(k) && s.type == type) days.push_back(s.days);
                std::sort(days.begin(), days.end());
                const double mean = days.empty() ? 0.0 : std::accumulate(days.begin(), days.end(), 0.0) / days.size();
                const double none = 0.0;
                data.insert(
                    data.end(),
                    {static_cast<double>(days.size()), mean, days.empty() ? none : percentile(days, 0.25),
                     days.empty() ? none : percentile(days, 0.5), days.empty() ? none : percentile(days, 0.75)});
            }
    add_with_summary(dataset, "care_home_stay_length", {"replicate", "period", "home_type", "stay_statistic"},
                     std::move(data), r.replicates.size(),
                     "lengths of permanent care-home stays completed in the period (death or discharge)", "1",
                     {{"description", "completed_stays is a count; the other statistics are in days (0 if no stays)"}});
}

/// Prevalence cohorts: rates times the simulated population, summed over areas, sexes and ages.
void add_prevalence_cohorts(Dataset& dataset, const RunResults& r) {
    if (r.prevalence_cohort_names.empty()) return;
    const auto& grid = r.grid;
    const auto years = static_cast<std::size_t>(r.year_count());
    std::vector<double> data;
    for (const auto& rep : r.replicates)
        for (std::size_t y = 0; y < years; ++y)
            for (const auto& rates : r.prevalence_cohort_rates) {
                double sum = 0;
                for (std::size_t area = 0; area < grid.areas.size(); ++area)
                    for (int sex = 0; sex < sex_count; ++sex)
                        for (int age = 0; age <= grid.max_age; ++age)
                            sum += rates[static_cast<std::size_t>(sex * grid.age_count() + age)] *
                                   rep.population()[y * grid.cell_count() + grid.cell(area, sex, age)];
                data.push_back(sum);
            }
    add_with_summary(dataset, "prevalence_cohorts", {"replicate", "year", "cohort"}, std::move(data),
                     r.replicates.size(), "expected people in prevalence-based cohorts at mid-year", "1");
}

std::string describe_interventions(const RunResults& r) {
    if (r.interventions.empty()) return "none";
    std::string out;
    for (const auto& i : r.interventions) {
        if (!out.empty()) out += "; ";
        out += i.name + ": " + rate_name(i.rate) + " x" + std::to_string(i.full_multiplier) + " from " +
               std::to_string(i.start_year) + ", full effect from " + std::to_string(i.full_effect_year);
        if (i.min_age > 0 || i.max_age < r.grid.max_age)
            out += ", ages " + std::to_string(i.min_age) + "-" + std::to_string(std::min(i.max_age, r.grid.max_age));
        if (!i.description.empty()) out += " (" + i.description + ")";
    }
    return out;
}

/// The multiplier each intervention applies in each period (the interval ending at mid-year period).
void add_interventions(Dataset& dataset, const RunResults& r) {
    if (r.interventions.empty()) return;
    std::vector<std::string> names;
    for (const auto& i : r.interventions) names.push_back(i.name);
    dataset.dimensions.push_back({"intervention", names.size(), "intervention of the scenario", "", {}, names});
    std::vector<double> data;
    for (int k = 0; k < r.interval_count(); ++k)
        for (const auto& i : r.interventions) data.push_back(i.multiplier_in(r.base_year + k));
    std::vector<Attribute> attributes = {{"description", describe_interventions(r)}};
    std::string rates;
    for (const auto& i : r.interventions) rates += (rates.empty() ? "" : " ") + rate_name(i.rate);
    attributes.push_back({"rates", rates});
    dataset.variables.push_back({"intervention_multiplier",
                                 {"period", "intervention"},
                                 "multiplier an intervention applies to its rate in the period (1: no change)",
                                 "1",
                                 std::move(data),
                                 std::move(attributes)});
}

/// Parameter uncertainty: the values each replicate drew.
void add_drawn_parameters(Dataset& dataset, const RunResults& r) {
    if (r.drawn_parameters.empty()) return;
    std::vector<std::string> names;
    std::string descriptions;
    for (const auto& p : r.drawn_parameters) {
        names.push_back(p.name);
        descriptions += (descriptions.empty() ? "" : "; ") + p.name + ": " + p.description;
    }
    dataset.dimensions.push_back({"parameter", names.size(), "parameter drawn once per replicate", "", {}, names});
    std::vector<double> data;
    for (const auto& rep : r.replicates) data.insert(data.end(), rep.parameters.begin(), rep.parameters.end());
    add_with_summary(dataset, "drawn_parameters", {"replicate", "parameter"}, std::move(data), r.replicates.size(),
                     "multipliers drawn for parameter uncertainty (1: the point value)", "1",
                     {{"description", descriptions}});
}

/// Several areas with per-area parameters: their names and parameter sources, one line per area in the
/// order of the `area` coordinate (netCDF has no string variables in this writer; attributes keep them).
void add_area_descriptions(Dataset& dataset, const RunResults& r) {
    if (r.area_names.empty()) return;
    auto lines = [](const std::vector<std::string>& values) {
        std::string out;
        for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "\n" : "") + values[i];
        return out;
    };
    dataset.global_attributes.push_back({"area_names", lines(r.area_names)});
    dataset.global_attributes.push_back({"area_parameter_sources", lines(r.area_sources)});
    dataset.global_attributes.push_back(
        {"area_note",
         "each area simulated as its own model (its own rates and base population); migration between "
         "areas is not modelled; area_names and area_parameter_sources: one line per area, in the order "
         "of the area coordinate; money and market are computed on the counts summed over areas"});
}

}  // namespace

std::string counts_digest(const RunResults& results) {
    Digest digest;
    for (const auto& rep : results.replicates) {
        for (const auto& v : rep.values) digest.add(v.data(), v.size() * sizeof(std::int32_t));
        for (const auto& s : rep.stays) digest.add(&s, sizeof s);
    }
    return digest.hex();
}

Dataset make_run_dataset(const RunResults& r, const Provenance& p, const ObservedInputs* observed,
                         ResultsDigest digest) {
    Dataset dataset;
    dataset.dimensions = run_dimensions(r);
    add_measures(dataset, r);
    add_with_summary(dataset, "population_indicators", {"replicate", "year", "indicator"},
                     compute_population_indicators(r), r.replicates.size(), "headline population counts at mid-year",
                     "1");
    add_stay_lengths(dataset, r);
    add_prevalence_cohorts(dataset, r);
    add_interventions(dataset, r);
    add_drawn_parameters(dataset, r);
    add_money_and_market(dataset, r);
    if (observed) add_observed(dataset, *observed);
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
        {"resolved_scenario", p.resolved_scenario},
        {"scenario_digest", p.scenario_digest},
        {"seed", std::to_string(p.seed)},
        {"replicates", std::to_string(r.replicates.size())},
        {"first_replicate", std::to_string(r.first_replicate)},
        {"threads", std::to_string(p.threads)},
        {"command_line", p.command_line},
        {"host", p.host},
        // Over the arrays, so merge can recompute it.
        {"results_digest", digest == ResultsDigest::now ? dataset_results_digest(dataset) : pending_results_digest},
        {"uncertainty_sources", r.uncertainty_sources.empty() ? "Monte-Carlo (replicates)" : r.uncertainty_sources},
        {"interventions", describe_interventions(r)},
    };
    add_area_descriptions(dataset, r);
    if (const auto schedules = finance::run_schedules(r); !schedules.empty()) {
        std::string lines;
        for (const auto& s : schedules) lines += (lines.empty() ? "" : "\n") + s;
        dataset.global_attributes.push_back({"schedules", lines});
    }
    // Plausibility warnings of the scenario and of the results (a market over capacity in its first year),
    // and a what-if's changes from its parent: one per line, shown in the report's run table.
    auto warnings = p.warnings;
    for (auto& w : results_warnings(r)) warnings.push_back(p.scenario_path + ": warning: " + w);
    std::string joined;
    for (const auto& w : warnings) joined += (joined.empty() ? "" : "\n") + w;
    dataset.global_attributes.push_back({"warnings", joined});
    std::string changes;
    for (const auto& c : p.what_if_changes) changes += (changes.empty() ? "" : "\n") + c;
    dataset.global_attributes.push_back({"what_if_changes", changes});
    return dataset;
}

void write_run_file(Dataset& dataset, const std::filesystem::path& target, bool overwrite) {
    auto digest_attribute = std::find_if(dataset.global_attributes.begin(), dataset.global_attributes.end(),
                                         [](const Attribute& a) { return a.name == "results_digest"; });
    if (digest_attribute == dataset.global_attributes.end() || digest_attribute->value != pending_results_digest)
        throw std::logic_error("write_run_file: the dataset was not made with ResultsDigest::later");
    validate_dataset(dataset);
    std::string digest;
    publish_atomically(target, overwrite, [&](const std::filesystem::path& temp) {
        // Two parts side by side, neither waiting for the other (with one thread they run one after the
        // other): the file, with the placeholder; the digest. Then the placeholder is overwritten.
        run_in_parallel(0, 2, [&](int part) {
            if (part == 0)
                write_netcdf4(dataset, temp);
            else
                digest = dataset_results_digest(dataset);
        });
        overwrite_global_attribute(temp, "results_digest", digest);
    });
    digest_attribute->value = digest;
}

}  // namespace carecast::output
