#include "cohorts/falls/falls.hpp"

#include "cohorts/modules.hpp"

namespace carecast {

void falls_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    auto& flags = population.flags[p.index];
    flags &= static_cast<std::uint8_t>(~fell);
    const auto& rates = c.cohorts;
    if (!rates.config.falls.enabled || p.age < 65) return;
    if (!p.draws.bernoulli(slot::fall, rates.fall_admission[rates.at(p.sex, p.age)])) return;
    flags |= fell;
    tally.add(c.ids.fall_admissions, p.cell_end);
}

std::span<const ReportRow> FallsModule::report_rows() {
    static constexpr ReportRow rows[] = {
        {.id = "fall_admissions_65_plus",
         .label = "Emergency admissions for falls, aged 65+",
         .theme = "care_at_home",
         .unit = "admissions a year",
         .variables = "fall_admissions",
         .min_age = 65,
         .headline = true},
    };
    return rows;
}

void FallsModule::read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics) {
    const AgeTableSpec probability;  // value in [0, 1]
    in.fall_admission = read_age_table(config.falls.admission_probability_csv, max_age, probability, diagnostics);
}

void FallsModule::build_rates(const Inputs& in, const CohortConfig&, const DemographicRates& demography, Rates& rates) {
    rates.fall_admission = copy_table(in.fall_admission, demography.grid.age_count());
}

void FallsModule::change_rates(const RateChanges& changes, CohortConfig&, Rates& rates) {
    changes.scale_table(rates.fall_admission, FALL_ADMISSION);
}

}  // namespace carecast
