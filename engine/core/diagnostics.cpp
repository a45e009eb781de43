#include "core/diagnostics.hpp"

namespace carecast {

std::string format_diagnostic(const Diagnostic& d, const char* severity) {
    std::string out = d.file;
    if (d.line > 0) {
        out.append(":").append(std::to_string(d.line));
        if (d.column > 0) out.append(":").append(std::to_string(d.column));
    }
    return out.append(": ").append(severity).append(": ").append(d.message);
}

void Diagnostics::error(std::string file, int line, int column, std::string message) {
    items_.push_back({std::move(file), line, column, std::move(message)});
}

void Diagnostics::warning(std::string file, int line, int column, std::string message) {
    warnings_.push_back({std::move(file), line, column, std::move(message)});
}

std::string Diagnostics::warnings_to_string() const {
    std::string out;
    for (const auto& d : warnings_) out += format_diagnostic(d, "warning") + "\n";
    return out;
}

std::string Diagnostics::to_string() const {
    std::string out;
    for (const auto& d : items_) out += format_diagnostic(d) + "\n";
    return out;
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
    warnings_.insert(warnings_.end(), other.warnings_.begin(), other.warnings_.end());
}

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(diagnostics.to_string()), diagnostics_(std::move(diagnostics)) {}

}  // namespace carecast
