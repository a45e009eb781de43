#pragma once
// What produced a run, for people: the provenance the file carries (scenario, seed, replicates,
// version, digests, uncertainty sources) and the assumptions of its resolved scenario.
#include <string>
#include <utility>
#include <vector>

#include "output/dataset.hpp"

namespace carecast::report {

/// (label, value) lines describing the run, in the order a reader needs them.
std::vector<std::pair<std::string, std::string>> run_information(const output::Dataset& dataset);

/// One scalar setting of the resolved scenario: "care_homes.relative_risk_dementia" = "4".
struct Assumption {
    std::string section;    // top-level section: "care_homes" ("" for top-level fields)
    std::string parameter;  // path inside it: "relative_risk_dementia", "mortality.local_factor_male"
    std::string value;      // as written (repeated fields joined with ", ")
};

/// The assumptions table of a run: the settings of its resolved scenario, with run.replicates and
/// run.seed as actually run (noting the scenario's value where it differs).
std::vector<Assumption> run_assumptions(const output::Dataset& dataset);

/// Scalar settings of protobuf text format `text`, in order; comments are ignored.
std::vector<Assumption> parse_assumptions(const std::string& text);

}  // namespace carecast::report
