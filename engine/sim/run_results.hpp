#pragma once
// Integer counts produced by a run, per replicate, for every registered measure on the (area, sex,
// age) grid. Counts are integers so that reductions over threads are exact in any order
// (bit-identical results at any thread count).
#include <cstdint>
#include <string>
#include <vector>

#include "cohorts/completed_stay.hpp"
#include "core/measures.hpp"
#include "core/population.hpp"
#include "demography/flow.hpp"
#include "scenario/finance_config.hpp"
#include "sim/drawn_parameter.hpp"

namespace carecast {

/// One replicate's counts: values[measure] is [year 0..Y][cell] for stocks, [interval 0..Y-1][cell] for
/// flows; completed care-home stays in order of interval, type and length.
struct ReplicateCounts {
    std::vector<std::vector<std::int32_t>> values;
    std::vector<CompletedStay> stays;
    std::vector<double> parameters;   // values drawn for parameter uncertainty (RunResults::drawn_parameters)
    std::vector<double> money_draws;  // shifts drawn for finance.money.draws, basis points (one per draw)

    const std::vector<std::int32_t>& population() const { return values.at(0); }
    const std::vector<std::int32_t>& flow(Flow f) const { return values.at(1 + static_cast<std::size_t>(f)); }
};

struct RunResults {
    PopulationGrid grid;
    MeasureRegistry registry;
    int base_year = 0;
    int horizon_year = 0;
    std::uint32_t first_replicate = 0;
    std::vector<ReplicateCounts> replicates;  // replicate first_replicate + i
    // Prevalence-style cohorts (POPPI/PANSI method): names and rates [sex][age] applied to the population.
    std::vector<std::string> prevalence_cohort_names;
    std::vector<std::vector<double>> prevalence_cohort_rates;
    // Money and market sections of the scenario, for the cost and market outputs (engine/finance).
    FinanceConfig finance;

    // What the run changed and what its intervals include (sim/replicate_parameters.hpp).
    std::vector<InterventionConfig> interventions;
    std::string uncertainty_sources;
    std::vector<DrawnParameter> drawn_parameters;
    // Schedules of the model's and the money's parameters, one line each for people (empty: none).
    std::vector<std::string> schedules;
    // Several areas with area_parameters_csv: each area's name and parameter sources, [area] (else empty).
    std::vector<std::string> area_names;
    std::vector<std::string> area_sources;

    int year_count() const { return horizon_year - base_year + 1; }
    int interval_count() const { return horizon_year - base_year; }
};

}  // namespace carecast
