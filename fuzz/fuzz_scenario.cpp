// Fuzzes the scenario parser and validator (with `extends` into the shipped scenarios) and, for a
// scenario that validates, building the model and the memory estimate: whatever `validate` passes must
// not fail later with anything but a clear error.
#include <cstdint>
#include <string>

#include "sim/load_scenario.hpp"
#include "sim/memory_estimate.hpp"
#include "sim/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto loaded =
            carecast::load_scenario_text(text, std::filesystem::path(CARECAST_SOURCE_DIR) / "scenarios/fuzz.txtpb");
        const auto model = carecast::build_model(loaded);
        (void)carecast::estimated_run_bytes(model, loaded.config.run.replicates, 2);
    } catch (const carecast::InputError&) {
    }
    return 0;
}
