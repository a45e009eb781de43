// carecast: projects demand for social care in a local authority, person by person.
#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "carecast/version.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "output/atomic_file.hpp"

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
  verify RUN.nc...            check run files against their results digest and coordinates

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

/// Standard streams that are closed when carecast starts are opened on /dev/null, so that no file
/// carecast opens can take their descriptor (and receive its messages); returns false if stdout was.
bool reserve_standard_streams() {
    bool stdout_open = true;
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        if (fd == 1) stdout_open = false;
        const int null = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (null >= 0 && null != fd) {
            ::dup2(null, fd);
            ::close(null);
        }
    }
    return stdout_open;
}

/// Output that could not be written is a failure, not a success.
int check_standard_output(int status) {
    if (carecast::cli::standard_output_works()) return status;
    return status == carecast::cli::exit_ok ? carecast::cli::exit_failure : status;
}

int run(const std::string& command, const std::vector<std::string>& rest, int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
    using namespace carecast::cli;
    // HDF5 must not run its own clean-up at exit: after a failed write (a full disk) the file it could not
    // close is still open, and flushing it again at exit crashed (status 139 after the right error).
    // Every file carecast opens is closed on every path before exit, so there is nothing left to do.
    H5dont_atexit();
    const bool stdout_open = reserve_standard_streams();
    carecast::output::remove_temporaries_on_signals();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << usage;
        return exit_usage;
    }
    if (!stdout_open) {
        std::cerr << "carecast: error: standard output is closed; carecast reports its results there "
                     "(redirect it to a file or /dev/null)\n";
        return exit_failure;
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    return check_standard_output(run(command, rest, argc, argv));
}

namespace {

int run(const std::string& command, const std::vector<std::string>& rest, int argc, char** argv) {
    using namespace carecast::cli;
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
        if (command == "verify") return verify_command(rest);
        return usage_error("unknown command '" + command +
                           "' (commands: init, areas, run, validate, batch, merge, export, report, compare, verify; "
                           "see `carecast --help`)");
    } catch (const std::bad_alloc&) {
        std::cerr << "carecast: error: out of memory: this run needs more memory than the machine allows "
                     "(fewer replicates, a smaller population or a shorter horizon need less)\n";
        return exit_failure;
    } catch (const std::length_error& e) {
        std::cerr << "carecast: error: an input is too large to hold in memory (" << e.what()
                  << "); check the sizes in the scenario and its data files\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
}

}  // namespace
