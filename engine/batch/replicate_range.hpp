#pragma once
// A block of consecutive replicates, written A:B on the command line: replicates A, A+1, ..., B-1
// (half-open, like a Python slice), so shards tile without overlap: 0:10 10:20 20:30.
#include <cstdint>
#include <string>

namespace carecast::batch {

struct ReplicateRange {
    std::uint32_t first = 0;
    std::uint32_t count = 0;

    /// One past the last replicate.
    std::uint32_t end() const { return first + count; }
    /// "A:B" as the user writes it.
    std::string to_string() const { return std::to_string(first) + ":" + std::to_string(end()); }
};

/// Largest replicate number plus one that a range may reach (replicate numbers are int32 coordinates).
inline constexpr std::uint32_t max_replicate_end = 1'000'000'000;
/// Most replicates in one run or unit, as for `--replicates N`: the schema's largest run.replicates
/// (batch.proto's replicate counts end there too, as a test checks).
std::uint32_t max_replicate_count();

/// Parses "A:B" with 0 <= A < B <= max_replicate_end and B - A <= max_replicate_count(); throws
/// std::invalid_argument with a message naming `option` and what is allowed.
ReplicateRange parse_replicate_range(const std::string& option, const std::string& text);

}  // namespace carecast::batch
