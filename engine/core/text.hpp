#pragma once
// Small text formatting shared by error messages and the files carecast writes.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace carecast {

/// A name as error messages show it: 'name' (not `quoted`, which std::quoted would win by ADL).
inline std::string in_quotes(const std::string& name) {
    return "'" + name + "'";
}

/// A number with a fixed count of decimals ("%.*f"), as written into CSV and text files.
inline std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// A name carecast uses in file names and outputs (scenario, batch, intervention and cost names): not
/// empty, only ASCII letters, digits, '_' and '-'.
inline bool is_plain_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return (c < 128 && std::isalnum(c) != 0) || c == '_' || c == '-';
    });
}

/// The texts with `separator` between them.
inline std::string joined(const std::vector<std::string>& texts, const std::string& separator) {
    std::string text;
    for (const std::string& t : texts) text += (text.empty() ? "" : separator) + t;
    return text;
}

}  // namespace carecast
