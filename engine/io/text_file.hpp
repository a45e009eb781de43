#pragma once
// Whole text files into memory, transparently decompressing `.gz` (the national data pack ships its
// largest tables gzip-compressed). A missing, unreadable, corrupted or truncated file is reported to
// `diagnostics` under `display_name` and yields nothing.
#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostics.hpp"

namespace carecast {

std::optional<std::string> read_text_file(const std::filesystem::path& path, const std::string& display_name,
                                          Diagnostics& diagnostics);

}  // namespace carecast
