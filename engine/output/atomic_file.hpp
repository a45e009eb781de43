#pragma once
// Publishing output files atomically: readers see either the old file or the complete new one,
// never a half-written file, and a failed or interrupted run leaves nothing behind. This is the one
// place where carecast writes files: every write is checked, temporaries are removed on any error and
// on SIGINT/SIGTERM/SIGHUP/SIGPIPE, and temporaries left by killed processes are cleaned up.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace carecast::output {

/// Throws std::runtime_error if `target` cannot or must not be written: its directory does not exist,
/// it is a directory, a dangling symbolic link or not a regular file, or it exists and !`overwrite`.
/// Commands call it before any work, so a mistake costs nothing; publish_atomically calls it again.
void check_output_target(const std::filesystem::path& target, bool overwrite);

/// Calls `write(temp)` with `temp` = `<target>.tmp.<pid>` (same directory, not yet existing), then
/// fsyncs it, renames it over `target` and fsyncs the directory. Throws std::runtime_error before
/// calling `write` if check_output_target fails. If anything throws, or a termination signal arrives,
/// the temp file is removed; `target` is left untouched. Temporaries of `target` left by processes
/// that no longer exist are removed first.
void publish_atomically(const std::filesystem::path& target, bool overwrite,
                        const std::function<void(const std::filesystem::path& temp)>& write);

/// One file of a set published together.
struct PendingFile {
    std::filesystem::path target;
    std::function<void(const std::filesystem::path& temp)> write;
};

/// Publishes several files as a whole or not at all: every file is written to its temporary first
/// (where a full disk or any other error shows), then all are renamed in one pass; if a rename fails,
/// the targets already replaced are restored (or removed if they did not exist before).
void publish_set_atomically(const std::vector<PendingFile>& files, bool overwrite);

/// Writes `bytes` to a new file `path` (which must not exist), checking every write, the fsync and
/// the close; throws std::system_error naming `path` on failure (the partial file is removed).
void write_new_file(const std::filesystem::path& path, const void* bytes, std::size_t size);
/// The same for text.
void write_new_file(const std::filesystem::path& path, const std::string& text);

/// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGPIPE that remove every temporary file being
/// written, then end the process by the same signal (so the exit status still says which). Idempotent.
void remove_temporaries_on_signals();

/// Removes `<target>.tmp.<pid>` files whose process no longer exists on this machine (or is this
/// process); returns the paths removed.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& target);

}  // namespace carecast::output
