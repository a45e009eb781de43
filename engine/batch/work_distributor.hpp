#pragma once
// How a batch's work units are spread over processes. One small interface with two implementations:
// a serial one (this process does everything) and, when carecast is built with MPI, one over MPI
// ranks. Only rank 0 ever writes files; results reach it as bytes, and it orders them by work unit,
// so what is written never depends on which rank computed what (OpenM++'s msgEmpty / MPI split).
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace carecast::batch {

class WorkDistributor {
public:
    virtual ~WorkDistributor() = default;
    /// This process's rank, 0..size()-1; rank 0 coordinates and writes.
    virtual int rank() const = 0;
    /// Number of processes.
    virtual int size() const = 0;
    /// Collective: every rank's `text` becomes rank 0's.
    virtual void broadcast(std::string& text) = 0;
    /// Collective: units 0..unit_count-1 are computed, unit k by rank k % size(), each with
    /// `compute(k)` on the calling (main) thread. On rank 0, `deliver(k, bytes)` receives every
    /// unit's result as it arrives. Never throws for a failed unit: returns the failures (on rank 0
    /// every rank's, elsewhere this rank's own), each naming the unit and the rank.
    virtual std::vector<std::string> run(
        std::size_t unit_count, const std::function<std::string(std::size_t unit)>& compute,
        const std::function<void(std::size_t unit, const std::string& bytes)>& deliver) = 0;
    /// Ends every process at once (after an error that leaves ranks out of step).
    [[noreturn]] virtual void abort(int exit_status) = 0;
};

/// Whether this build of carecast can run under MPI.
bool built_with_mpi();

/// Whether the environment shows this process was started by an MPI launcher (mpirun, mpiexec, srun
/// with PMI/PMIx): OMPI_COMM_WORLD_SIZE, PMIX_RANK, PMI_RANK or PMI_SIZE is set.
bool launched_by_mpi();

/// The MPI distributor (initialising MPI) when built with MPI and launched by an MPI launcher, else the
/// serial one. Throws std::runtime_error if launched by MPI but built without it and more than one
/// process was started (each would run the whole batch).
std::unique_ptr<WorkDistributor> make_distributor();

/// Under `srun`, the problem when Slurm started this step as several tasks (SLURM_STEP_NUM_TASKS > 1)
/// but MPI connects only `world_size` == 1 of them: srun launched independent processes (no
/// `--mpi=pmix`, MpiDefault=none), each of which would run the whole batch. Empty when all is well
/// (not under srun, one task, or a real MPI world).
std::string independent_srun_tasks_problem(int world_size);

/// The serial distributor: rank 0 of 1.
std::unique_ptr<WorkDistributor> make_serial_distributor();

#ifdef CARECAST_WITH_MPI
/// Initialises MPI (MPI_THREAD_FUNNELED: only the main thread calls MPI); finalises it when destroyed.
std::unique_ptr<WorkDistributor> make_mpi_distributor();
#endif

}  // namespace carecast::batch
