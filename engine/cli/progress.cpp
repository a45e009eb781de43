#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace carecast::cli {
namespace {

std::string format_duration(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    char buffer[32];
    if (s >= 60)
        std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%lds", s);
    return buffer;
}

}  // namespace

ProgressStyle parse_progress_style(const std::string& text) {
    if (text == "auto") return isatty(fileno(stderr)) ? ProgressStyle::bar : ProgressStyle::log;
    if (text == "bar") return ProgressStyle::bar;
    if (text == "log") return ProgressStyle::log;
    if (text == "none") return ProgressStyle::none;
    throw std::invalid_argument("--progress must be auto, bar, log or none (got '" + text + "')");
}

ProgressReporter::ProgressReporter(ProgressStyle style, std::uint64_t total_person_years)
    : style_(style),
      total_(std::max<std::uint64_t>(total_person_years, 1)),
      start_(std::chrono::steady_clock::now()),
      last_line_(start_) {}

void ProgressReporter::update(std::uint64_t done) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (style_ == ProgressStyle::bar) draw_bar(done, seconds);
    if (style_ != ProgressStyle::log) return;
    const int percent = static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total_));
    // A line every 10% or every 30 seconds, whichever comes first.
    if (percent / 10 > last_percent_logged_ / 10 || now - last_line_ > std::chrono::seconds(30)) {
        last_percent_logged_ = percent;
        last_line_ = now;
        print_line(done, seconds);
    }
}

void ProgressReporter::finish(std::uint64_t done) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (style_ == ProgressStyle::bar) {
        draw_bar(done, seconds);
        std::fputc('\n', stderr);
    } else if (style_ == ProgressStyle::log && last_percent_logged_ < 100) {
        print_line(done, seconds);
    }
}

void ProgressReporter::draw_bar(std::uint64_t done, double seconds) {
    constexpr int width = 40;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    const int filled = static_cast<int>(fraction * width);
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total_ - std::min(done, total_)) / rate : 0.0;
    std::fprintf(stderr, "\r[%.*s%*s] %3d%%  %.1fM person-years/s  ETA %s ", filled,
                 "========================================", width - filled, "", static_cast<int>(fraction * 100),
                 rate / 1e6, format_duration(eta).c_str());
    std::fflush(stderr);
}

void ProgressReporter::print_line(std::uint64_t done, double seconds) {
    const std::time_t now = std::time(nullptr);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", std::localtime(&now));
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    std::fprintf(stderr, "[%s] %3d%% of %.1fM person-years, %.1fM person-years/s, elapsed %s\n", clock,
                 static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total_)), static_cast<double>(total_) / 1e6,
                 rate / 1e6, format_duration(seconds).c_str());
}

}  // namespace carecast::cli
