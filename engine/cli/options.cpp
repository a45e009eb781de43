#include "cli/options.hpp"

#include <iostream>

#include "cli/commands.hpp"

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

int usage_error(const std::string& message) {
    std::cerr << "carecast: error: " << message << "\n";
    return exit_usage;
}

}  // namespace carecast::cli
