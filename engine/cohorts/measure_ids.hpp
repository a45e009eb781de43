#pragma once
// The ids of the measures the model registers (sim/model.cpp), by name, for the code that counts into
// them: the demography's here, each cohort module's in its declaration (its `Ids`), all of them
// composed into MeasureIds by cohorts/modules.hpp from the list of modules.
#include "core/measures.hpp"

namespace carecast {

/// Ids of the demography's measures.
struct DemographyIds {
    MeasureId population = -1, births = -1, deaths = -1, immigrants = -1, emigrants = -1;
};

/// Ids of every registered measure (DemographyIds and every module's `Ids`; -1 where the module is
/// disabled), complete in cohorts/modules.hpp.
struct MeasureIds;

}  // namespace carecast
