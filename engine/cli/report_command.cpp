// carecast report RUN.h5 [--compare BASE.h5] -o report.html: a self-contained HTML report of a run.
#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/atomic_file.hpp"
#include "report/html_report.hpp"
#include "report/paired_comparison.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description report_options() {
    po::options_description options("Options for `carecast report RUN.h5 -o REPORT.html`");
    options.add_options()("help,h", "show this help")("run", po::value<std::string>()->value_name("FILE"),
                                                      "the run's output file (.nc or .h5)")(
        "output,o", po::value<std::string>()->value_name("FILE"), "the report to write, ending .html (required)")(
        "compare", po::value<std::string>()->value_name("BASE"),
        "a baseline run to compare with (same seed, replicates, years and areas): adds what-if minus baseline")(
        "force", "overwrite the report if it exists");
    return options;
}

}  // namespace

int report_command(const std::vector<std::string>& args) {
    const auto options = report_options();
    po::positional_options_description positional;
    positional.add("run", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast report RUN.h5 [--compare BASE.h5] -o REPORT.html [--force]\n\n" << options;
        return exit_ok;
    }
    if (!vm.count("run")) return usage_error("report: missing RUN file (see `carecast report --help`)");
    if (!vm.count("output")) return usage_error("report: missing -o REPORT.html");
    const fs::path target = vm["output"].as<std::string>();
    if (target.extension() != ".html" && target.extension() != ".htm")
        return usage_error("report '" + target.string() + "' must end in .html");
    const bool force = vm.count("force") > 0;
    const auto directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!fs::is_directory(directory)) {
        std::cerr << "carecast: error: directory '" << directory.string() << "' does not exist\n";
        return exit_failure;
    }
    if (fs::exists(target) && !force) {
        std::cerr << "carecast: error: '" << target.string() << "' exists; use --force to overwrite it\n";
        return exit_failure;
    }
    try {
        output::check_output_target(target, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    const fs::path run_path = vm["run"].as<std::string>();
    output::Dataset run, base;
    if (!read_run_file(run_path, run)) return exit_failure;
    report::ReportInputs inputs{&run, run_path.filename().string(), nullptr, ""};
    if (vm.count("compare")) {
        const fs::path base_path = vm["compare"].as<std::string>();
        if (!read_run_file(base_path, base)) return exit_failure;
        const auto problems = analysis::pairing_problems(base, run, base_path.string(), run_path.string());
        if (!problems.empty()) {
            for (const auto& p : problems) std::cerr << "carecast: error: cannot compare: " << p << "\n";
            return exit_failure;
        }
        inputs.base = &base;
        inputs.base_name = base_path.filename().string();
    }
    try {
        report::write_report(inputs, target, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    std::cout << "wrote " << target.string() << "\n";
    return exit_ok;
}

}  // namespace carecast::cli
