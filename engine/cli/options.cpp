#include "cli/options.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "output/netcdf_reader.hpp"
#include "results/verify_run.hpp"

namespace carecast::cli {

int parse_options(const std::vector<std::string>& args, const boost::program_options::options_description& options,
                  const boost::program_options::positional_options_description& positional,
                  boost::program_options::variables_map& vm) {
    namespace po = boost::program_options;
    try {
        const int style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
        po::store(po::command_line_parser(args).options(options).positional(positional).style(style).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return usage_error(e.what());
    }
    return -1;
}

std::uint64_t parse_whole_number(const std::string& name, const std::string& text, std::uint64_t lo, std::uint64_t hi) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < lo || value > hi)
        throw std::invalid_argument("--" + name + " must be a whole number in [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "] (got '" + text + "')");
    return value;
}

bool standard_output_works() {
    std::cout.flush();
    if (std::fflush(stdout) == 0 && !std::ferror(stdout) && std::cout.good()) return true;
    const int error = errno;
    std::cerr << "carecast: error: cannot write to standard output (" << std::strerror(error) << ")\n";
    return false;
}

int usage_error(const std::string& message) {
    std::cerr << "carecast: error: " << message << "\n";
    return exit_usage;
}

output::Dataset read_verified_run(const std::filesystem::path& path) {
    output::Dataset dataset = output::read_netcdf4(path);
    const auto problems = output::verify_run_dataset(dataset);
    if (problems.empty()) return dataset;
    std::string message = path.string() + ": " + problems.front() + " (refusing to use this file)";
    for (std::size_t i = 1; i < problems.size() && i < 5; ++i) message += "\n  and " + problems[i];
    if (problems.size() > 5) message += "\n  and " + std::to_string(problems.size() - 5) + " more problem(s)";
    throw std::runtime_error(message);
}

bool read_run_file(const std::filesystem::path& path, output::Dataset& dataset) {
    if (!std::filesystem::exists(path)) {
        std::cerr << "carecast: error: " << path.string() << ": no such file\n";
        return false;
    }
    try {
        dataset = read_verified_run(path);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return false;
    }
    return true;
}

}  // namespace carecast::cli
