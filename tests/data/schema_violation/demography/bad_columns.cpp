// Fixture for tools/check_schema_truth.py: data-column bounds and defaults written in the engine outside
// engine/scenario, as before the schema's DataColumns held them. Each line marked `caught` must be reported
// (ctest "schema: a default written in the engine is caught").
struct DemographicRates {
    double probability_male_at_birth = 0.5;  // caught
    int open_age = 90;                       // caught
    double mortality_improvement = 0.012;    // caught
    int max_age = 1000;                      // out of every max_age's range: an open-ended band, not a default
};

const NumberColumn number_columns[] = {
    {"ehc_plan_scale", &AreaParameters::ehc_plan_scale, 0.0, 5.0, "a multiplier"},     // caught
    {"ehc_growth", &AreaParameters::ehc_growth, -0.5, 1.0, "a growth rate per year"},  // caught
};

AgeTableSpec carer_trend() {
    AgeTableSpec change;
    change.lo = -0.5;  // caught
    change.hi = 0.5;   // caught
    return change;
}

bool plausible(double scale) {
    return scale >= 0.2 && scale <= 5.0;  // caught
}

void ages(double* exit, int a) {
    exit[a] = a >= 5 && a <= 16 ? 0.15 : 0.0;  // school ages: small whole numbers are not taken for bounds
}
