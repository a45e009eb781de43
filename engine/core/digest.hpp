#pragma once
// A content digest of result arrays, stored in every output so two runs can be compared at a glance.
#include <cstdint>
#include <cstdio>
#include <string>

namespace carecast {

/// FNV-1a, 64-bit, over raw bytes. Not cryptographic: it detects accidental differences.
class Digest {
public:
    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            state_ ^= bytes[i];
            state_ *= 0x100000001b3ULL;
        }
    }
    /// "fnv1a64:" followed by 16 hex digits.
    std::string hex() const {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(state_));
        return std::string("fnv1a64:") + buffer;
    }

private:
    std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace carecast
