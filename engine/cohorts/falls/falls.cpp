#include "cohorts/falls/falls.hpp"

namespace carecast {

void falls_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    auto& flags = population.flags[p.index];
    flags &= static_cast<std::uint8_t>(~fell);
    const auto& rates = c.cohorts;
    if (!rates.config.falls.enabled || p.age < 65) return;
    if (!p.draws.bernoulli(Slot::fall, rates.fall_admission[rates.at(p.sex, p.age)])) return;
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

}  // namespace carecast
