#pragma once
// The name and meaning of a parameter drawn once per replicate (sim/replicate_parameters.hpp), as
// stored in the run results and the output file.
#include <string>

namespace carecast {

/// One parameter drawn per replicate: its name and what its value means.
struct DrawnParameter {
    std::string name;  // e.g. "dementia_prevalence_F_85", "care_home_admission_uncertainty"
    std::string description;
};

}  // namespace carecast
