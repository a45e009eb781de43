#pragma once
// The four demographic flows, in the order the model registers them (measure ids 1..4 after the
// population stock, id 0) and the order expected projections list them.

namespace carecast {

/// The demographic flows, registered first and in this order (ids 1..4; population is 0).
enum class Flow : int { births = 0, deaths = 1, immigrants = 2, emigrants = 3 };
inline constexpr int flow_count = 4;
inline constexpr const char* flow_names[flow_count] = {"births", "deaths", "immigrants", "emigrants"};

}  // namespace carecast
