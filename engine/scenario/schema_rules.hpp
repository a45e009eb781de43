#pragma once
// The schema's rules for parameters, read from the field options of proto/carecast/options.proto: the
// one place a parameter's unit, range and default is written. The engine takes every default from here
// (schema_default) and checks every range with one generic validator (check_schema_ranges), for scenario
// files and batch files alike; only checks that relate two fields are written by hand.
#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include "carecast/options.pb.h"

#include "scenario/scenario_file.hpp"

namespace carecast {

/// True if the field holds numbers (integer or floating point), the fields a range applies to.
bool is_schema_number(const google::protobuf::FieldDescriptor& field);

/// The field `number` of `message`; throws std::logic_error if there is none (a programmer error).
const google::protobuf::FieldDescriptor& schema_field(const google::protobuf::Descriptor& message, int number);

/// The field at a dotted path from `root` ("home_care.home_care_hours_per_week"), or null.
const google::protobuf::FieldDescriptor* schema_field_at(const google::protobuf::Descriptor& root,
                                                         std::string_view dotted_path);

/// The default of a number field (option default_value; 0 without it).
double schema_default_number(const google::protobuf::FieldDescriptor& field);

/// The default of field `number` of `Message`, as T.
template <typename Message, typename T = double>
T schema_default(int number) {
    return static_cast<T>(schema_default_number(schema_field(*Message::descriptor(), number)));
}

/// The default of a repeated number field of three elements (option default_values).
template <typename Message>
std::array<double, 3> schema_default_triple(int number) {
    const auto& field = schema_field(*Message::descriptor(), number);
    std::array<double, 3> out{};
    const auto& options = field.options();
    for (int i = 0; i < 3 && i < options.ExtensionSize(carecast::default_values); ++i)
        out[static_cast<std::size_t>(i)] = options.GetExtension(carecast::default_values, i);
    return out;
}

/// The default of a string field (option default_text).
template <typename Message>
std::string schema_default_text(int number) {
    return schema_field(*Message::descriptor(), number).options().GetExtension(carecast::default_text);
}

/// True if `value` is within the field's schema range (a field without a range takes any value).
bool within_schema_range(const google::protobuf::FieldDescriptor& field, double value);

/// The allowed range as text, "[0, 1]" or "(0, 1e+12]", integers in full for integer fields.
std::string schema_range_text(const google::protobuf::FieldDescriptor& field);

/// The smallest and largest values the schema allows (numeric limits of the type where unbounded).
double schema_min(const google::protobuf::FieldDescriptor& field);
double schema_max(const google::protobuf::FieldDescriptor& field);

/// The unit as a noun phrase for messages ("a probability").
std::string schema_unit_noun(const google::protobuf::FieldDescriptor& field);

/// "value X is out of range: WHAT must be in [lo, hi]", with the field's own range.
std::string out_of_schema_range(const google::protobuf::FieldDescriptor& field, double value, const std::string& what);

/// Checks every number written in the resolved scenario (nested messages and the elements of repeated
/// fields included) against its field's range, reporting each at the place it was written.
void check_schema_ranges(const ScenarioFile& file, Diagnostics& diagnostics);

/// The same check for a message parsed from one text file (a batch file), reporting each number at the
/// position `locations` (the parser's ParseInfoTree of `root`) gives it in `file`.
void check_schema_ranges(const google::protobuf::Message& root,
                         const google::protobuf::TextFormat::ParseInfoTree& locations,
                         const std::filesystem::path& file, Diagnostics& diagnostics);

}  // namespace carecast
