#pragma once
// Which files carecast reads, in one place: scenario and batch files must be regular files of bounded
// size (never a FIFO, a device or /dev/zero); data files must be regular files under an allowed
// folder. Messages never echo a file's contents beyond what the user needs (see shown_text).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace carecast {

inline constexpr std::uintmax_t kMaxScenarioBytes = 4u << 20;    // scenario and batch files
inline constexpr std::uintmax_t kMaxDataFileBytes = 512u << 20;  // CSV data files

/// Reads a whole regular file of at most `max_bytes`; on failure returns nullopt and sets `problem`
/// ("cannot open ...: no such file", "... is not a regular file", "... is larger than ...").
std::optional<std::string> read_regular_file(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                             std::string& problem);

/// Why `path` cannot be read: missing ("cannot open ..."), not a regular file, or larger than
/// `max_bytes`; empty if it can.
std::string regular_file_problem(const std::filesystem::path& path, std::uintmax_t max_bytes);

/// std::filesystem::is_regular_file without the exception it throws for a name too long or a loop of
/// links: input checks report such a path as missing instead of ending with an uncaught exception.
bool is_regular_file_nothrow(const std::filesystem::path& path);

/// Why `path` may not be read as a data file, or empty: it must be a regular file (after following
/// links) of at most kMaxDataFileBytes, inside one of `roots` (compared after resolving `..` and links).
std::string data_file_problem(const std::filesystem::path& path, const std::vector<std::filesystem::path>& roots);

/// Folders from the environment variable CARECAST_DATA_ROOT (':'-separated), for every run.
std::vector<std::filesystem::path> data_roots_from_environment();

/// `text` as safe to show in a message: at most `limit` characters, control and non-ASCII bytes as
/// '?', cut with "..." — for values from files that may not be what the user thinks they are.
std::string shown_text(const std::string& text, std::size_t limit = 24);

}  // namespace carecast
