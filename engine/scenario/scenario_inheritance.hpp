#pragma once
// Scenario inheritance (`extends`): a what-if names its parent and writes only what it changes. The
// merge rules, documented in docs/scenarios.md and tested in tests/unit/scenario/test_inheritance.cpp:
//   - a scalar written in the child replaces the parent's value (even when written as 0 or "");
//   - a nested message written in the child is merged field by field, by these same rules;
//   - a list of entries (a repeated message: interventions, savings, capacity changes, envelopes,
//     by-year values) written in the child is added to: an entry whose key (name; for an envelope its
//     line; for a by-year value its financial year) matches a parent's entry replaces it, any other is
//     appended; `list_edits.remove` removes parent entries by key and `list_edits.replace` replaces a
//     whole list (explicitly); a list of numbers replaces as a whole;
//   - a table is a data-file path, so a table named in the child replaces the parent's table as a whole;
//     paths are relative to the file that names them, and are rebased to the child's directory;
//   - `name` and `description` are never inherited: a what-if says what it is;
//   - chains are followed to at most 16 files; a cycle or a missing parent is an error at `extends`.
#include <filesystem>
#include <memory>
#include <vector>

#include "scenario/scenario_file.hpp"

namespace carecast {

inline constexpr std::size_t max_inheritance_depth = 16;

/// Internal entry points of scenario_file.cpp that carry the chain of files being read (for cycles).
std::unique_ptr<ScenarioFile> parse_scenario_chain(const std::string& text, const std::filesystem::path& display_name,
                                                   Diagnostics& diagnostics, std::vector<std::filesystem::path>& chain);
std::unique_ptr<ScenarioFile> parse_scenario_file_chain(const std::filesystem::path& path, Diagnostics& diagnostics,
                                                        std::vector<std::filesystem::path>& chain);

/// Every field that differs between `parent` and `merged` (both resolved scenarios), one line each:
/// "money.home_care.uplift_bp: 300 -> 500", "money.saving: added {...}", "interventions: removed 'x'".
/// name, description, extends and list_edits are left out. Paths in `parent` are relative to the file
/// `parent_path`, those in `merged` to `path`: the parent's are rebased first, so that a what-if in
/// another folder lists no data path that names the same file.
std::vector<std::string> describe_changes(const google::protobuf::Message& parent,
                                          const std::filesystem::path& parent_path,
                                          const google::protobuf::Message& merged, const std::filesystem::path& path);

/// Reads the parent named by `file.scenario.extends()` and lays the fields written in `file` over it;
/// `file.scenario` becomes the merged scenario and `file.parent` the parent. Problems go to
/// `diagnostics`; returns false if the parent could not be read.
bool apply_inheritance(ScenarioFile& file, Diagnostics& diagnostics, std::vector<std::filesystem::path>& chain);

}  // namespace carecast
