#pragma once
// Helpers shared by the Catch2 test programs.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

#include "sim/load_scenario.hpp"

namespace carecast::test {

/// Path of a file in the source tree.
inline std::filesystem::path source_path(const std::string& relative) {
    return std::filesystem::path(CARECAST_SOURCE_DIR) / relative;
}

/// Writes `text` to a file named after `name` and this process in the temporary directory.
inline std::filesystem::path write_temp(const std::string& name, const std::string& text) {
    const auto path =
        std::filesystem::temp_directory_path() / ("carecast_test_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(path) << text;
    return path;
}

/// The shipped County Durham baseline, loaded and validated.
inline LoadedScenario load_baseline() {
    return load_scenario(source_path("scenarios/checks/county_durham_2016.txtpb"));
}

template <typename T>
double sum_of(const std::vector<T>& values) {
    return static_cast<double>(std::accumulate(values.begin(), values.end(), T{}));
}

}  // namespace carecast::test
