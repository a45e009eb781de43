// Fixture for tools/check_schema_truth.py: `carecast init` writing the schema's defaults as copies.
struct InitOptions {
    std::uint64_t seed = 20160630;  // caught
    std::uint32_t replicates = 20;  // caught
};

constexpr double plausible_scale_low = 0.2;  // caught: thresholds live in scenario/plausibility.hpp

std::string carers() {
    std::string t = "carers {\n";
    t += "  annual_stop_probability: 0.2\n";  // caught
    // schema-truth: the baseline's own value, on purpose
    t += "  partner_becomes_carer_probability: 0.7\n";
    // A comment quoting "annual_stop_probability: 0.2" is not text init writes.
    return t + "}\n";
}
