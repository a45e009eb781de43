// carecast export RUN.h5 --csv DIR --xlsx FILE: a finished run as tidy CSV files and an Excel workbook.
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/atomic_file.hpp"
#include "report/tabular_export.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description export_options() {
    po::options_description options("Options for `carecast export RUN.h5 [--csv DIR] [--xlsx FILE]`");
    options.add_options()("help,h", "show this help")("run", po::value<std::string>()->value_name("FILE"),
                                                      "the run's output file (.nc or .h5)")(
        "csv", po::value<std::string>()->value_name("DIR"),
        "write tidy CSV files into DIR (created if absent): run.csv and one file per theme")(
        "xlsx", po::value<std::string>()->value_name("FILE"),
        "write an Excel workbook (.xlsx): a sheet describing the run and one sheet per theme")(
        "force", "overwrite files that exist");
    return options;
}

}  // namespace

int export_command(const std::vector<std::string>& args) {
    const auto options = export_options();
    po::positional_options_description positional;
    positional.add("run", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast export RUN.h5 [--csv DIR] [--xlsx FILE] [--force]\n\n"
                     "Columns of every table: indicator_id, indicator, year (\"2019\", or \"2019/20\" for a financial "
                     "year), year_basis, age_band, sex, area, mean, p5, p50, p95 (across replicates), unit.\n\n"
                  << options;
        return exit_ok;
    }
    if (!vm.count("run")) return usage_error("export: missing RUN file (see `carecast export --help`)");
    if (!vm.count("csv") && !vm.count("xlsx"))
        return usage_error("export: say what to write: --csv DIR and/or --xlsx FILE.xlsx");
    const fs::path run = vm["run"].as<std::string>();
    const bool force = vm.count("force") > 0;
    std::optional<fs::path> csv, xlsx;
    if (vm.count("csv")) csv = fs::path(vm["csv"].as<std::string>());
    if (vm.count("xlsx")) {
        xlsx = fs::path(vm["xlsx"].as<std::string>());
        if (xlsx->extension() != ".xlsx") return usage_error("workbook '" + xlsx->string() + "' must end in .xlsx");
    }
    // Everything that can be checked before reading the run is checked first.
    if (!fs::exists(run)) {
        std::cerr << "carecast: error: " << run.string() << ": no such file\n";
        return exit_failure;
    }
    if (xlsx) {
        const auto directory = xlsx->parent_path().empty() ? fs::path(".") : xlsx->parent_path();
        if (!fs::is_directory(directory)) {
            std::cerr << "carecast: error: directory '" << directory.string() << "' does not exist\n";
            return exit_failure;
        }
        if (fs::exists(*xlsx) && !force) {
            std::cerr << "carecast: error: '" << xlsx->string() << "' exists; use --force to overwrite it\n";
            return exit_failure;
        }
    }
    if (csv && !force)
        for (const auto& name : report::csv_file_names())
            if (fs::exists(*csv / name)) {
                std::cerr << "carecast: error: '" << (*csv / name).string()
                          << "' exists; use --force to overwrite it\n";
                return exit_failure;
            }
    try {
        if (xlsx) output::check_output_target(*xlsx, force);
        if (csv && fs::exists(*csv) && !fs::is_directory(*csv))
            throw std::runtime_error("'" + csv->string() + "' exists and is not a directory");
        if (csv && fs::is_directory(*csv))
            for (const auto& name : report::csv_file_names()) output::check_output_target(*csv / name, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    output::Dataset dataset;
    if (!read_run_file(run, dataset)) return exit_failure;
    try {
        if (csv) {
            const auto files = report::write_csv_set(dataset, *csv, force);
            std::cout << "wrote " << files.size() << " CSV files in " << csv->string() << "\n";
        }
        if (xlsx) {
            report::write_workbook(dataset, *xlsx, force);
            std::cout << "wrote " << xlsx->string() << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    return exit_ok;
}

}  // namespace carecast::cli
