#include "scenario/scenario_inheritance.hpp"

#include <algorithm>

namespace carecast {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::TextFormat;

bool written(const TextFormat::ParseInfoTree* tree, const FieldDescriptor* field) {
    return tree != nullptr && tree->GetLocation(field, field->is_repeated() ? 0 : -1).line >= 0;
}

bool is_data_file_field(const FieldDescriptor* field) {
    const auto& name = field->name();
    return field->type() == FieldDescriptor::TYPE_STRING && !field->is_repeated() &&
           ((name.size() > 4 && name.compare(name.size() - 4, 4, "_csv") == 0) || name == "data_root");
}

/// Rewrites every relative data-file path in `message` from `from` (the parent's directory) to be
/// relative to `to` (the child's directory), so the merged scenario resolves paths in one place.
void rebase_paths(Message& message, const std::filesystem::path& from, const std::filesystem::path& to) {
    const auto* reflection = message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const auto* field : fields) {
        if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
            if (field->is_repeated()) {
                for (int i = 0; i < reflection->FieldSize(message, field); ++i)
                    rebase_paths(*reflection->MutableRepeatedMessage(&message, field, i), from, to);
            } else {
                rebase_paths(*reflection->MutableMessage(&message, field), from, to);
            }
        } else if (is_data_file_field(field)) {
            const std::filesystem::path value = reflection->GetString(message, field);
            if (value.empty() || value.is_absolute()) continue;
            const auto target = std::filesystem::absolute(from / value).lexically_normal();
            auto relative = target.lexically_relative(std::filesystem::absolute(to).lexically_normal());
            reflection->SetString(&message, field, relative.empty() ? target.string() : relative.string());
        }
    }
}

/// Lays the fields written in `child` (positions in `tree`) over `merged`, by the rules in the header.
void overlay(const Message& child, const TextFormat::ParseInfoTree* tree, Message& merged) {
    const Descriptor* descriptor = child.GetDescriptor();
    const auto* reflection = merged.GetReflection();
    std::vector<const FieldDescriptor*> taken;  // scalars and whole repeated fields, taken as they are
    for (int f = 0; f < descriptor->field_count(); ++f) {
        const FieldDescriptor* field = descriptor->field(f);
        if (!written(tree, field)) continue;
        if (field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated())
            overlay(child.GetReflection()->GetMessage(child, field), tree->GetTreeForNested(field, -1),
                    *reflection->MutableMessage(&merged, field));
        else
            taken.push_back(field);
    }
    if (taken.empty()) return;
    // Swap the child's fields out of a copy of it (reflection has no generic "copy one field").
    std::unique_ptr<Message> copy(child.New());
    copy->CopyFrom(child);
    for (const auto* field : taken) reflection->ClearField(&merged, field);
    reflection->SwapFields(copy.get(), &merged, taken);
}

std::filesystem::path canonical_or_absolute(const std::filesystem::path& p) {
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(p, error);
    return error ? std::filesystem::absolute(p).lexically_normal() : canonical;
}

}  // namespace

bool apply_inheritance(ScenarioFile& file, Diagnostics& diagnostics, std::vector<std::filesystem::path>& chain) {
    const std::string extends = file.scenario.extends();
    const auto parent_path = file.resolve(extends);
    const auto self = canonical_or_absolute(file.path);
    const auto parent_canonical = canonical_or_absolute(parent_path);
    chain.push_back(self);
    const auto report = [&](const std::string& message) {
        file.error_at(diagnostics, "extends", message);
        chain.pop_back();
        return false;
    };
    if (std::find(chain.begin(), chain.end(), parent_canonical) != chain.end()) {
        std::string cycle;
        for (const auto& p : chain) cycle += p.filename().string() + " -> ";
        return report("'" + extends + "' makes a cycle of scenarios: " + cycle + parent_canonical.filename().string());
    }
    if (chain.size() >= max_inheritance_depth)
        return report("more than " + std::to_string(max_inheritance_depth) + " scenarios extend one another");
    if (!std::filesystem::is_regular_file(parent_path))
        return report("cannot open '" + parent_path.string() + "': no such file (paths are relative to this scenario file)");

    const auto errors_before = diagnostics.items().size();
    auto parent = parse_scenario_file_chain(parent_path, diagnostics, chain);
    if (!parent) {
        if (diagnostics.items().size() == errors_before) report("cannot read the parent scenario '" + extends + "'");
        else chain.pop_back();
        return false;
    }
    Scenario merged = parent->scenario;
    const auto directory = [](const std::filesystem::path& p) {
        return p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    };
    rebase_paths(merged, directory(parent_path), directory(file.path));
    overlay(file.scenario, file.locations.get(), merged);
    // A what-if says what it is: name and description come from this file alone.
    merged.set_name(file.scenario.name());
    merged.set_description(file.scenario.description());
    merged.clear_extends();
    file.scenario = std::move(merged);
    file.parent = std::move(parent);
    chain.pop_back();
    return true;
}

}  // namespace carecast
