// `carecast batch BATCH.txtpb`: every scenario of a batch file, in one process or across MPI ranks.
#include <filesystem>
#include <iostream>

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <boost/program_options.hpp>

#include "batch/batch_runner.hpp"
#include "batch/work_distributor.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace carecast::cli {
namespace {

namespace po = boost::program_options;

po::options_description batch_options() {
    po::options_description options("Options for `carecast batch BATCH.txtpb` (also under `mpirun -np N`)");
    // clang-format off
    options.add_options()
        ("help,h", "show this help")
        ("batch", po::value<std::string>()->value_name("FILE"), "batch file (.txtpb, schema proto/carecast/batch.proto)")
        ("output-directory,o", po::value<std::string>()->value_name("DIR"),
         "write outputs and the manifest here (default: the batch file's output_directory)")
        ("threads,t", po::value<std::string>()->value_name("N")->default_value("0"),
         "worker threads per process, 0..1024 (0: as many as this process may use; under mpirun see "
         "docs/cluster.md on process binding)")
        ("force", "overwrite output files that exist and hold a different run")
        ("quiet,q", "no progress lines");
    // clang-format on
    return options;
}

}  // namespace

int batch_command(const std::vector<std::string>& args, const std::string& command_line) {
    const auto options = batch_options();
    po::positional_options_description positional;
    positional.add("batch", 1);
    po::variables_map vm;
    if (const int status = parse_options(args, options, positional, vm); status >= 0) return status;
    if (vm.count("help")) {
        std::cout
            << "Usage: carecast batch BATCH.txtpb [-o DIR] [options]\n"
               "       mpirun --bind-to none -np N carecast batch BATCH.txtpb --threads T\n\n"
               "Runs every scenario of the batch, in work units of replicates_per_unit replicates, and writes\n"
               "one file per scenario plus batch_manifest.txtpb. Finished units are kept in DIR/.carecast-batch/;\n"
               "if the batch is killed, the same command again redoes only the unfinished units.\n"
               "Results are bit-identical however the work is split (ranks, threads, units).\n\n"
            << options;
        return exit_ok;
    }
    if (!vm.count("batch")) return usage_error("batch: missing BATCH file (see `carecast batch --help`)");
    batch::BatchOptions batch;
    try {
        batch.threads = static_cast<unsigned>(parse_whole_number("threads", vm["threads"].as<std::string>(), 0, 1024));
    } catch (const std::invalid_argument& e) {
        return usage_error(e.what());
    }
    batch.batch_file = vm["batch"].as<std::string>();
    if (vm.count("output-directory")) batch.output_directory = vm["output-directory"].as<std::string>();
    batch.force = vm.count("force") > 0;
    batch.quiet = vm.count("quiet") > 0;
    batch.command_line = command_line;
    // The detected concurrency respects this process's affinity mask: a rank bound to one core by
    // mpirun sees 1 (docs/cluster.md).
    if (batch.threads == 0) batch.threads = static_cast<unsigned>(tbb::info::default_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, batch.threads);

    std::unique_ptr<batch::WorkDistributor> distributor;
    try {
        distributor = batch::make_distributor();
    } catch (const std::exception& e) {
        std::cerr << "carecast: error: " << e.what() << "\n";
        return exit_failure;
    }
    // srun without MPI starts N copies that each see a world of one: stop them all before any work.
    if (const std::string problem = batch::independent_srun_tasks_problem(distributor->size()); !problem.empty()) {
        std::cerr << "carecast: error: " << problem << "\n";
        return exit_failure;
    }
    try {
        return batch::run_batch(batch, *distributor, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "carecast: error (rank " << distributor->rank() << "): " << e.what() << "\n";
        if (distributor->size() > 1) distributor->abort(exit_failure);
        return exit_failure;
    }
}

}  // namespace carecast::cli
