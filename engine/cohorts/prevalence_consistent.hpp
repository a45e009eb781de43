#pragma once
// Entry rates that keep an age profile of prevalence: the classic way to turn a cross-sectional
// prevalence table into the yearly transitions a microsimulation needs when incidence itself is not
// published for the area. A cohort aged a with prevalence p(a) moves to a+1 with p(a+1) if
//
//     p(a+1) = [p(a) (1 - x(a)) (1 - d_in(a)) + (1 - p(a)) e(a) (1 - d_out(a))] / S(a)
//     S(a)   = p(a) (1 - d_in(a)) + (1 - p(a)) (1 - d_out(a))
//
// where x is the exit probability, d_in and d_out the death probabilities in and out of the state
// and e the entry probability, solved for here. Negative solutions (prevalence falling faster than
// exits and deaths explain) are 0.
#include <vector>

namespace carecast {

/// Entry probability e(a) for ages 0..n-2 (e(n-1) = e(n-2)); inputs are indexed by single year of age.
std::vector<double> prevalence_consistent_entry(const std::vector<double>& prevalence, const std::vector<double>& exit,
                                                const std::vector<double>& death_in,
                                                const std::vector<double>& death_out);

/// As above, for a profile that changes over the year: the cohort aged a with prevalence p(a) reaches
/// next(a+1), the profile one year later (next = prevalence is the function above).
std::vector<double> prevalence_consistent_entry(const std::vector<double>& prevalence, const std::vector<double>& next,
                                                const std::vector<double>& exit, const std::vector<double>& death_in,
                                                const std::vector<double>& death_out);

}  // namespace carecast
