#pragma once
// Reading a scenario text file: protobuf text format parsed strictly (unknown fields rejected), with
// every syntax error reported as file:line:col, and a locator that maps any parsed field back to its
// position so semantic checks can point at the offending line too. A scenario may `extend` another:
// the parent is read first and this file's fields are laid over it (scenario_inheritance.cpp).
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include <google/protobuf/text_format.h>

#include "carecast/scenario.pb.h"
#include "core/diagnostics.hpp"

namespace carecast {

/// Where a field was written: file, line and column (1-based; 0 if unknown).
struct SourceLocation {
    std::filesystem::path file;
    int line = 0;
    int column = 0;
};

/// Where a field was found in one file's parse tree: the position of the deepest component of its path
/// written there ({file, 0, 0} if none) and how many components that is (all of them if the field was).
struct TreeLocation {
    SourceLocation where;
    std::size_t depth = 0;
};

/// Looks up a field, given as a dotted path such as "scenario[2].replicates" ("[i]" is element i of a
/// repeated field, a bare repeated name its first), in `tree`, the positions of a message of type `root`
/// parsed from `file`.
TreeLocation locate_in_tree(const google::protobuf::TextFormat::ParseInfoTree& tree,
                            const google::protobuf::Descriptor& root, const std::filesystem::path& file,
                            const std::string& dotted_path);

/// A parsed scenario with its source text and field positions. With `extends`, `scenario` holds the
/// resolved (merged) scenario, with data-file paths rebased to this file's directory.
struct ScenarioFile {
    std::filesystem::path path;  // as given by the user
    std::string text;            // verbatim, stored in outputs
    Scenario scenario;
    std::unique_ptr<google::protobuf::TextFormat::ParseInfoTree> locations;  // of `text`
    std::unique_ptr<ScenarioFile> parent;  // the resolved scenario this one extends, or null

    /// Where a field, given as a dotted path from the root such as "demography.mortality.local_factor_male",
    /// was written: in this file or, if not here, in the nearest ancestor that wrote it. If no file
    /// wrote it, the nearest written ancestor field (preferring this file), or {path, 0, 0}.
    SourceLocation locate(const std::string& dotted_path) const;
    /// Reports an error at the field `dotted_path`.
    void error_at(Diagnostics& diagnostics, const std::string& dotted_path, const std::string& message) const;
    /// Reports a warning (legal, but almost certainly a mistake) at the field `dotted_path`.
    void warning_at(Diagnostics& diagnostics, const std::string& dotted_path, const std::string& message) const;
    /// Resolves a data-file path relative to the scenario file's directory.
    std::filesystem::path resolve(const std::string& relative) const;
};

/// Parses `path`. Syntax errors and unknown fields are added to `diagnostics` (parsing stops at the
/// first syntax error, as protobuf's parser does); returns nullptr if the file could not be parsed.
std::unique_ptr<ScenarioFile> parse_scenario_file(const std::filesystem::path& path, Diagnostics& diagnostics);

/// Parses scenario text held in memory (tests, stored scenarios); `display_name` is used in messages.
std::unique_ptr<ScenarioFile> parse_scenario_text(const std::string& text, const std::filesystem::path& display_name,
                                                  Diagnostics& diagnostics);

}  // namespace carecast
