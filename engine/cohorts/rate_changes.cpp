#include "cohorts/rate_changes.hpp"

#include <algorithm>

namespace carecast {

void scale_sex_age(std::vector<double>& values, std::size_t offset, int ages, const std::vector<InterventionConfig>& iv,
                   Rate rate, int year, bool cap_at_one, int sexes) {
    if (values.empty()) return;
    for (int age = 0; age < ages; ++age) {
        const double m = combined_multiplier(iv, rate, year, age);
        if (m == 1.0) continue;
        for (int sex = 0; sex < sexes; ++sex) {
            auto& v = values[offset + static_cast<std::size_t>(sex * ages + age)];
            v *= m;
            if (cap_at_one) v = std::min(v, 1.0);
        }
    }
}

void scale_scalar(double& value, const std::vector<InterventionConfig>& iv, Rate rate, int year, double cap) {
    value = std::min(value * combined_multiplier(iv, rate, year), cap);
}

}  // namespace carecast
