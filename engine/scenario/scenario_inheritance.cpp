#include "scenario/scenario_inheritance.hpp"
#include "io/file_policy.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "scenario/suggestions.hpp"

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

/// Key of a list entry, by which a what-if's entry replaces its parent's: its `name`; for a budget
/// envelope its `line`; for a by-year value its financial year; "" for none (the entry is appended).
std::string entry_key(const Message& entry) {
    const auto* d = entry.GetDescriptor();
    const auto* r = entry.GetReflection();
    if (const auto* f = d->FindFieldByName("name"); f && f->type() == FieldDescriptor::TYPE_STRING && !f->is_repeated())
        if (auto value = r->GetString(entry, f); !value.empty()) return value;
    if (d->name() == "BudgetEnvelope") return r->GetString(entry, d->FindFieldByName("line"));
    if (d->name() == "YearBasisPoints" || d->name() == "YearPounds")
        return std::to_string(r->GetInt32(entry, d->FindFieldByName("financial_year")));
    return "";
}

/// Adds the child's entries of the list `field` to `merged`'s: an entry whose key matches one of the
/// parent's replaces it in place, any other is appended.
void add_entries(const Message& child, const FieldDescriptor* field, Message& merged) {
    const auto* cr = child.GetReflection();
    const auto* r = merged.GetReflection();
    for (int i = 0; i < cr->FieldSize(child, field); ++i) {
        const Message& entry = cr->GetRepeatedMessage(child, field, i);
        const auto key = entry_key(entry);
        int match = -1;
        for (int j = 0; !key.empty() && j < r->FieldSize(merged, field) && match < 0; ++j)
            if (entry_key(r->GetRepeatedMessage(merged, field, j)) == key) match = j;
        if (match >= 0)
            r->MutableRepeatedMessage(&merged, field, match)->CopyFrom(entry);
        else
            r->AddMessage(&merged, field)->CopyFrom(entry);
    }
}

/// Lays the fields written in `child` (positions in `tree`) over `merged`, by the rules in the header.
/// `path` is the dotted path of `child`; lists named in `replaced` are left to apply_list_edits.
void overlay(const Message& child, const TextFormat::ParseInfoTree* tree, Message& merged, const std::string& path,
             const std::set<std::string>& replaced) {
    const Descriptor* descriptor = child.GetDescriptor();
    const auto* reflection = merged.GetReflection();
    std::vector<const FieldDescriptor*> taken;  // scalars and lists of numbers, taken as they are
    for (int f = 0; f < descriptor->field_count(); ++f) {
        const FieldDescriptor* field = descriptor->field(f);
        if (!written(tree, field)) continue;
        const auto field_path = path.empty() ? field->name() : path + "." + field->name();
        if (field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated())
            overlay(child.GetReflection()->GetMessage(child, field), tree->GetTreeForNested(field, -1),
                    *reflection->MutableMessage(&merged, field), field_path, replaced);
        else if (field->type() == FieldDescriptor::TYPE_MESSAGE && !replaced.count(field_path))
            add_entries(child, field, merged);
        else if (!replaced.count(field_path))
            taken.push_back(field);
    }
    if (taken.empty()) return;
    // Swap the child's fields out of a copy of it (reflection has no generic "copy one field").
    std::unique_ptr<Message> copy(child.New());
    copy->CopyFrom(child);
    for (const auto* field : taken) reflection->ClearField(&merged, field);
    reflection->SwapFields(copy.get(), &merged, taken);
}

/// The message holding the list of entries at dotted `path` (from the root `message`) and the list's
/// field. {nullptr, field} when the path is a list but a message on the way is absent (the list is empty;
/// nothing is created); {nullptr, nullptr} when the path is not a list of entries of the schema.
std::pair<Message*, const FieldDescriptor*> find_list(Message& message, const std::string& path) {
    Message* at = &message;
    std::size_t begin = 0;
    while (true) {
        const auto dot = path.find('.', begin);
        const auto name = path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
        const auto* field = at == nullptr ? nullptr : at->GetDescriptor()->FindFieldByName(name);
        if (field == nullptr || field->type() != FieldDescriptor::TYPE_MESSAGE) return {nullptr, nullptr};
        if (dot == std::string::npos)
            return field->is_repeated() ? std::make_pair(at, field) : std::make_pair(nullptr, nullptr);
        if (field->is_repeated()) return {nullptr, nullptr};
        // Walk the descriptor on through absent messages, so a valid path is known as one.
        if (!at->GetReflection()->HasField(*at, field)) {
            const auto* d = field->message_type();
            std::size_t next = dot + 1;
            while (true) {
                const auto dot2 = path.find('.', next);
                const auto* f =
                    d->FindFieldByName(path.substr(next, dot2 == std::string::npos ? std::string::npos : dot2 - next));
                if (f == nullptr || f->type() != FieldDescriptor::TYPE_MESSAGE) return {nullptr, nullptr};
                if (dot2 == std::string::npos) return {nullptr, f->is_repeated() ? f : nullptr};
                if (f->is_repeated()) return {nullptr, nullptr};
                d = f->message_type();
                next = dot2 + 1;
            }
        }
        at = at->GetReflection()->MutableMessage(at, field);
        begin = dot + 1;
    }
}

/// Every list path of the schema (for "did you mean"), as "money.saving".
void list_paths(const Descriptor* d, const std::string& prefix, std::vector<std::string>& out, int depth = 0) {
    if (depth > 6) return;
    for (int f = 0; f < d->field_count(); ++f) {
        const auto* field = d->field(f);
        const auto path = prefix.empty() ? field->name() : prefix + "." + field->name();
        if (field->is_repeated() && field->type() == FieldDescriptor::TYPE_MESSAGE)
            out.push_back(path);
        else if (field->type() == FieldDescriptor::TYPE_MESSAGE && !field->is_repeated())
            list_paths(field->message_type(), path, out, depth + 1);
    }
}

std::string not_a_list(const std::string& path) {
    std::vector<std::string> paths;
    list_paths(Scenario::descriptor(), "", paths);
    return "'" + path + "' is not a list of the scenario" + did_you_mean(path, paths) + "; lists: " + join_words(paths);
}

/// Applies `list_edits` of the child: replaces the named lists by the child's entries, then removes the
/// named entries; problems go to `diagnostics` at the edit.
void apply_list_edits(const ScenarioFile& file, Diagnostics& diagnostics, Scenario& merged) {
    const auto& edits = file.scenario.list_edits();
    for (int i = 0; i < edits.replace_size(); ++i) {
        const auto& path = edits.replace(i);
        const auto [target, field] = find_list(merged, path);
        if (field == nullptr) {
            file.error_at(diagnostics, "list_edits.replace[" + std::to_string(i) + "]", not_a_list(path));
            continue;
        }
        Scenario child = file.scenario;
        const auto [source, source_field] = find_list(child, path);
        if (target != nullptr) target->GetReflection()->ClearField(target, field);
        if (source == nullptr || source->GetReflection()->FieldSize(*source, source_field) == 0) continue;
        auto [writable, writable_field] = find_list(merged, path);
        if (writable == nullptr) continue;  // the child wrote entries, so overlay made the messages
        for (int k = 0; k < source->GetReflection()->FieldSize(*source, source_field); ++k)
            writable->GetReflection()
                ->AddMessage(writable, writable_field)
                ->CopyFrom(source->GetReflection()->GetRepeatedMessage(*source, source_field, k));
    }
    for (int i = 0; i < edits.remove_size(); ++i) {
        const auto& edit = edits.remove(i);
        const auto at = "list_edits.remove[" + std::to_string(i) + "]";
        const auto colon = edit.rfind(':');
        if (colon == std::string::npos) {
            file.error_at(diagnostics, at, "'" + edit + "' must be LIST:KEY, e.g. \"money.saving:saving_2022\"");
            continue;
        }
        const auto path = edit.substr(0, colon);
        const auto key = edit.substr(colon + 1);
        const auto [target, field] = find_list(merged, path);
        if (field == nullptr) {
            file.error_at(diagnostics, at, not_a_list(path));
            continue;
        }
        if (target == nullptr) {
            file.error_at(diagnostics, at, "the parent has no " + path + " entries to remove");
            continue;
        }
        const auto* r = target->GetReflection();
        std::vector<std::string> keys;
        int match = -1;
        for (int j = 0; j < r->FieldSize(*target, field); ++j) {
            keys.push_back(entry_key(r->GetRepeatedMessage(*target, field, j)));
            if (keys.back() == key && match < 0) match = j;
        }
        if (match < 0) {
            std::vector<std::string> named;
            for (const auto& k : keys)
                if (!k.empty()) named.push_back(k);
            file.error_at(diagnostics, at,
                          "the parent's " + path + " has no entry '" + key + "'" + did_you_mean(key, named) +
                              (named.empty() ? std::string(" (its entries have no names)")
                                             : "; its entries: " + join_words(named)));
            continue;
        }
        for (int j = match; j + 1 < r->FieldSize(*target, field); ++j) r->SwapElements(target, field, j, j + 1);
        r->RemoveLast(target, field);
    }
}

std::filesystem::path canonical_or_absolute(const std::filesystem::path& p) {
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(p, error);
    return error ? std::filesystem::absolute(p).lexically_normal() : canonical;
}

/// The folder of a scenario file, "." for a bare file name.
std::filesystem::path directory_of(const std::filesystem::path& file) {
    return file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
}

/// One-line text of a message (text format, single line).
std::string one_line(const Message& m) {
    TextFormat::Printer printer;
    printer.SetSingleLineMode(true);
    std::string out;
    printer.PrintToString(m, &out);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return "{ " + out + " }";
}

std::string field_value(const Message& m, const FieldDescriptor* field, int index = -1) {
    std::string out;
    TextFormat::PrintFieldValueToString(m, field, index, &out);
    return out;
}

void diff(const Message& parent, const Message& merged, const std::string& prefix, std::vector<std::string>& out) {
    const auto* d = merged.GetDescriptor();
    const auto* pr = parent.GetReflection();
    const auto* mr = merged.GetReflection();
    for (int f = 0; f < d->field_count(); ++f) {
        const auto* field = d->field(f);
        const auto path = prefix.empty() ? field->name() : prefix + "." + field->name();
        if (prefix.empty() && (field->name() == "name" || field->name() == "description" ||
                               field->name() == "extends" || field->name() == "list_edits"))
            continue;
        if (field->is_repeated() && field->type() == FieldDescriptor::TYPE_MESSAGE) {
            const int np = pr->FieldSize(parent, field);
            const int nm = mr->FieldSize(merged, field);
            std::vector<bool> matched(static_cast<std::size_t>(np), false);
            for (int j = 0; j < nm; ++j) {
                const auto& entry = mr->GetRepeatedMessage(merged, field, j);
                const auto key = entry_key(entry);
                int found = -1;
                for (int i = 0; i < np && found < 0; ++i) {
                    if (matched[static_cast<std::size_t>(i)]) continue;
                    const auto& old = pr->GetRepeatedMessage(parent, field, i);
                    if (key.empty() ? google::protobuf::util::MessageDifferencer::Equals(old, entry)
                                    : entry_key(old) == key)
                        found = i;
                }
                if (found < 0) {
                    out.push_back(path + ": added " + (key.empty() ? "" : "'" + key + "' ") + one_line(entry));
                    continue;
                }
                matched[static_cast<std::size_t>(found)] = true;
                diff(pr->GetRepeatedMessage(parent, field, found), entry, path + "[" + key + "]", out);
            }
            for (int i = 0; i < np; ++i)
                if (!matched[static_cast<std::size_t>(i)]) {
                    const auto& old = pr->GetRepeatedMessage(parent, field, i);
                    const auto key = entry_key(old);
                    out.push_back(path + ": removed " + (key.empty() ? "" : "'" + key + "' ") + one_line(old));
                }
        } else if (field->is_repeated()) {
            std::string a, b;
            for (int i = 0; i < pr->FieldSize(parent, field); ++i) a += (i ? ", " : "") + field_value(parent, field, i);
            for (int i = 0; i < mr->FieldSize(merged, field); ++i) b += (i ? ", " : "") + field_value(merged, field, i);
            if (a != b) out.push_back(path + ": [" + a + "] -> [" + b + "]");
        } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
            if (!pr->HasField(parent, field) && !mr->HasField(merged, field)) continue;
            if (!pr->HasField(parent, field)) {
                out.push_back(path + ": added " + one_line(mr->GetMessage(merged, field)));
                continue;
            }
            if (!mr->HasField(merged, field)) {
                out.push_back(path + ": removed");
                continue;
            }
            diff(pr->GetMessage(parent, field), mr->GetMessage(merged, field), path, out);
        } else {
            const bool had = !field->has_presence() || pr->HasField(parent, field);
            const bool has = !field->has_presence() || mr->HasField(merged, field);
            const auto a = had ? field_value(parent, field) : std::string("(default)");
            const auto b = has ? field_value(merged, field) : std::string("(default)");
            if (a != b) out.push_back(path + ": " + a + " -> " + b);
        }
    }
}

}  // namespace

std::vector<std::string> describe_changes(const Message& parent, const std::filesystem::path& parent_path,
                                          const Message& merged, const std::filesystem::path& path) {
    std::unique_ptr<Message> rebased(parent.New());
    rebased->CopyFrom(parent);
    rebase_paths(*rebased, directory_of(parent_path), directory_of(path));
    std::vector<std::string> out;
    diff(*rebased, merged, "", out);
    return out;
}

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
    if (!is_regular_file_nothrow(parent_path))
        return report("cannot open '" + parent_path.string() +
                      "': no such file (paths are relative to this scenario file)");

    const auto errors_before = diagnostics.items().size();
    auto parent = parse_scenario_file_chain(parent_path, diagnostics, chain);
    if (!parent) {
        if (diagnostics.items().size() == errors_before)
            report("cannot read the parent scenario '" + extends + "'");
        else
            chain.pop_back();
        return false;
    }
    Scenario merged = parent->scenario;
    rebase_paths(merged, directory_of(parent_path), directory_of(file.path));
    std::set<std::string> replaced(file.scenario.list_edits().replace().begin(),
                                   file.scenario.list_edits().replace().end());
    overlay(file.scenario, file.locations.get(), merged, "", replaced);
    apply_list_edits(file, diagnostics, merged);
    // A what-if says what it is: name and description come from this file alone.
    merged.set_name(file.scenario.name());
    merged.set_description(file.scenario.description());
    merged.clear_extends();
    merged.clear_list_edits();
    file.scenario = std::move(merged);
    file.parent = std::move(parent);
    chain.pop_back();
    return true;
}

}  // namespace carecast
