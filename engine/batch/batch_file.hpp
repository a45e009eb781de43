#pragma once
// Reading a batch file (proto/carecast/batch.proto): parsed strictly like scenarios, every problem
// reported at once as file:line:col with the field and what is allowed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace carecast::batch {

/// One scenario of a batch, with paths resolved.
struct BatchEntry {
    std::filesystem::path scenario;  // relative to the working directory (resolved from the batch file)
    std::string output;              // file name inside the output directory
    std::optional<std::uint32_t> replicates;
    std::optional<std::uint64_t> seed;
};

struct BatchFile {
    std::filesystem::path path;  // as given
    std::string text;            // verbatim
    std::string name;
    std::filesystem::path output_directory;  // resolved; empty if the file gives none
    std::uint32_t replicates_per_unit = 0;   // the file's, or the default of batch.proto
    std::uint32_t area_parts_per_unit = 0;   // 0 or 1: a unit's areas together
    std::vector<BatchEntry> scenarios;
};

/// Parses and checks `path` (scenario files must exist; they are loaded later). Throws InputError with
/// every problem found.
BatchFile read_batch_file(const std::filesystem::path& path);

}  // namespace carecast::batch
