#include "batch/work_distributor.hpp"

#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

namespace carecast::batch {
namespace {

class SerialDistributor final : public WorkDistributor {
public:
    int rank() const override { return 0; }
    int size() const override { return 1; }
    void broadcast(std::string&) override {}
    std::vector<std::string> run(std::size_t unit_count, const std::function<std::string(std::size_t)>& compute,
                                 const std::function<void(std::size_t, const std::string&)>& deliver) override {
        std::vector<std::string> failures;
        for (std::size_t unit = 0; unit < unit_count; ++unit) {
            try {
                deliver(unit, compute(unit));
            } catch (const std::exception& e) {
                failures.push_back("unit " + std::to_string(unit) + ": " + e.what());
            }
        }
        return failures;
    }
    [[noreturn]] void abort(int exit_status) override { std::exit(exit_status); }
};

const char* environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

bool built_with_mpi() {
#ifdef CARECAST_WITH_MPI
    return true;
#else
    return false;
#endif
}

bool launched_by_mpi() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
        if (environment(name) != nullptr) return true;
    return false;
}

std::string independent_srun_tasks_problem(int world_size) {
    const char* tasks = environment("SLURM_STEP_NUM_TASKS");
    if (tasks == nullptr || world_size != 1) return {};
    char* end = nullptr;
    const long count = std::strtol(tasks, &end, 10);
    if (*end != '\0' || count <= 1) return {};
    const char* mpi_type = environment("SLURM_MPI_TYPE");
    return "srun started this step as " + std::to_string(count) + " tasks, but MPI connects only this one (" +
           (mpi_type != nullptr ? "srun --mpi=" + std::string(mpi_type) : std::string("no srun --mpi type")) + ", " +
           (built_with_mpi() ? "MPI world size 1" : "carecast built without MPI") +
           "): every task would run the whole batch on its own. Start it with `srun --mpi=pmix` "
           "(`srun --mpi=list` shows the types this cluster offers; tools/slurm/batch_mpi.sbatch passes it), "
           "or with one task (srun -n 1)";
}

std::unique_ptr<WorkDistributor> make_serial_distributor() {
    return std::make_unique<SerialDistributor>();
}

std::unique_ptr<WorkDistributor> make_distributor() {
    if (!launched_by_mpi()) return make_serial_distributor();
#ifdef CARECAST_WITH_MPI
    return make_mpi_distributor();
#else
    const char* size = environment("OMPI_COMM_WORLD_SIZE");
    if (size == nullptr) size = environment("PMI_SIZE");
    if (size != nullptr && std::string(size) != "1")
        throw std::runtime_error("started by an MPI launcher with " + std::string(size) +
                                 " processes, but this carecast was built without MPI (each process would run the "
                                 "whole batch); rebuild with libopenmpi-dev installed, or run it without mpirun");
    return make_serial_distributor();
#endif
}

}  // namespace carecast::batch
