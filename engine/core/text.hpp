#pragma once
// Small text formatting shared by error messages and the files carecast writes.
#include <cstdio>
#include <string>

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

}  // namespace carecast
