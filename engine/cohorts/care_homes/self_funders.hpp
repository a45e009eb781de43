#pragma once
// Self-funded care-home residents (care_homes.self_funders). A person at high need at home is admitted
// with the council-funded probability a (the ASCOF 2A admissions) or, on top of it, as a self-funder:
// with probability a s / (1 - s) for a self-funded share s of admissions, from the same decision word,
// so the council-funded admissions are those of a run without self-funders. A self-funder stays and dies
// as a council-funded resident does and, each year they stay, their money runs out with probability d of
// their age group (65+ or 18-64): the council then funds the rest of the stay, from the next interval.
//
// s by age is derived from the published share r of residents who self-fund: in a steady state with
// residents leaving (death or discharge) at hazard h and self-funders' money running out at hazard
// m = -ln(1 - d), self-funders are s h / (h + m) of residents, so s = r (h + m) / h (at most 1), with r
// and d of the person's age group. Under 65 d is 0 by default, so s = r there: with d > 0 the long stays
// of younger residents (small h) would need most of their admissions to be self-funded.
#include <algorithm>

#include "cohorts/cohort_module.hpp"
#include "cohorts/cohort_rates.hpp"

namespace carecast {

/// The self-funded share of admissions s for a share `of_residents` of residents who self-fund, a leave
/// hazard `leave` of residents and a probability `run_out` a year that a self-funder's money runs out.
double self_funded_admission_share(double of_residents, double leave, double run_out);

/// rates.self_funded_admission_share [sex][age]: s at each age, with the leave hazard of a resident at
/// high need of that age and sex in the base year (mixed over dementia as the need table mixes them).
void build_self_funder_shares(const CohortConfig& c, CohortRates& rates);

/// The self-funded share of admissions at table index `at` (0 without self-funders).
inline double self_funded_share_at(const SharedCohortRates& rates, std::size_t at) {
    return rates.self_funded_admission_share.empty() ? 0.0 : rates.self_funded_admission_share[at];
}

/// A person's chances of admission in a year, council-funded and in all (council or self-funded).
struct AdmissionChances {
    double council;
    double all;
};

/// The chances for a council-funded admission probability `council` and a self-funded share of
/// admissions `share`: in all min(council / (1 - share), 1), of which council-funded `council`, or
/// 1 - share where everyone at risk is admitted (so that admissions keep the self-funded share there).
inline AdmissionChances admission_chances(double council, double share) {
    if (share <= 0) return {council, council};
    return {std::min(council, 1 - share), std::min(council / (1 - share), 1.0)};
}

/// The self-funders' declaration (cohorts/cohort_module.hpp): their stocks, flows and report lines. The
/// care-homes module admits them, draws them among its base-year residents and runs their stays (the
/// self_funded flag); this module counts them.
struct SelfFundersModule {
    static constexpr std::string_view name = "care_homes.self_funders";
    /// Self-funded residents (care_homes.self_funders), residential [0] and nursing [1].
    struct Ids {
        MeasureId self_funded_residents[2] = {-1, -1}, self_funded_admissions[2] = {-1, -1},
                  self_funded_deaths[2] = {-1, -1}, self_funded_discharges[2] = {-1, -1},
                  self_funded_bed_days[2] = {-1, -1};
    };
    static bool enabled(const CohortConfig& config) {
        return config.care_homes.enabled && config.care_homes.self_funders.enabled;
    }
    static constexpr std::tuple<> columns{};
    static constexpr std::array<SlotAddress, 0> slots{};
    static constexpr std::array<StreamAddress, 0> streams{};
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static void initialise(const NewPeople&, Population&) {}
    static void own_year(const YearContext&, PersonYear&, Population&, Tally&) {}
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}  // finish_stay
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        if (population.care_home[i] && (population.flags[i] & self_funded))
            count(ids.self_funded_residents[population.care_home[i] - 1]);
    }
};

}  // namespace carecast
