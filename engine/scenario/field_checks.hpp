#pragma once
// Checks shared by the resolution of every scenario section: ranges that depend on other fields, and
// data files, each reported at the field's position in the scenario file.
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include "io/file_policy.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {

inline std::string format_number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

/// Checks a range that depends on other fields: lo <= value <= hi, with lo and hi computed from them
/// (horizon_year after base_year). A value outside the field's own range in the schema is reported by
/// check_schema_ranges and not again here; a range that depends on nothing else is a schema option.
template <typename T>
void check_relation(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path,
                    const google::protobuf::FieldDescriptor& field, T value, T lo, T hi, const std::string& what) {
    const auto v = static_cast<double>(value);
    if (!within_schema_range(field, v) || (value >= lo && value <= hi)) return;
    file.error_at(diagnostics, path,
                  "value " + format_number(v) + " is out of range: " + what + " must be in [" +
                      format_number(static_cast<double>(lo)) + ", " + format_number(static_cast<double>(hi)) + "]");
}

/// The folders data files may lie under: the folder of the scenario file and of every file it extends,
/// the scenario's `data_root`, and CARECAST_DATA_ROOT.
inline std::vector<std::filesystem::path> data_roots(const ScenarioFile& file) {
    std::vector<std::filesystem::path> roots = data_roots_from_environment();
    for (const ScenarioFile* f = &file; f != nullptr; f = f->parent.get()) {
        const auto directory = f->path.parent_path();
        roots.push_back(directory.empty() ? std::filesystem::path(".") : directory);
    }
    if (!file.scenario.data_root().empty()) roots.push_back(file.resolve(file.scenario.data_root()));
    return roots;
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
    const std::string problem = data_file_problem(path, data_roots(file));
    if (problem.starts_with("cannot open"))
        file.error_at(diagnostics, field, problem + " (paths are relative to the scenario file)");
    else if (!problem.empty())
        file.error_at(diagnostics, field, problem);
    // A file outside the allowed folders, or not a regular file, is never read (empty path).
    return problem.empty() || problem.starts_with("cannot open") ? path : std::filesystem::path();
}

}  // namespace carecast
