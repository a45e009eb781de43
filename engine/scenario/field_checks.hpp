#pragma once
// Checks shared by the resolution of every scenario section: ranges and data files, each reported at
// the field's position in the scenario file.
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include "scenario/scenario_file.hpp"

namespace carecast {

inline std::string format_number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

/// Checks lo <= value <= hi and reports the allowed range otherwise.
template <typename T>
void check_range(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& field, T value, T lo, T hi,
                 const std::string& what) {
    const bool finite = std::isfinite(static_cast<double>(value));
    if (finite && value >= lo && value <= hi) return;
    file.error_at(diagnostics, field,
                  "value " + format_number(static_cast<double>(value)) + " is out of range: " + what + " must be in [" +
                      format_number(static_cast<double>(lo)) + ", " + format_number(static_cast<double>(hi)) + "]");
}

/// Resolves a data-file field; a missing file is reported here, at the field that names it.
inline std::filesystem::path data_file(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& field,
                                       const std::string& value, bool required) {
    if (value.empty()) {
        if (required)
            file.error_at(diagnostics, field, "is required: the path of a CSV file, relative to the scenario file");
        return {};
    }
    const auto path = file.resolve(value);
    if (!std::filesystem::is_regular_file(path))
        file.error_at(diagnostics, field,
                      "cannot open '" + path.string() + "': no such file (paths are relative to the scenario file)");
    return path;
}

}  // namespace carecast
