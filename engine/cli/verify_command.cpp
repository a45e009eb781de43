// `carecast verify FILE...`: checks finished run files as compare, export, report and merge do before
// using them: the results digest against the arrays, the summaries, the coordinates.
#include <iostream>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/netcdf_reader.hpp"
#include "results/verify_run.hpp"

namespace carecast::cli {

int verify_command(const std::vector<std::string>& args) {
    namespace po = boost::program_options;
    po::options_description options("Options for `carecast verify RUN.nc...`");
    options.add_options()("help,h", "show this help")(
        "files", po::value<std::vector<std::string>>()->value_name("FILE")->multitoken(), "run files (.nc or .h5)");
    po::positional_options_description positional;
    positional.add("files", -1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast verify RUN.nc...\n\nChecks that each file is a complete carecast run whose "
                     "arrays match its results_digest,\nwhose summaries match its replicates and whose coordinates "
                     "are in order.\nExit status: 0 all files good, 1 a file is bad, 2 usage error.\n\n"
                  << options;
        return exit_ok;
    }
    if (!vm.count("files")) return usage_error("verify: no files (see `carecast verify --help`)");
    bool all_good = true;
    for (const std::string& path : vm["files"].as<std::vector<std::string>>()) {
        std::vector<std::string> problems;
        std::string digest;
        try {
            const output::Dataset dataset = output::read_netcdf4(path);
            problems = output::verify_run_dataset(dataset);
            for (const auto& a : dataset.global_attributes)
                if (a.name == "results_digest") digest = a.value;
        } catch (const std::exception& e) {
            std::cerr << "carecast: error: " << e.what() << "\n";  // names the file
            all_good = false;
            continue;
        }
        if (problems.empty()) {
            std::cout << path << ": ok (" << digest << ")\n";
            continue;
        }
        all_good = false;
        for (const auto& p : problems) std::cerr << "carecast: error: " << path << ": " << p << "\n";
    }
    return all_good ? exit_ok : exit_failure;
}

}  // namespace carecast::cli
