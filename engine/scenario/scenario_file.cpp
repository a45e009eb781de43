#include "scenario/scenario_file.hpp"

#include <fstream>
#include <sstream>

#include <google/protobuf/io/tokenizer.h>

namespace carecast {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

/// Forwards protobuf's parse errors (0-based positions) into Diagnostics (1-based).
class CollectingErrors : public google::protobuf::io::ErrorCollector {
public:
    CollectingErrors(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        diagnostics_.error(file_, line + 1, column + 1, message);
    }
    void AddWarning(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        diagnostics_.error(file_, line + 1, column + 1, "warning treated as error: " + message);
    }

private:
    std::string file_;
    Diagnostics& diagnostics_;
};

std::vector<std::string> split_path(const std::string& dotted) {
    std::vector<std::string> parts;
    std::stringstream stream(dotted);
    for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
    return parts;
}

}  // namespace

std::pair<int, int> ScenarioFile::locate(const std::string& dotted_path) const {
    std::pair<int, int> best{0, 0};
    const TextFormat::ParseInfoTree* tree = locations.get();
    const Descriptor* descriptor = Scenario::descriptor();
    for (const auto& part : split_path(dotted_path)) {
        if (tree == nullptr || descriptor == nullptr) break;
        const FieldDescriptor* field = descriptor->FindFieldByName(part);
        if (field == nullptr) break;
        const auto location = tree->GetLocation(field, field->is_repeated() ? 0 : -1);
        if (location.line < 0) break;
        best = {location.line + 1, location.column + 1};
        if (field->type() != FieldDescriptor::TYPE_MESSAGE) break;
        tree = tree->GetTreeForNested(field, field->is_repeated() ? 0 : -1);
        descriptor = field->message_type();
    }
    return best;
}

void ScenarioFile::error_at(Diagnostics& diagnostics, const std::string& dotted_path,
                            const std::string& message) const {
    const auto [line, column] = locate(dotted_path);
    diagnostics.error(path.string(), line, column, dotted_path + ": " + message);
}

std::filesystem::path ScenarioFile::resolve(const std::string& relative) const {
    const std::filesystem::path p(relative);
    if (p.is_absolute()) return p;
    return path.parent_path() / p;
}

std::unique_ptr<ScenarioFile> parse_scenario_text(const std::string& text, const std::filesystem::path& display_name,
                                                  Diagnostics& diagnostics) {
    auto file = std::make_unique<ScenarioFile>();
    file->path = display_name;
    file->text = text;
    file->locations = std::make_unique<TextFormat::ParseInfoTree>();
    CollectingErrors errors(display_name.string(), diagnostics);
    TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(file->locations.get());
    parser.AllowUnknownField(false);
    if (!parser.ParseFromString(text, &file->scenario)) return nullptr;
    return file;
}

std::unique_ptr<ScenarioFile> parse_scenario_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.error(path.string(), 0, 0, "cannot open scenario file");
        return nullptr;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_scenario_text(buffer.str(), path, diagnostics);
}

}  // namespace carecast
