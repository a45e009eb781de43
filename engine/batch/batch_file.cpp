#include "batch/batch_file.hpp"

#include "io/file_policy.hpp"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <google/protobuf/text_format.h>

#include "batch/replicate_range.hpp"
#include "carecast/batch.pb.h"
#include "scenario/text_format_errors.hpp"

namespace carecast::batch {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

/// Reports problems at the position of a field of the batch (or of its scenario number `index`).
class Locator {
public:
    Locator(const std::filesystem::path& path, const TextFormat::ParseInfoTree& tree, Diagnostics& diagnostics)
        : file_(path.string()), tree_(tree), diagnostics_(diagnostics) {}

    void at(const std::string& field, const std::string& message) const {
        const FieldDescriptor* descriptor = Batch::descriptor()->FindFieldByName(field);
        const auto location = tree_.GetLocation(descriptor, descriptor->is_repeated() ? 0 : -1);
        report(location, field, message);
    }
    void at_scenario(int index, const std::string& field, const std::string& message) const {
        const FieldDescriptor* list = Batch::descriptor()->FindFieldByName("scenario");
        const std::string name = "scenario[" + std::to_string(index) + "]" + (field.empty() ? "" : "." + field);
        auto location = tree_.GetLocation(list, index);
        if (const auto* nested = tree_.GetTreeForNested(list, index); nested != nullptr && !field.empty()) {
            const FieldDescriptor* descriptor = BatchScenario::descriptor()->FindFieldByName(field);
            if (const auto inner = nested->GetLocation(descriptor, -1); inner.line >= 0) location = inner;
        }
        report(location, name, message);
    }

private:
    void report(const TextFormat::ParseLocation& location, const std::string& field, const std::string& message) const {
        const int line = location.line >= 0 ? location.line + 1 : 0;
        const int column = location.line >= 0 ? location.column + 1 : 0;
        diagnostics_.error(file_, line, column, field + ": " + message);
    }
    std::string file_;
    const TextFormat::ParseInfoTree& tree_;
    Diagnostics& diagnostics_;
};

std::filesystem::path resolve(const std::filesystem::path& batch, const std::string& relative) {
    const std::filesystem::path p(relative);
    return p.is_absolute() ? p : batch.parent_path() / p;
}

void check_batch(const Batch& batch, const Locator& at, BatchFile& out) {
    if (batch.schema_version() != 1)
        at.at("schema_version",
              "is " + std::to_string(batch.schema_version()) +
                  "; this carecast reads batch schema version 1 (a missing schema_version reads as 0)");
    static const std::regex name_pattern("[A-Za-z0-9_-]+");
    if (!batch.name().empty() && !std::regex_match(batch.name(), name_pattern))
        at.at("name", "'" + batch.name() + "' may hold only letters, digits, '_' and '-'");
    out.name = batch.name();
    if (!batch.output_directory().empty()) out.output_directory = resolve(out.path, batch.output_directory());
    if (batch.replicates_per_unit() != 0) {
        if (batch.replicates_per_unit() > max_replicate_count)
            at.at("replicates_per_unit", "is " + std::to_string(batch.replicates_per_unit()) + "; allowed 1.." +
                                             std::to_string(max_replicate_count));
        out.replicates_per_unit = batch.replicates_per_unit();
    }
    if (batch.scenario_size() == 0) at.at("scenario", "a batch needs at least one `scenario { path: \"...\" }`");
    std::set<std::string> outputs;
    for (int i = 0; i < batch.scenario_size(); ++i) {
        const BatchScenario& s = batch.scenario(i);
        BatchEntry entry;
        if (s.path().empty()) {
            at.at_scenario(i, "path", "is required (the scenario file, relative to the batch file)");
        } else {
            entry.scenario = resolve(out.path, s.path());
            if (const auto problem = regular_file_problem(entry.scenario, kMaxScenarioBytes); !problem.empty())
                at.at_scenario(i, "path", "scenario file: " + problem);
        }
        entry.output = s.output().empty() ? std::filesystem::path(s.path()).stem().string() + ".nc" : s.output();
        if (entry.output.find('/') != std::string::npos || !entry.output.ends_with(".nc") || entry.output == ".nc" ||
            entry.output.starts_with("."))
            at.at_scenario(i, "output", "'" + entry.output + "' must be a plain file name ending .nc (no directories)");
        else if (!outputs.insert(entry.output).second)
            at.at_scenario(
                i, s.output().empty() ? "path" : "output",
                "output file '" + entry.output + "' is used by an earlier scenario; give each its own `output`");
        if (s.has_replicates()) {
            if (s.replicates() < 1 || s.replicates() > max_replicate_count)
                at.at_scenario(
                    i, "replicates",
                    "is " + std::to_string(s.replicates()) + "; allowed 1.." + std::to_string(max_replicate_count));
            entry.replicates = s.replicates();
        }
        if (s.has_seed()) entry.seed = s.seed();
        out.scenarios.push_back(std::move(entry));
    }
}

}  // namespace

BatchFile read_batch_file(const std::filesystem::path& path) {
    Diagnostics diagnostics;
    BatchFile out;
    out.path = path;
    std::string problem;
    auto text = read_regular_file(path, kMaxScenarioBytes, problem);
    if (!text) {
        diagnostics.error(path.string(), 0, 0, problem.starts_with("cannot open") ? "cannot open batch file" : problem);
        throw InputError(diagnostics);
    }
    out.text = std::move(*text);
    Batch batch;
    TextFormat::ParseInfoTree tree;
    TextFormatErrors errors(path.string(), diagnostics, &out.text, Batch::descriptor());
    TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.WriteLocationsTo(&tree);
    parser.AllowUnknownField(false);
    if (!parser.ParseFromString(out.text, &batch)) throw InputError(diagnostics);
    check_batch(batch, Locator(path, tree, diagnostics), out);
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return out;
}

}  // namespace carecast::batch
