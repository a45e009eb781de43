#pragma once
// Parameter uncertainty: values drawn once per replicate, so that the spread across replicates
// includes what is not known about the inputs as well as Monte-Carlo noise. Each value has its own
// random stream keyed by (seed, replicate, its name), so a baseline and a what-if run with the same
// seed draw the same values (common random numbers), whatever else they change.
#include <cstdint>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "sim/drawn_parameter.hpp"
#include "sim/model.hpp"

namespace carecast {

/// The parameters `model` draws per replicate, in output order (empty without uncertainty).
std::vector<DrawnParameter> drawn_parameters(const Model& model);

/// The values drawn for `replicate`, in the order of drawn_parameters: multipliers of the point value.
std::vector<double> draw_parameter_values(const Model& model, std::uint64_t seed, std::uint32_t replicate);

/// The model of one replicate: `model` with its drawn parameters applied (dementia prevalence and the
/// onset and death rates derived from it; rate multipliers added to the interventions).
Model model_for_replicate(const Model& model, const std::vector<double>& values);

/// The shifts drawn for `replicate` for the money assumptions of money.draws, in their order: each from
/// its own stream keyed by "money." and its name, normal with its 95% interval, rounded to a whole basis
/// point (finance::money_for_replicate applies them).
std::vector<double> draw_money_shifts(const MoneyConfig& money, std::uint64_t seed, std::uint32_t replicate);

/// Sentence for the outputs: which sources of uncertainty the run's intervals include.
std::string uncertainty_sources(const Model& model);

/// A standard normal deviate from two uniforms of `stream` (Box-Muller, so that the number of words
/// used is fixed and the value does not depend on a library's algorithm).
double standard_normal(DrawStream& stream);

}  // namespace carecast
