#include "scenario/text_format_errors.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <vector>

#include "scenario/suggestions.hpp"

namespace carecast {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

/// The 0-based (line, column) of the last whole-word occurrence of `word` in `text` starting at or
/// before (line, column); unchanged if there is none.
std::pair<int, int> word_before(const std::string& text, const std::string& word, int line, int column) {
    int l = 0;
    std::size_t line_start = 0;
    std::pair<int, int> found{line, column};
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int c = static_cast<int>(i - line_start);
        if (l > line || (l == line && c > column)) break;
        if (text.compare(i, word.size(), word) == 0 && (i == 0 || !is_word_char(text[i - 1])) &&
            (i + word.size() >= text.size() || !is_word_char(text[i + word.size()])))
            found = {l, c};
        if (text[i] == '\n') {
            ++l;
            line_start = i + 1;
        }
    }
    return found;
}

/// Enum types of every field called `field_name` reachable from `root`.
void enums_of_field(const Descriptor* root, const std::string& field_name, std::set<const Descriptor*>& seen,
                    std::vector<const EnumDescriptor*>& out) {
    if (root == nullptr || !seen.insert(root).second) return;
    for (int f = 0; f < root->field_count(); ++f) {
        const auto* field = root->field(f);
        if (field->type() == FieldDescriptor::TYPE_ENUM && field->name() == field_name &&
            std::find(out.begin(), out.end(), field->enum_type()) == out.end())
            out.push_back(field->enum_type());
        if (field->type() == FieldDescriptor::TYPE_MESSAGE)
            enums_of_field(field->message_type(), field_name, seen, out);
    }
}

}  // namespace

void TextFormatErrors::AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) {
    static const std::regex unknown_field(R"re(Message type "([\w.]+)" has no field named "(\w+)")re");
    static const std::regex unknown_enum(R"re(Unknown enumeration value of "(\w+)" for field "(\w+)")re");
    std::smatch m;
    std::string text = message;
    std::string word;
    if (std::regex_search(message, m, unknown_field)) {
        word = m[2];
        const auto* type = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(m[1]);
        if (type != nullptr) {
            std::vector<std::string> names;
            for (int f = 0; f < type->field_count(); ++f) names.push_back(type->field(f)->name());
            text = "no field named \"" + word + "\" in " + type->name() + did_you_mean(word, names) +
                   "; valid fields: " + join_words(names);
        }
    } else if (std::regex_search(message, m, unknown_enum)) {
        word = m[1];
        std::vector<const EnumDescriptor*> enums;
        std::set<const Descriptor*> seen;
        enums_of_field(root_, m[2], seen, enums);
        std::vector<std::string> values;
        for (const auto* e : enums)
            for (int v = 0; v < e->value_count(); ++v)
                if (e->value(v)->number() != 0 || e->value(v)->name().find("UNSPECIFIED") == std::string::npos)
                    values.push_back(e->value(v)->name());
        if (!values.empty())
            text = "unknown value \"" + word + "\" for field \"" + std::string(m[2]) + "\"" +
                   did_you_mean(word, values) + "; valid values: " + join_words(values);
    }
    if (!word.empty() && text_ != nullptr) std::tie(line, column) = word_before(*text_, word, line, column);
    diagnostics_.error(file_, line + 1, column + 1, text);
}

}  // namespace carecast
