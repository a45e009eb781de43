#pragma once
// Publishing an output file atomically: readers see either the old file or the complete new one,
// never a half-written file, and a failed run leaves nothing behind.
#include <filesystem>
#include <functional>

namespace carecast::output {

/// Calls `write(temp)` with `temp` = `<target>.tmp.<pid>` (same directory, not yet existing), then
/// fsyncs it, renames it over `target` and fsyncs the directory. Throws std::runtime_error before
/// calling `write` if `target` exists and !`overwrite`, or if its directory does not exist. If anything
/// throws, the temp file is removed and the exception rethrown; `target` is left untouched.
void publish_atomically(const std::filesystem::path& target, bool overwrite,
                        const std::function<void(const std::filesystem::path& temp)>& write);

}  // namespace carecast::output
