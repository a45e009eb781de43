// Fuzzes the reader of run files used by compare, export, report and merge: reading, then the checks
// every command makes before using a file (results digest, summaries, coordinates).
#include <cstdint>
#include <stdexcept>

#include "fuzz_support.hpp"
#include "output/netcdf_reader.hpp"
#include "results/verify_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = carecast::fuzz::write_input("run.nc", data, size);
    try {
        const auto dataset = carecast::output::read_netcdf4(path);
        (void)carecast::output::verify_run_dataset(dataset);
    } catch (const std::runtime_error&) {
    }
    return 0;
}
