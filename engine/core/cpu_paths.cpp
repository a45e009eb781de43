#include "core/cpu_paths.hpp"

#include <cstdlib>
#include <cstring>

namespace carecast {

bool portable_paths_forced() {
    static const bool forced = [] {
        const char* value = std::getenv("CARECAST_CPU_PATHS");
        return value != nullptr && std::strcmp(value, "portable") == 0;
    }();
    return forced;
}

const char* to_string(CpuPath path) {
    switch (path) {
        case CpuPath::portable:
            return "portable";
        case CpuPath::avx512:
            return "AVX-512";
    }
    return "?";
}

}  // namespace carecast
