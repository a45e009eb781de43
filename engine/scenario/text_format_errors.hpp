#pragma once
// Protobuf text-format parse errors into Diagnostics, shared by every text file carecast reads
// (scenarios, batch files). An unknown field or enum value is reported where the misspelt word starts
// (protobuf reports the token after it, sometimes on the next line), with "did you mean ..." and the
// list of valid names.
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>

#include "core/diagnostics.hpp"

namespace carecast {

/// Forwards protobuf's parse errors (0-based positions) into Diagnostics (1-based); warnings are errors.
/// `text` is the parsed text and `root` its message type, used to place and explain unknown names.
class TextFormatErrors : public google::protobuf::io::ErrorCollector {
public:
    TextFormatErrors(std::string file, Diagnostics& diagnostics, const std::string* text = nullptr,
                     const google::protobuf::Descriptor* root = nullptr)
        : file_(std::move(file)), diagnostics_(diagnostics), text_(text), root_(root) {}
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override;
    void AddWarning(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        diagnostics_.error(file_, line + 1, column + 1, "warning treated as error: " + message);
    }

private:
    std::string file_;
    Diagnostics& diagnostics_;
    const std::string* text_;
    const google::protobuf::Descriptor* root_;
};

}  // namespace carecast
