// Fixture for tools/check_schema_truth.py: a batch file's default and ranges written in engine/batch, as
// before batch.proto held them. Lines marked `caught` must be reported
// (ctest "schema: a default written in the engine is caught").
struct BatchFile {
    std::uint32_t replicates_per_unit = 10;  // caught
};

void check_batch(const Batch& batch, const Locator& at, BatchFile& out) {
    if (batch.replicates_per_unit() > max_replicate_count) at.at("replicates_per_unit", "allowed 1..100000");  // caught
    const BatchScenario& s = batch.scenario(0);
    if (s.replicates() < 1 || s.replicates() > 100000) at.at_scenario(0, "replicates", "allowed 1..100000");  // caught
}
