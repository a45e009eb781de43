#pragma once
// The HTML report: one self-contained file (inline CSS and SVG, no network, no external scripts) with
// the scenario and its assumptions, headline figures, fan charts of the key indicators, a population
// pyramid, the care-home stock-flow and lengths of stay, the MTFP pressure, the market position and,
// given a baseline, the what-if minus the baseline from paired replicates.
#include <filesystem>
#include <string>

#include "output/dataset.hpp"

namespace carecast::report {

struct ReportInputs {
    const output::Dataset* run = nullptr;
    std::string run_name;                   // the file, as shown in the report
    const output::Dataset* base = nullptr;  // optional baseline to compare with (same seed and replicates)
    std::string base_name;
};

/// The report as HTML text. Sections whose outputs the run lacks say so instead of failing.
std::string render_report(const ReportInputs& inputs);

/// Writes the report to `target` atomically (see publish_atomically); throws std::runtime_error.
void write_report(const ReportInputs& inputs, const std::filesystem::path& target, bool overwrite);

}  // namespace carecast::report
