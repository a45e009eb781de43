#pragma once
// Protobuf text-format parse errors into Diagnostics, shared by every text file carecast reads
// (scenarios, batch files).
#include <string>

#include <google/protobuf/io/tokenizer.h>

#include "core/diagnostics.hpp"

namespace carecast {

/// Forwards protobuf's parse errors (0-based positions) into Diagnostics (1-based); warnings are errors.
class TextFormatErrors : public google::protobuf::io::ErrorCollector {
public:
    TextFormatErrors(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        diagnostics_.error(file_, line + 1, column + 1, message);
    }
    void AddWarning(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        diagnostics_.error(file_, line + 1, column + 1, "warning treated as error: " + message);
    }

private:
    std::string file_;
    Diagnostics& diagnostics_;
};

}  // namespace carecast
