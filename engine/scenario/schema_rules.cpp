#include "scenario/schema_rules.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace carecast {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::TextFormat;

/// Where a field, given as a dotted path from the root message, was written.
using Locate = std::function<SourceLocation(const std::string& dotted_path)>;

bool is_integer(const FieldDescriptor& field) {
    const auto type = field.cpp_type();
    return type == FieldDescriptor::CPPTYPE_INT32 || type == FieldDescriptor::CPPTYPE_INT64 ||
           type == FieldDescriptor::CPPTYPE_UINT32 || type == FieldDescriptor::CPPTYPE_UINT64;
}

std::string number_text(const FieldDescriptor& field, double value) {
    if (is_integer(field) && std::isfinite(value) && std::abs(value) < 9e18)
        return std::to_string(static_cast<long long>(std::llround(value)));
    std::ostringstream out;
    out << value;
    return out.str();
}

/// The value of a set number field (element `index` of a repeated one), as a double.
double number_value(const Message& message, const FieldDescriptor& field, int index) {
    const Reflection& r = *message.GetReflection();
    const bool repeated = field.is_repeated();
    const auto type = field.cpp_type();
    if (type == FieldDescriptor::CPPTYPE_INT32)
        return repeated ? r.GetRepeatedInt32(message, &field, index) : r.GetInt32(message, &field);
    if (type == FieldDescriptor::CPPTYPE_INT64)
        return static_cast<double>(repeated ? r.GetRepeatedInt64(message, &field, index) : r.GetInt64(message, &field));
    if (type == FieldDescriptor::CPPTYPE_UINT32)
        return repeated ? r.GetRepeatedUInt32(message, &field, index) : r.GetUInt32(message, &field);
    if (type == FieldDescriptor::CPPTYPE_UINT64)
        return static_cast<double>(repeated ? r.GetRepeatedUInt64(message, &field, index)
                                            : r.GetUInt64(message, &field));
    if (type == FieldDescriptor::CPPTYPE_DOUBLE)
        return repeated ? r.GetRepeatedDouble(message, &field, index) : r.GetDouble(message, &field);
    if (type == FieldDescriptor::CPPTYPE_FLOAT)
        return repeated ? r.GetRepeatedFloat(message, &field, index) : r.GetFloat(message, &field);
    throw std::logic_error("number_value: " + field.full_name() + " is not a number");
}

void check_message(const Locate& locate, Diagnostics& diagnostics, const Message& message, const std::string& prefix) {
    const Descriptor& descriptor = *message.GetDescriptor();
    const Reflection& r = *message.GetReflection();
    for (int f = 0; f < descriptor.field_count(); ++f) {
        const FieldDescriptor& field = *descriptor.field(f);
        const std::string path = prefix.empty() ? field.name() : prefix + "." + field.name();
        const auto element = [&](int i) { return path + "[" + std::to_string(i) + "]"; };
        if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
            if (field.is_repeated()) {
                for (int i = 0; i < r.FieldSize(message, &field); ++i)
                    check_message(locate, diagnostics, r.GetRepeatedMessage(message, &field, i), element(i));
            } else if (r.HasField(message, &field)) {
                check_message(locate, diagnostics, r.GetMessage(message, &field), path);
            }
            continue;
        }
        if (!is_schema_number(field)) continue;
        // An element of a list of numbers is reported at the list (text format keeps no position for it).
        const auto check = [&](const std::string& at, double value) {
            if (within_schema_range(field, value)) return;
            const auto where = locate(path);
            diagnostics.error(where.file.string(), where.line, where.column,
                              at + ": " + out_of_schema_range(field, value, schema_unit_noun(field)));
        };
        if (field.is_repeated()) {
            for (int i = 0; i < r.FieldSize(message, &field); ++i) check(element(i), number_value(message, field, i));
        } else if (field.has_presence() ? r.HasField(message, &field) : number_value(message, field, 0) != 0) {
            check(path, number_value(message, field, 0));
        }
    }
}

}  // namespace

bool is_schema_number(const FieldDescriptor& field) {
    return is_integer(field) || field.cpp_type() == FieldDescriptor::CPPTYPE_DOUBLE ||
           field.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT;
}

const FieldDescriptor& schema_field(const Descriptor& message, int number) {
    const FieldDescriptor* field = message.FindFieldByNumber(number);
    if (field == nullptr)
        throw std::logic_error("schema_field: " + message.full_name() + " has no field " + std::to_string(number));
    return *field;
}

const FieldDescriptor* schema_field_at(const Descriptor& root, std::string_view dotted_path) {
    const Descriptor* message = &root;
    const FieldDescriptor* field = nullptr;
    std::size_t start = 0;
    while (start <= dotted_path.size()) {
        const auto end = std::min(dotted_path.find('.', start), dotted_path.size());
        if (message == nullptr) return nullptr;
        field = message->FindFieldByName(std::string(dotted_path.substr(start, end - start)));
        if (field == nullptr) return nullptr;
        message = field->message_type();
        start = end + 1;
    }
    return field;
}

double schema_default_number(const FieldDescriptor& field) {
    return field.options().GetExtension(carecast::default_value);
}

double schema_min(const FieldDescriptor& field) {
    const auto& o = field.options();
    return o.HasExtension(carecast::min) ? o.GetExtension(carecast::min) : -std::numeric_limits<double>::infinity();
}

double schema_max(const FieldDescriptor& field) {
    const auto& o = field.options();
    return o.HasExtension(carecast::max) ? o.GetExtension(carecast::max) : std::numeric_limits<double>::infinity();
}

bool within_schema_range(const FieldDescriptor& field, double value) {
    if (!std::isfinite(value)) return false;
    const bool strict = field.options().GetExtension(carecast::min_exclusive);
    const double lo = schema_min(field);
    return (strict ? value > lo : value >= lo) && value <= schema_max(field);
}

std::string schema_range_text(const FieldDescriptor& field) {
    const bool strict = field.options().GetExtension(carecast::min_exclusive);
    return std::string(strict ? "(" : "[") + number_text(field, schema_min(field)) + ", " +
           number_text(field, schema_max(field)) + "]";
}

std::string schema_unit_noun(const FieldDescriptor& field) {
    const auto unit = field.options().GetExtension(carecast::unit);
    const auto* value = Unit_descriptor()->FindValueByNumber(unit);
    return value == nullptr ? std::string("a value") : value->options().GetExtension(carecast::unit_noun);
}

std::string out_of_schema_range(const FieldDescriptor& field, double value, const std::string& what) {
    return "value " + number_text(field, value) + " is out of range: " + what + " must be in " +
           schema_range_text(field);
}

void check_schema_ranges(const ScenarioFile& file, Diagnostics& diagnostics) {
    check_message([&](const std::string& path) { return file.locate(path); }, diagnostics, file.scenario, "");
}

void check_schema_ranges(const Message& root, const TextFormat::ParseInfoTree& locations,
                         const std::filesystem::path& file, Diagnostics& diagnostics) {
    const auto locate = [&](const std::string& path) {
        return locate_in_tree(locations, *root.GetDescriptor(), file, path).where;
    };
    check_message(locate, diagnostics, root, "");
}

}  // namespace carecast
