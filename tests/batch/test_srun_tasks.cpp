// independent_srun_tasks_problem: srun started several tasks that MPI does not connect (issue 16).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "batch/work_distributor.hpp"

using carecast::batch::independent_srun_tasks_problem;
using Catch::Matchers::Contains;

namespace {

/// Sets (or with nullptr unsets) an environment variable for one scope.
class ScopedVariable {
public:
    ScopedVariable(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
            had_ = true;
        }
        if (value != nullptr) {
            setenv(name, value, 1);
        } else {
            unsetenv(name);
        }
    }
    ~ScopedVariable() {
        if (had_) {
            setenv(name_, old_.c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

private:
    const char* name_;
    std::string old_;
    bool had_ = false;
};

}  // namespace

TEST_CASE("carecast batch refuses srun tasks that MPI does not connect", "[batch]") {
    const ScopedVariable mpi_type("SLURM_MPI_TYPE", nullptr);
    {
        const ScopedVariable tasks("SLURM_STEP_NUM_TASKS", "2");
        CHECK_THAT(independent_srun_tasks_problem(1),
                   Contains("srun started this step as 2 tasks, but MPI connects only this one") &&
                       Contains("srun --mpi=pmix"));
        CHECK(independent_srun_tasks_problem(2).empty());  // a real MPI world of 2
    }
    {
        const ScopedVariable tasks("SLURM_STEP_NUM_TASKS", "4");
        const ScopedVariable type("SLURM_MPI_TYPE", "none");
        CHECK_THAT(independent_srun_tasks_problem(1), Contains("4 tasks") && Contains("srun --mpi=none"));
    }
    {
        const ScopedVariable tasks("SLURM_STEP_NUM_TASKS", "1");
        CHECK(independent_srun_tasks_problem(1).empty());
    }
    {
        const ScopedVariable tasks("SLURM_STEP_NUM_TASKS", nullptr);  // not under srun (mpirun, a shell)
        CHECK(independent_srun_tasks_problem(1).empty());
    }
}
