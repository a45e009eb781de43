#pragma once
// Permanent care-home placements, residential and nursing, with stays measured in days. A stay's
// length is drawn at admission from a piecewise-exponential distribution (one hazard in the first
// year, another after), so admission, death and discharge fall on days within the year.
//
// Reads: age, sex, dementia_years, flags (lost_carer, fell), partner, carer (of the partner).
// Writes: care_home, stay_start, stay_end, flags (stay_ends_in_discharge, self_funded, home_care).
#include <algorithm>
#include <cmath>

#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
inline constexpr SlotAddress admission{"care-home admission", RandomModule::demography, 3};
}  // namespace slot

/// Day of the interval that is 31 March (interval starts on 30 June): July..March = 274 days.
inline constexpr int day_of_31_march = 274;

/// Stay length in days for a uniform draw u in (0, 1], given the first-year and later hazards per year.
int stay_length_days(double u, double hazard_first_year, double hazard_later);

/// For a resident at the start of the interval: occupancy counts and the end of a stay that ends in
/// it. Sets p.died when the stay ends in death. Returns true if the person is still a resident.
bool care_home_year_for_resident(const YearContext& c, PersonYear& p, Population& population, Tally& tally);

/// With the need module: the probability per year that a resident who survives it, with death
/// probability q, is discharged: discharge_share / (1 - discharge_share) x q / (1 - q), so that that
/// share of stays ends in discharge and the rest in death.
inline double discharge_probability(const CareHomesConfig& h, double q) {
    if (h.discharge_share <= 0 || q <= 0) return 0.0;
    if (q >= 1 || h.discharge_share >= 1) return 1.0;
    return std::min(h.discharge_share / (1 - h.discharge_share) * q / (1 - q), 1.0);
}

/// With the need module: the hazard per year of a resident with death probability q leaving the home
/// (death or discharge_probability's discharge).
inline double resident_leave_hazard(const CareHomesConfig& h, double q) {
    return -std::log(std::max((1 - q) * (1 - discharge_probability(h, q)), 1e-12));
}

/// The end of a stay still running (need module: stays end when death or discharge is drawn).
inline constexpr std::int32_t open_stay = 0x7fffffff;

/// With the need module, for a resident at the start of the interval whose death the step has drawn
/// (p.died): occupancy counts, and the stay's end on a day of the interval by that death or by a
/// discharge.
void care_home_year_with_need(const YearContext& c, PersonYear& p, Population& population, Tally& tally);

/// Possible admission of a person living at home who survives the year (18+). Sets p.died if the stay
/// also ends in death within the interval.
void care_home_admission(const YearContext& c, PersonYear& p, Population& population, Tally& tally);

/// Base-year residents among people [begin, end): stays in progress, with their elapsed and remaining
/// days. Each person is decided alone: their own draws and columns and their partner's index and carer
/// state, which nothing before the carers module (after care homes in BaseYearOrder) writes, so in the
/// base year every partner's carer state is still 0.
void initialise_care_homes(const DemographicRates& demography, const CohortRates& rates, std::uint64_t seed,
                           std::uint32_t replicate, Population& population, std::size_t begin, std::size_t end);

/// The care-homes module's declaration (cohorts/cohort_module.hpp). A resident's year takes the place of
/// death and emigration at the start of pass 1 (care_home_year_for_resident, called by the step for
/// anyone with a care_home state).
struct CareHomesModule {
    static constexpr std::string_view name = "care_homes";
    /// Council-funded residents, residential [0] and nursing [1]; funds_run_out moves a resident from
    /// self-funded to council-funded.
    struct Ids {
        MeasureId residents[2] = {-1, -1}, admissions[2] = {-1, -1}, home_deaths[2] = {-1, -1},
                  discharges[2] = {-1, -1}, residents_31_march[2] = {-1, -1}, bed_days[2] = {-1, -1};
        MeasureId funds_run_out[2] = {-1, -1};
    };
    static bool enabled(const CohortConfig& config) { return config.care_homes.enabled; }
    // and flags: stay_ends_in_discharge, self_funded
    static constexpr std::tuple columns{&Population::care_home, &Population::stay_start, &Population::stay_end};
    static constexpr std::array slots{slot::admission};
    static constexpr std::array streams{
        StreamAddress{"care-home stay length", RandomModule::care_homes, RandomEvent::stay_length},
        StreamAddress{"base year: care-home residents", RandomModule::base_states, RandomEvent::residence}};
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) {
        // Base-year residents only: nobody arrives into a care home (arrivals are admitted, if at all,
        // by the yearly step like anyone living at home).
        if (!people.arriving)
            initialise_care_homes(people.demography, people.rates, people.seed, people.replicate, population,
                                  people.begin, people.end);
    }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        // With need, death does not depend on admission: a person who dies in the year may be admitted
        // before (care_home_admission).
        const bool may_be_admitted = c.config.need.enabled ? !p.emigrated : !p.left();
        if (may_be_admitted && !p.resident) care_home_admission(c, p, population, tally);
    }
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}  // end_stay
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        // Council-funded residents; self-funders are SelfFundersModule's.
        if (population.care_home[i] && !(population.flags[i] & self_funded))
            count(ids.residents[population.care_home[i] - 1]);
    }
};

}  // namespace carecast
