#include "batch/batch_file.hpp"

#include "core/text.hpp"
#include "io/file_policy.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <google/protobuf/text_format.h>

#include "carecast/batch.pb.h"
#include "scenario/schema_rules.hpp"
#include "scenario/text_format_errors.hpp"

namespace carecast::batch {
namespace {

using google::protobuf::TextFormat;

/// Reports problems at the position of a field of the batch, given as a dotted path ("scenario[1].path").
class Locator {
public:
    Locator(const std::filesystem::path& path, const TextFormat::ParseInfoTree& tree, Diagnostics& diagnostics)
        : path_(path), tree_(tree), diagnostics_(diagnostics) {}

    void at(const std::string& field, const std::string& message) const {
        const auto where = locate_in_tree(tree_, *Batch::descriptor(), path_, field).where;
        diagnostics_.error(where.file.string(), where.line, where.column, field + ": " + message);
    }
    void at_scenario(int index, const std::string& field, const std::string& message) const {
        at("scenario[" + std::to_string(index) + "]." + field, message);
    }

private:
    std::filesystem::path path_;
    const TextFormat::ParseInfoTree& tree_;
    Diagnostics& diagnostics_;
};

std::filesystem::path resolve(const std::filesystem::path& batch, const std::string& relative) {
    const std::filesystem::path p(relative);
    return p.is_absolute() ? p : batch.parent_path() / p;
}

/// The checks that are not one number's range (check_schema_ranges does those), and the resolved batch.
void check_batch(const Batch& batch, const Locator& at, BatchFile& out) {
    if (batch.schema_version() != 1)
        at.at("schema_version",
              "is " + std::to_string(batch.schema_version()) +
                  "; this carecast reads batch schema version 1 (a missing schema_version reads as 0)");
    if (!batch.name().empty() && !is_plain_name(batch.name()))
        at.at("name", "'" + batch.name() + "' may hold only letters, digits, '_' and '-'");
    out.name = batch.name();
    if (!batch.output_directory().empty()) out.output_directory = resolve(out.path, batch.output_directory());
    // Written as 0 (proto3 cannot tell it from absent) it takes the default, like a missing field.
    out.replicates_per_unit = batch.replicates_per_unit() != 0
                                  ? batch.replicates_per_unit()
                                  : schema_default<Batch, std::uint32_t>(Batch::kReplicatesPerUnitFieldNumber);
    out.area_parts_per_unit = batch.area_parts_per_unit();
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
        if (s.has_replicates()) entry.replicates = s.replicates();
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
    check_schema_ranges(batch, tree, path, diagnostics);
    if (!diagnostics.empty()) throw InputError(diagnostics);
    return out;
}

}  // namespace carecast::batch
