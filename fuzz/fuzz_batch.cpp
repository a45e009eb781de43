// Fuzzes the batch-file parser and its checks.
#include <cstdint>

#include "batch/batch_file.hpp"
#include "core/diagnostics.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = carecast::fuzz::write_input("batch.txtpb", data, size);
    try {
        (void)carecast::batch::read_batch_file(path);
    } catch (const carecast::InputError&) {
    }
    return 0;
}
