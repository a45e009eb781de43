#pragma once
// The base-year care-home stock in a steady state, written once: the dementia derivation
// (dementia_rates.cpp) reckons deaths with these shares and initialise_care_homes (care_homes.cpp)
// draws its residents with them.
#include <utility>

#include "cohorts/cohort_rates.hpp"

namespace carecast {

/// Mean length of a care-home stay in years over both home types, and the mean of its part within the
/// first year after admission, E[min(L, 1)]. A stay is piecewise exponential (hazard h1 in its first
/// year, h2 after; h2 = 0 means h1 throughout, as in stay_length_days).
std::pair<double, double> stay_years(const CareHomesConfig& h);

/// Admission probability per year of a person at home without dementia at table index `at`: the base
/// table times the expected relative risk of a fall in the year (falls off: no fall).
double admission_without_dementia(const CohortRates& rates, std::size_t at);

/// Probability that a person at table index `at` has a partner-carer should they have dementia: the
/// partnered share times partner_becomes_carer_probability (0 without couples and carers).
double partner_carer_share(const CohortConfig& c, const CohortRates& rates, std::size_t at);

/// The relative risk of admission with dementia for no partner-carer, expected over the probability
/// `cared` that one is there: cared + (1 - cared) rr_no_carer.
inline double no_carer_factor(const CareHomesConfig& h, double cared) {
    return cared + (1 - cared) * h.rr_no_carer;
}

/// Admission probability per year with dementia, from the one without (`a_without`) and the probability
/// `cared` that a partner-carer is there (no partner-carer: relative risk rr_no_carer).
double admission_with_dementia(const CareHomesConfig& h, double a_without, double cared);

/// One age's inputs to the care-home shares of a stationary stock.
struct SteadyStateAge {
    double prevalence = 0.0;  // p: dementia prevalence
    double onset = 0.0;       // e: probability that dementia starts in the year
    double q_without = 0.0;   // death probability at home without dementia
    double q_with = 0.0;      // death probability at home with dementia (the age's mix of years since onset)
    double a_without = 0.0;   // admission probability without dementia
    double mean_stay = 0.0;   // years
};

/// Share of people without dementia who are residents (Little's law: stock = admissions x mean stay).
/// People are admitted only if they survive the year at home, and those whose dementia starts in the
/// year are admitted at the dementia rate (onset comes before admission in the yearly step), so
/// c_n = x / (1 + x), x = (1 - q_n) (1 - e) a_n E[L].
double resident_share_without_dementia(const SteadyStateAge& s);

/// Share of people with dementia who are residents, for one with death probability `q_own` and
/// admission probability `a_own`: the stock also takes the onset-year admissions, K per admission of a
/// person who already had dementia, so c_d = k (1 + K) / (1 + k), k = (1 - q_own) a_own E[L]; at most
/// 0.95.
double resident_share_with_dementia(const SteadyStateAge& s, double q_own, double a_own);

/// With the need module: the people at high need (level 3) of table index `at`, as shares of everyone of
/// that age and sex, without and with dementia (dementia prevalence times the need table's share at high
/// need; everyone is without dementia when the dementia module is off).
struct HighNeedWeights {
    double without = 0.0;
    double with = 0.0;
};
HighNeedWeights high_need_weights(const CohortConfig& c, const CohortRates& rates, std::size_t at);

/// Death probability in a year of a care-home resident at high need whose death probability at home
/// would be `q_home`: q_home times need.care_home_mortality_rr, at most 1.
double resident_death_at_high_need(const CohortConfig& c, double q_home);

/// With the need module: the share of people at high need (level 3) of an age who live in a care home in
/// a steady state. People at home at high need (H) who survive the year (death probability `q_home`)
/// and those reaching high need in the year (E = e x all at high need) are admitted at hazard
/// -ln(1 - admission) (council and self-funded); residents (R) leave at hazard `leave` (mean stay at
/// most 10 years: younger residents also move on to other settings). The stock is stationary when
/// R leave = ((1 - q_home) H + E) admission hazard, so R / (R + H) = x (1 - q_home + e) / (1 + x (1 - q_home))
/// with x the admission hazard over the leave hazard; at most 0.95.
double resident_share_of_high_need(double admission, double leave, double e, double q_home);

/// Council admissions in a year per person at high need, for a council admission probability `council`
/// of a person at home, in that steady state: council ((1 - q_home)(1 - resident share) + e).
double admissions_per_high_need(double council, double admission, double leave, double e, double q_home);

/// With the need module: rescales rates.need_admission_factor so that the council's admissions come
/// from the people at high need who are at home (and those reaching high need in the year), not from
/// everyone at high need, until they are the admission table's again, age by age: the table times its
/// relative risks (dementia with its mean no-carer risk, a fall) for the people of the age at home with
/// and without dementia, as the table is read without need, where self-funders' residents do not count
/// as away from home (they come on top: self_funders.hpp); a fall's relative risk is in the flow as
/// the yearly step applies it (a lost carer's, rare, is not). The residents follow
/// each cohort from age to age (those who stay and those admitted, over the cohort's survival), shared
/// between people with and without dementia as the age's steady state of resident_share_of_high_need
/// shares them; everyone at home at high need is at risk, also who dies later in the year. Needs the
/// self-funders' admission shares (they take people from the same pool). Records the share of the
/// people at high need in homes in rates.high_need_resident_share and the cohort's residents over the
/// steady state's in rates.high_need_resident_scale (the base-year draw).
void scale_admissions_to_people_at_home(const CohortConfig& c, CohortRates& rates);

}  // namespace carecast
