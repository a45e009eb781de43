// carecast: projects demand for social care in a local authority, person by person.
#include <iostream>

#include <boost/program_options.hpp>

#include "carecast/version.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace {

constexpr const char* usage = R"(Usage: carecast COMMAND [options]

Commands:
  init AREA -o DIR            a ready-to-run baseline for any English council (or `england`)
  areas [FILTER]              list the councils `init` can set up
  run SCENARIO -o OUTPUT.nc   simulate a scenario and write an HDF5/netCDF-4 file
  validate SCENARIO           check a scenario and its data files; report every problem
  export RUN.h5 --csv DIR     tidy CSV files of a run (and/or --xlsx FILE: an Excel workbook)
  report RUN.h5 -o R.html     a self-contained HTML report with charts (--compare BASE.h5: a what-if)
  compare BASE.h5 WHATIF.h5   what-if minus baseline by indicator and year, from paired replicates
  batch BATCH.txtpb           run every scenario of a batch file (resumable; also under mpirun)
  merge PART.nc... -o OUT.nc  join partial runs (run --replicates A:B) into one file

Options:
  -h, --help                  show this help (`carecast COMMAND --help` for a command's options)
  --version                   show the version

Exit status: 0 success, 1 invalid input or failure, 2 usage error.
)";

std::string join_command_line(int argc, char** argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) line += (i ? " " : "") + std::string(argv[i]);
    return line;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace carecast::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << usage;
        return exit_usage;
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << usage;
            return exit_ok;
        }
        if (command == "--version") {
            std::cout << "carecast " << carecast::engine_version << " (git " << carecast::git_revision << ")\n";
            return exit_ok;
        }
        if (command == "init") return init_command(rest, join_command_line(argc, argv));
        if (command == "areas") return areas_command(rest);
        if (command == "run") return run_command(rest, join_command_line(argc, argv));
        if (command == "validate") return validate_command(rest);
        if (command == "export") return export_command(rest);
        if (command == "report") return report_command(rest);
        if (command == "compare") return compare_command(rest);
        if (command == "batch") return batch_command(rest, join_command_line(argc, argv));
        if (command == "merge") return merge_command(rest, join_command_line(argc, argv));
        return usage_error("unknown command '" + command + "' (commands: init, areas, run, validate, batch, merge, export, report, compare; see `carecast --help`)");
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
}
