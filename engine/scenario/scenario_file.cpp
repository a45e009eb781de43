#include "scenario/scenario_file.hpp"

#include "io/file_policy.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "scenario/scenario_inheritance.hpp"
#include "scenario/text_format_errors.hpp"

namespace carecast {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

std::vector<std::string> split_path(const std::string& dotted) {
    std::vector<std::string> parts;
    std::stringstream stream(dotted);
    for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
    return parts;
}

}  // namespace

TreeLocation locate_in_tree(const TextFormat::ParseInfoTree& tree, const Descriptor& root,
                            const std::filesystem::path& file, const std::string& dotted_path) {
    TreeLocation best{{file, 0, 0}, 0};
    const TextFormat::ParseInfoTree* node = &tree;
    const Descriptor* descriptor = &root;
    for (const auto& part : split_path(dotted_path)) {
        if (node == nullptr || descriptor == nullptr) break;
        // "interventions[2]" is the third element of a repeated field; a bare repeated name, the first.
        const auto bracket = part.find('[');
        const FieldDescriptor* field = descriptor->FindFieldByName(part.substr(0, bracket));
        if (field == nullptr) break;
        const int index = !field->is_repeated()          ? -1
                          : bracket == std::string::npos ? 0
                                                         : std::atoi(part.c_str() + bracket + 1);
        const auto location = node->GetLocation(field, index);
        if (location.line < 0) break;
        best = {{file, location.line + 1, location.column + 1}, best.depth + 1};
        if (field->type() != FieldDescriptor::TYPE_MESSAGE) break;
        node = node->GetTreeForNested(field, index);
        descriptor = field->message_type();
    }
    return best;
}

SourceLocation ScenarioFile::locate(const std::string& dotted_path) const {
    const auto parts = split_path(dotted_path);
    TreeLocation best{{path, 0, 0}, 0};
    // The most derived file that wrote the whole path set its value; otherwise the deepest partial match.
    // Name and description are never inherited (scenario_inheritance.hpp): only this file can hold them.
    const bool own_only = !parts.empty() && (parts[0] == "name" || parts[0] == "description");
    for (const ScenarioFile* file = this; file != nullptr; file = own_only ? nullptr : file->parent.get()) {
        if (file->locations == nullptr) continue;
        auto found = locate_in_tree(*file->locations, *Scenario::descriptor(), file->path, dotted_path);
        if (found.depth == parts.size()) return found.where;
        if (found.depth > best.depth) best = std::move(found);
    }
    return best.where;
}

void ScenarioFile::error_at(Diagnostics& diagnostics, const std::string& dotted_path,
                            const std::string& message) const {
    const auto where = locate(dotted_path);
    diagnostics.error(where.file.string(), where.line, where.column, dotted_path + ": " + message);
}

void ScenarioFile::warning_at(Diagnostics& diagnostics, const std::string& dotted_path,
                              const std::string& message) const {
    const auto where = locate(dotted_path);
    diagnostics.warning(where.file.string(), where.line, where.column, dotted_path + ": " + message);
}

std::filesystem::path ScenarioFile::resolve(const std::string& relative) const {
    const std::filesystem::path p(relative);
    if (p.is_absolute()) return p;
    return path.parent_path() / p;
}

std::unique_ptr<ScenarioFile> parse_scenario_text(const std::string& text, const std::filesystem::path& display_name,
                                                  Diagnostics& diagnostics) {
    std::vector<std::filesystem::path> chain;
    return parse_scenario_chain(text, display_name, diagnostics, chain);
}

std::unique_ptr<ScenarioFile> parse_scenario_chain(const std::string& text, const std::filesystem::path& display_name,
                                                   Diagnostics& diagnostics,
                                                   std::vector<std::filesystem::path>& chain) {
    auto file = std::make_unique<ScenarioFile>();
    file->path = display_name;
    file->text = text;
    file->locations = std::make_unique<TextFormat::ParseInfoTree>();
    TextFormatErrors errors(display_name.string(), diagnostics, &file->text, Scenario::descriptor());
    TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(file->locations.get());
    parser.AllowUnknownField(false);
    if (!parser.ParseFromString(text, &file->scenario)) return nullptr;
    if (!file->scenario.extends().empty() && !apply_inheritance(*file, diagnostics, chain)) return nullptr;
    return file;
}

std::unique_ptr<ScenarioFile> parse_scenario_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    std::vector<std::filesystem::path> chain;
    return parse_scenario_file_chain(path, diagnostics, chain);
}

std::unique_ptr<ScenarioFile> parse_scenario_file_chain(const std::filesystem::path& path, Diagnostics& diagnostics,
                                                        std::vector<std::filesystem::path>& chain) {
    std::string problem;
    const auto text = read_regular_file(path, kMaxScenarioBytes, problem);
    if (!text) {
        diagnostics.error(path.string(), 0, 0,
                          problem.starts_with("cannot open") ? "cannot open scenario file" : problem);
        return nullptr;
    }
    return parse_scenario_chain(*text, path, diagnostics, chain);
}

}  // namespace carecast
