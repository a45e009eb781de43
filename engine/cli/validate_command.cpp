#include <iostream>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "finance/finance_rates.hpp"
#include "scenario/parameter_schedules.hpp"
#include "sim/load_scenario.hpp"

namespace carecast::cli {

int validate_command(const std::vector<std::string>& args) {
    namespace po = boost::program_options;
    po::options_description options("Options for `carecast validate SCENARIO`");
    options.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->value_name("FILE"),
                                                      "scenario file (.txtpb)")(
        "print-resolved", "print the fully resolved scenario (after `extends`) to standard output");
    po::positional_options_description positional;
    positional.add("scenario", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast validate SCENARIO [--print-resolved]\n\nChecks a scenario's syntax, field ranges "
                     "and data "
                     "files, reporting every problem as file:line:col.\nExit status: 0 valid, 1 invalid, 2 usage "
                     "error.\n\n"
                  << options;
        return exit_ok;
    }
    if (!vm.count("scenario")) return usage_error("validate: missing SCENARIO file (see `carecast validate --help`)");
    const std::string path = vm["scenario"].as<std::string>();
    try {
        const auto loaded = load_scenario(path);
        for (const auto& w : loaded.warnings) std::cerr << w << "\n";
        if (vm.count("print-resolved")) {
            // A valid scenario file in its own right; data paths are relative to SCENARIO's directory.
            std::cout << "# Resolved from " << path;
            for (const auto* file = loaded.file->parent.get(); file != nullptr; file = file->parent.get())
                std::cout << " extending " << file->path.string();
            std::cout << "\n# Data-file paths are relative to the directory of " << path << ".\n"
                      << "# scenario digest " << loaded.digest << "\n";
            if (loaded.file->parent) {
                std::cout << "# Fields this scenario overrides in its parent (" << loaded.changes.size() << "):\n";
                for (const auto& change : loaded.changes) std::cout << "#   " << change << "\n";
            }
            const auto& c = loaded.config;
            auto schedules = describe_parameter_schedules(c.cohorts, c.schedules, c.run.horizon_year - 1);
            for (auto& line : finance::describe_money_schedules(c.finance.money)) schedules.push_back(std::move(line));
            if (!schedules.empty()) {
                std::cout << "# Schedules (value in each year it changes):\n";
                for (const auto& line : schedules) std::cout << "#   " << line << "\n";
            }
            std::cout << loaded.resolved_text;
            return exit_ok;
        }
        std::cout << path << ": valid scenario '" << loaded.config.name << "' (" << loaded.config.run.base_year << "-"
                  << loaded.config.run.horizon_year << ", " << loaded.config.run.replicates << " replicates)"
                  << (loaded.warnings.empty() ? "" : ", " + std::to_string(loaded.warnings.size()) + " warning(s)")
                  << "\n";
        return exit_ok;
    } catch (const InputError& e) {
        std::cerr << e.diagnostics().to_string();
        std::cerr << path << ": " << e.diagnostics().items().size() << " error(s)\n";
        return exit_failure;
    }
}

}  // namespace carecast::cli
