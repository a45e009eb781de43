#!/usr/bin/env bash
# tools/slurm/ against a real Slurm (issue 16): starts a private single-node Slurm (private_slurm.sh:
# own munge, config, state and spool under the test's folder, daemons stopped by PID even on failure),
# then, exactly as docs/cluster.md tells an analyst:
#   1. submit_array.sh with a CPU override: array tasks + dependent merge; merged file bit-identical to
#      one process; task logs say what they ran and end with their result; jobs named by scenario and
#      role; the merged file records every part's command line and host;
#   2. requests the partition cannot satisfy (CPUs, time) and a missing carecast are refused at
#      submission, nothing queued;
#   3. a cancelled task: the merge is cancelled with it (--kill-on-invalid-dep); resubmitting at once
#      cancels the stale merge, waits for the old array, recomputes only the missing part; bit-identical;
#   4. submit_batch.sh: carecast batch over 2 MPI ranks started by srun --mpi=$CARECAST_MPI (pmix);
#      cancelled mid-run and resubmitted, it resumes; bit-identical to one process;
#   5. carecast batch under `srun -n 2 --mpi=none` (unconnected processes) stops at once with a clear error.
# Exits 77 (ctest: skipped) when not root or slurm-wlm / munge are missing.
#
# Usage: real_slurm.sh CARECAST SCENARIO.txtpb
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/private_slurm.sh"
if [[ $# -ne 2 ]]; then
    echo "usage: $0 CARECAST SCENARIO.txtpb" >&2
    exit 2
fi
if missing=$(private_slurm_missing) && [[ -n $missing ]]; then
    echo "SKIP: $missing"
    exit 77
fi
carecast=$(realpath "$1")
scenario=$(realpath "$2")
python=${PYTHON:-/usr/bin/python3}
tools=$(realpath "$here/../../tools/slurm")
export CARECAST_MPI=${CARECAST_MPI:-pmix}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-real-slurm.XXXXXX")
chmod 755 "$tmp"  # munged refuses a socket below a directory others cannot enter
cleanup() {
    local status=$?
    private_slurm_stop
    if ((status != 0)) && [[ -d $tmp/slurm/log ]]; then
        echo "--- private Slurm logs (last lines)" >&2
        tail -n 15 "$tmp"/slurm/log/*.log >&2 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step() {
    echo "=== [$SECONDS s] $*"
}
# job_field JOB FIELD: a field of `scontrol show job` (jobs stay listed for MinJobAge after they end).
job_field() {
    scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}
# wait_ended JOB... : until none of the jobs (or array tasks) is pending, running or completing.
wait_ended() {
    local deadline=$((SECONDS + 300)) job
    for job in "$@"; do
        while [[ -n $(squeue -h -j "$job" -o %i 2>/dev/null) ]]; do
            ((SECONDS < deadline)) || { squeue >&2; fail "job $job still queued after 300 s"; }
            sleep 1
        done
    done
}
expect_state() {  # expect_state JOB STATE
    local state
    state=$(job_field "$1" JobState)
    [[ $state == "$2" ]] || { scontrol show job "$1" >&2; cat logs/* >&2 2>/dev/null || true; fail "job $1 is $state, not $2"; }
}
# submission's job ids: "array job N", "merge job N", "batch job N"
id_of() {
    sed -n "s/^$1 job \([0-9]*\) (.*/\1/p" "$2" | head -n 1
}

step "starting a private Slurm in $tmp/slurm"
private_slurm_start "$tmp/slurm"
sinfo
srun --mpi=list
cd "$tmp"
mkdir work
cd work
export CARECAST="$carecast"

step "one process: the reference"
cat >nightly.txtpb <<BATCH
schema_version: 1
name: "nightly"
output_directory: "nightly"
replicates_per_unit: 1
scenario { path: "$scenario" output: "cd.nc" replicates: 6 }
BATCH
"$carecast" run "$scenario" -o whole.nc --replicates 6 --threads 1 --quiet

step "1. array + merge, 1 CPU per task (the defaults ask for 2)"
rm -rf logs  # submit_array.sh must create it
"$tools/submit_array.sh" --cpus 1 --mem 500M --time 10 "$scenario" 6 2 results/merged.nc | tee submit1.log
array=$(id_of array submit1.log) merge=$(id_of merge submit1.log)
[[ -n $array && -n $merge ]] || fail "no job ids in the submission's output"
name=$(basename "${scenario%.*}")
[[ $(job_field "$merge" JobName) == "$name-merge" ]] || fail "merge job named $(job_field "$merge" JobName), not $name-merge"
[[ $(job_field "${array}_0" JobName) == "$name-work" ]] || fail "array job named $(job_field "${array}_0" JobName)"
squeue -o '%.12i %.24j %.9T %.6C %.8m %R'
wait_ended "$array" "$merge"
for task in 0 1 2; do expect_state "${array}_$task" COMPLETED; done
expect_state "$merge" COMPLETED
[[ $(job_field "${array}_0" NumCPUs) == 1 ]] || fail "array task had $(job_field "${array}_0" NumCPUs) CPUs, not the 1 asked for"
"$python" "$here/compare_runs.py" whole.nc results/merged.nc
log=logs/$name-work_${array}_1.out
[[ -f $log ]] || { ls logs >&2; fail "no log $log"; }
head -n 1 "$log" | grep -q "^carecast array task ${array}_1" || { cat "$log" >&2; fail "task log does not start with the task"; }
grep -q "replicates: 2:4" "$log" && grep -q "threads:    1" "$log" && grep -q "carecast:.*(carecast " "$log" &&
    grep -q "scenario:   $scenario" "$log" || { cat "$log" >&2; fail "task log does not say what it runs"; }
tail -n 1 "$log" | grep -q "^result: ok: wrote" || { cat "$log" >&2; fail "task log does not end with its result"; }
tail -n 1 "logs/$name-merge_$merge.out" | grep -q "^result: ok: wrote" || { cat "logs/$name-merge_$merge.out" >&2; fail "merge log"; }
"$python" - results/merged.nc <<'PY'
import socket, sys
import netCDF4
with netCDF4.Dataset(sys.argv[1]) as ds:
    lines = ds.getncattr("merged_from").split("\n")
    history = ds.getncattr("history").split("\n")
assert len(lines) == 3, lines
for first, line in zip((0, 2, 4), lines):
    assert line.startswith(f"replicates {first}..{first + 1} from "), line
    assert f" on host {socket.gethostname()}" in line and f"--replicates {first}:{first + 2}" in line, line
assert len(history) == 4 and " merge " in history[-1] and "--replicates 4:6" in history[2], history
print("merged_from records 3 parts with host and command line")
PY

step "2. requests the partition cannot satisfy are refused at submission"
before=$(squeue -h | wc -l)
if "$tools/submit_array.sh" --cpus 8 "$scenario" 6 2 results/never.nc 2>refused.err; then fail "--cpus 8 was submitted on a 2-CPU node"; fi
cat refused.err
grep -q "cannot run on partition test" refused.err && grep -q "2 CPUs" refused.err || fail "no reason given for --cpus 8"
if "$tools/submit_array.sh" --merge-time 03:00:00 "$scenario" 6 2 results/never.nc 2>refused.err; then fail "--merge-time 3 h was submitted"; fi
cat refused.err
grep -q "partition test allows at most 2:00:00" refused.err || fail "no reason given for --merge-time 03:00:00"
if "$tools/submit_batch.sh" --tasks-per-node 4 nightly.txtpb 2>refused.err; then fail "4 ranks were submitted on 2 CPUs"; fi
cat refused.err
grep -q "the MPI batch job cannot run on partition test" refused.err || fail "no reason given for 4 ranks"
if CARECAST=/nonexistent/carecast "$tools/submit_array.sh" "$scenario" 6 2 results/never.nc 2>refused.err; then fail "submitted without carecast"; fi
cat refused.err
grep -q "carecast not found" refused.err || fail "no reason given for a missing carecast"
[[ $(squeue -h | wc -l) == "$before" ]] || { squeue >&2; fail "a refused request queued a job"; }
[[ ! -e results/never.nc && ! -e results/parts-never ]] || fail "a refused request left results/parts-never"

step "3. a cancelled task cancels the merge (--kill-on-invalid-dep), instead of leaving it pending"
"$tools/submit_array.sh" --cpus 1 --mem 500M --time 10 "$scenario" 2 2 results/cancelled.nc | tee submit3.log
array=$(id_of array submit3.log) merge=$(id_of merge submit3.log)
scancel "$array"
wait_ended "$array"
deadline=$((SECONDS + 30))
until [[ $(job_field "$merge" JobState) == CANCELLED ]]; do
    ((SECONDS < deadline)) || { scontrol show job "$merge" >&2; fail "merge $merge left $(job_field "$merge" JobState) after a cancelled task"; }
    sleep 0.5
done
[[ ! -e results/cancelled.nc ]] || fail "a merged file after a cancelled task"

step "3b. cancel one task, resubmit at once: the stale merge is replaced, only the missing part recomputed"
"$tools/submit_array.sh" --cpus 1 --mem 500M --time 10 "$scenario" 6 2 results/again.nc 1 | tee submit3b.log
old_array=$(id_of array submit3b.log) old_merge=$(id_of merge submit3b.log)
scancel "${old_array}_2"
"$tools/submit_array.sh" --cpus 1 --mem 500M --time 10 "$scenario" 6 2 results/again.nc | tee resubmit3b.log
grep -q "cancelled the earlier merge job $old_merge" resubmit3b.log || fail "the stale merge was not replaced"
array=$(id_of array resubmit3b.log) merge=$(id_of merge resubmit3b.log)
if [[ -n $(squeue -h -j "$old_array" -o %i 2>/dev/null) ]]; then
    grep -q "array job $old_array for the same output is still" resubmit3b.log || fail "the new array does not wait for the old one"
fi
wait_ended "$old_array" "$array" "$merge"
expect_state "$old_merge" CANCELLED
expect_state "$merge" COMPLETED
for task in 0 1; do
    grep -q "exists (finished by an earlier attempt)" "logs/$name-work_${array}_$task.out" ||
        { cat "logs/$name-work_${array}_$task.out" >&2; fail "resubmitted task $task recomputed its part"; }
done
grep -q "^result: ok: wrote" "logs/$name-work_${array}_2.out" || fail "resubmitted task 2 did not compute the missing part"
"$python" "$here/compare_runs.py" whole.nc results/again.nc

step "4. MPI batch: 2 ranks by srun --mpi=$CARECAST_MPI, cancelled mid-run and resubmitted"
"$tools/submit_batch.sh" --mem 1G --time 10 nightly.txtpb | tee submit4.log
job=$(id_of batch submit4.log)
[[ $(job_field "$job" JobName) == nightly-batch ]] || fail "batch job named $(job_field "$job" JobName)"
# Cancel once the first unit is written, so the resubmitted job has something to resume.
deadline=$((SECONDS + 120))
until compgen -G "nightly/.carecast-batch/cd/r*.nc" >/dev/null || [[ -z $(squeue -h -j "$job" -o %i) ]]; do
    ((SECONDS < deadline)) || fail "no unit finished within 120 s"
    sleep 0.2
done
scancel "$job"
wait_ended "$job"
units=$(find nightly/.carecast-batch -name 'r*.nc' | wc -l)
echo "after cancelling job $job: $units of 6 unit files, state $(job_field "$job" JobState)"
expect_state "$job" CANCELLED
log=logs/nightly-batch_$job.out
grep -q "2 rank(s)" "$log" || { cat "$log" >&2; fail "the batch did not run on 2 MPI ranks"; }
"$tools/submit_batch.sh" --mem 1G --time 10 nightly.txtpb | tee resubmit4.log
job=$(id_of batch resubmit4.log)
wait_ended "$job"
log=logs/nightly-batch_$job.out
expect_state "$job" COMPLETED
grep -q "2 rank(s)" "$log" || { cat "$log" >&2; fail "the resubmitted batch did not run on 2 MPI ranks"; }
grep -q "ranks: 2" nightly/batch_manifest.txtpb || fail "manifest does not record 2 ranks"
grep -q "6 work unit(s), $units already done" "$log" || { cat "$log" >&2; fail "the resubmitted batch did not resume from $units units"; }
tail -n 1 "$log" | grep -q "^result: ok" || { cat "$log" >&2; fail "batch log does not end with its result"; }
"$python" "$here/compare_runs.py" whole.nc nightly/cd.nc

step "5. srun -n 2 without MPI: carecast batch stops at once"
if srun -n 2 --mpi=none --time=5 "$carecast" batch nightly.txtpb -o unconnected >unconnected.log 2>&1; then
    cat unconnected.log >&2
    fail "carecast batch ran as 2 unconnected processes"
fi
grep -q "srun started this step as 2 tasks, but MPI connects only this one" unconnected.log ||
    { cat unconnected.log >&2; fail "no clear error for unconnected srun tasks"; }
[[ ! -e unconnected ]] || fail "unconnected processes wrote output"
head -n 1 unconnected.log

step "PASS"
