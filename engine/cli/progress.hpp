#pragma once
// Progress on stderr while a run works: a redrawn bar on a terminal, plain timestamped lines otherwise
// (so logs of batch jobs do not fill with bar frames). stdout stays for results.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace carecast::cli {

enum class ProgressStyle { bar, log, none };

/// "auto" picks bar on a terminal and log otherwise; throws std::invalid_argument on other values.
ProgressStyle parse_progress_style(const std::string& text);

class ProgressReporter {
public:
    ProgressReporter(ProgressStyle style, std::uint64_t total_person_years);
    /// Shows the state of `done`; call periodically from the main thread.
    void update(std::uint64_t done);
    /// Final line.
    void finish(std::uint64_t done);

private:
    void draw_bar(std::uint64_t done, double seconds);
    void print_line(std::uint64_t done, double seconds);

    ProgressStyle style_;
    std::uint64_t total_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_line_;
    int last_percent_logged_ = -1;
};

}  // namespace carecast::cli
