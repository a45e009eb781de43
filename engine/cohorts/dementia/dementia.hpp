#pragma once
// Dementia: onset by age and sex (incidence that keeps the CFAS II prevalence shape), excess mortality
// after onset (through the demography step's death probabilities), and diagnosis.
//
// Reads: age, sex, dementia_years, flags. Writes: dementia_years, flags (dementia_diagnosed).
#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
// One word for onset (without dementia) or diagnosis (with): a person cannot draw both in a year.
inline constexpr SlotAddress onset_or_diagnosis{"dementia onset or diagnosis", RandomModule::demography, 2};
}  // namespace slot

/// Mortality state for CohortRates::death: 0 none, 1 first year after onset, 2 later.
inline int dementia_mortality_state(std::uint8_t dementia_years) {
    return dementia_years == 0 ? 0 : dementia_years == 1 ? 1 : 2;
}

/// Onset, progression and diagnosis for a person who is alive and resident at the end of the interval.
void dementia_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// Prevalent cases among new people (the base year, or arrivals): dementia by age and sex, years since
/// onset, diagnosis.
void initialise_dementia(const NewPeople& people, Population& population);

/// The dementia module's declaration (cohorts/cohort_module.hpp).
struct DementiaModule {
    static constexpr std::string_view name = "dementia";
    struct Ids {
        MeasureId dementia = -1, dementia_onsets = -1, dementia_deaths = -1, dementia_emigrants = -1;
        MeasureId dementia_diagnosed = -1, dementia_diagnoses = -1, dementia_diagnosed_exits = -1;
        MeasureId dementia_arrivals = -1, dementia_diagnosed_arrivals = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.dementia.enabled; }
    static constexpr std::tuple columns{&Population::dementia_years};  // and flags: dementia_diagnosed
    static constexpr std::array slots{slot::onset_or_diagnosis};
    static constexpr std::array streams{
        StreamAddress{"base year: dementia", RandomModule::base_states, RandomEvent::onset}};
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) { initialise_dementia(people, population); }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.left()) dementia_year(c, p, population, tally);
    }
    static void count_exit(const Ids& ids, const PersonYear& p, const Population& population, Tally& tally) {
        if (population.dementia_years[p.index] == 0) return;
        tally.add(p.died ? ids.dementia_deaths : ids.dementia_emigrants, p.cell_end);
        if (population.flags[p.index] & dementia_diagnosed) tally.add(ids.dementia_diagnosed_exits, p.cell_end);
    }
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        if (population.dementia_years[i] > 0) count(ids.dementia);
        if (population.flags[i] & dementia_diagnosed) count(ids.dementia_diagnosed);
    }
};

}  // namespace carecast
