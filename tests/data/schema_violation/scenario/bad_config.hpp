#pragma once
// Fixture for tools/check_schema_truth.py: a default and a range written in the engine, as before the
// schema held them. Lines marked `caught` must be reported
// (ctest "schema: a default written in the engine is caught").
struct DementiaConfig {
    double mortality_rr_year1 = 3.68;  // caught
};

inline void resolve(const ScenarioFile& file, Diagnostics& diagnostics, DementiaConfig& c) {
    check_range(file, diagnostics, "dementia.mortality_relative_risk_year1", c.mortality_rr_year1, 1.0, 20.0,  // caught
                "a relative risk");
}
