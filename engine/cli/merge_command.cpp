// `carecast merge PART... -o OUT`: joins partial runs of one scenario (e.g. Slurm array tasks run with
// `carecast run --replicates A:B`) into one file, as if all the replicates had run in one process.
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "batch/merge.hpp"
#include "batch/replicate_range.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/atomic_file.hpp"
#include "output/netcdf_reader.hpp"
#include "output/netcdf_writer.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;

po::options_description merge_options() {
    po::options_description options("Options for `carecast merge PART.nc... -o OUTPUT.nc`");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("parts", po::value<std::vector<std::string>>()->value_name("FILE")->multitoken(), "partial run files (.nc)")
        ("output,o", po::value<std::string>()->value_name("FILE"), "merged output file, ending .nc or .h5 (required)")
        ("replicates,r", po::value<std::string>()->value_name("A:B"),
         "require the parts to hold exactly replicates A..B-1 (catches a whole missing first or last part)")
        ("force", "overwrite OUTPUT if it exists");
    // clang-format on
    return options;
}

/// Reads and merges `paths`; throws std::runtime_error (or MergeError) naming the files at fault.
output::Dataset merge_files(const std::vector<std::string>& paths, const std::filesystem::path& output,
                            const std::optional<batch::ReplicateRange>& expected, const std::string& command_line) {
    std::vector<batch::MergePart> parts;
    for (const std::string& path : paths) {
        std::error_code not_comparable;  // e.g. OUTPUT does not exist yet
        if (std::filesystem::equivalent(path, output, not_comparable))
            throw std::runtime_error(path + " is both an input and the output");
        parts.push_back({path, read_verified_run(path)});
    }
    output::Dataset merged = batch::merge_parts(std::move(parts), command_line);
    if (expected) {
        const std::string first = batch::global_attribute(merged, "first_replicate");
        const std::string count = batch::global_attribute(merged, "replicates");
        if (first != std::to_string(expected->first) || count != std::to_string(expected->count))
            throw batch::MergeError("cannot merge: the parts hold replicates " + first + ":" +
                                    std::to_string(std::stoull(first) + std::stoull(count)) + ", not " +
                                    expected->to_string() + " as --replicates requires");
    }
    return merged;
}

}  // namespace

int merge_command(const std::vector<std::string>& args, const std::string& command_line) {
    const auto options = merge_options();
    po::positional_options_description positional;
    positional.add("parts", -1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout << "Usage: carecast merge PART.nc... -o OUTPUT.nc [--replicates A:B] [--force]\n\n"
                     "Checks that every part comes from the same scenario digest, seed and carecast version and\n"
                     "that no replicate is missing or doubled, then concatenates the replicates and recomputes the\n"
                     "summaries and the results digest: the output is bit-identical to one run of all replicates.\n\n"
                  << options;
        return exit_ok;
    }
    if (!vm.count("parts")) return usage_error("merge: no input files (see `carecast merge --help`)");
    if (!vm.count("output")) return usage_error("merge: missing -o OUTPUT (a file ending .nc or .h5)");
    const std::filesystem::path output = vm["output"].as<std::string>();
    if (output.extension() != ".nc" && output.extension() != ".h5")
        return usage_error("output file '" + output.string() + "' must end in .nc or .h5");
    std::optional<batch::ReplicateRange> expected;
    try {
        if (vm.count("replicates"))
            expected = batch::parse_replicate_range("replicates", vm["replicates"].as<std::string>());
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    const bool force = vm.count("force") > 0;
    if (std::filesystem::exists(output) && !force) {
        std::cerr << "carecast: error: output file '" << output.string() << "' exists; use --force to overwrite it\n";
        return exit_failure;
    }
    try {
        output::check_output_target(output, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    output::Dataset merged;
    try {
        merged = merge_files(vm["parts"].as<std::vector<std::string>>(), output, expected, command_line);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    try {
        output::write_netcdf4_file(merged, output, force);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: writing " << output.string() << ": " << e.what() << "\n";
        return exit_failure;
    }
    std::cout << "wrote " << output.string() << " (" << batch::global_attribute(merged, "replicates") << " replicates, "
              << batch::global_attribute(merged, "results_digest") << ")\n";
    return exit_ok;
}

}  // namespace carecast::cli
