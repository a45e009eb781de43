#include "batch/replicate_range.hpp"

#include <charconv>
#include <stdexcept>

#include "carecast/scenario.pb.h"
#include "scenario/schema_rules.hpp"

namespace carecast::batch {
namespace {

bool parse_number(const std::string& text, std::uint64_t& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::uint32_t max_replicate_count() {
    static const auto count = static_cast<std::uint32_t>(
        schema_max(schema_field(*RunSettings::descriptor(), RunSettings::kReplicatesFieldNumber)));
    return count;
}

ReplicateRange parse_replicate_range(const std::string& option, const std::string& text) {
    const auto fail = [&](const std::string& why) {
        return std::invalid_argument(
            "--" + option + " '" + text + "': " + why + " (write A:B for replicates A to B-1, 0 <= A < B <= " +
            std::to_string(max_replicate_end) + ", at most " + std::to_string(max_replicate_count()) + " replicates)");
    };
    const auto colon = text.find(':');
    if (colon == std::string::npos) throw fail("not of the form A:B");
    std::uint64_t first = 0;
    std::uint64_t end = 0;
    if (!parse_number(text.substr(0, colon), first) || !parse_number(text.substr(colon + 1), end))
        throw fail("A and B must be whole numbers");
    if (end > max_replicate_end) throw fail("B is too large");
    if (first >= end) throw fail("A must be less than B (the range is empty)");
    if (end - first > max_replicate_count()) throw fail("too many replicates");
    return {static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(end - first)};
}

}  // namespace carecast::batch
