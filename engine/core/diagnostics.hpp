#pragma once
// User-facing problems in inputs, collected so that every problem is reported at once.
#include <stdexcept>
#include <string>
#include <vector>

namespace carecast {

/// One problem in an input file, located by 1-based line and column (0 when unknown).
struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
};

/// Formats as `file:line:col: error: message` (or `warning:`), the form compilers use and editors jump to.
std::string format_diagnostic(const Diagnostic& d, const char* severity = "error");

/// Collects problems; validation keeps going after the first so users see them all. Warnings are values
/// that are legal but almost certainly a mistake: they never fail validation (empty() counts errors only)
/// and are kept apart, to be printed by `validate` and `run` and stored in the output.
class Diagnostics {
public:
    void error(std::string file, int line, int column, std::string message);
    void warning(std::string file, int line, int column, std::string message);
    bool empty() const { return items_.empty(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    const std::vector<Diagnostic>& warnings() const { return warnings_; }
    /// All errors, one per line.
    std::string to_string() const;
    /// All warnings, one per line (`file:line:col: warning: message`).
    std::string warnings_to_string() const;
    void append(const Diagnostics& other);

private:
    std::vector<Diagnostic> items_;
    std::vector<Diagnostic> warnings_;
};

/// Thrown when inputs are invalid; carries every diagnostic found.
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostics diagnostics);
    const Diagnostics& diagnostics() const { return diagnostics_; }

private:
    Diagnostics diagnostics_;
};

}  // namespace carecast
