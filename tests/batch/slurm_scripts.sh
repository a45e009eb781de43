#!/usr/bin/env bash
# tools/slurm/ without a cluster: fake `sbatch`, `srun`, `sinfo`, `squeue` and `scancel` on PATH run the
# array tasks one after another, then the dependent merge job (tests/batch/real_slurm.sh uses a real
# Slurm). The merged file must equal one run of all the replicates; task logs say what they ran and how it
# ended; a missing carecast is refused at submission; a re-run task skips its finished part; a missing
# part makes the merge fail.
#
# Usage: slurm_scripts.sh CARECAST SCENARIO.txtpb
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup batch-slurm "$@"
python=${PYTHON:-/usr/bin/python3}
tools=$(realpath "$(dirname "$0")/../../tools/slurm")
cd "$tmp"
mkdir bin
cat > bin/srun <<'SH'
#!/usr/bin/env bash
while [[ $1 == --* ]]; do shift; done
exec "$@"
SH
cat > bin/sbatch <<'SH'
#!/usr/bin/env bash
# Minimal sbatch: --array=A-B[%N], --export=ALL,K=V..., --test-only, --parsable; runs the job now.
array="" exports="" test_only=0
for argument in "${@:1:$#-1}"; do
    case $argument in
        --array=*) array=${argument#--array=} ;;
        --export=*) exports=${argument#--export=ALL,} ;;
        --test-only) test_only=1 ;;
    esac
done
script=${*: -1}
if ((test_only)); then
    echo "sbatch: Job 1 to start at now using 1 processors on nodes fake in partition test" >&2
    exit 0
fi
IFS=, read -ra pairs <<<"$exports"
for pair in "${pairs[@]}"; do export "${pair?}"; done
id=$((RANDOM + 1000))
if [[ -n $array ]]; then
    range=${array%%%*}
    for task in $(seq "${range%-*}" "${range#*-}"); do
        SLURM_ARRAY_JOB_ID=$id SLURM_ARRAY_TASK_ID=$task SLURM_CPUS_PER_TASK=1 bash "$script" >>"logs/task_$task.out" 2>&1 || exit 1
    done
else
    SLURM_JOB_ID=$id SLURM_CPUS_PER_TASK=1 bash "$script" >>"logs/merge.out" 2>&1 || exit 1
fi
echo "$id"
SH
cat > bin/sinfo <<'SH'
#!/usr/bin/env bash
# Minimal sinfo: one partition "test" (the default), no time limit.
case "$*" in
    *%P*) echo "test*" ;;
    *%l*) echo "infinite" ;;
    *) echo "2 CPUs and 4000 MB per node, 1 node(s), time limit infinite" ;;
esac
SH
printf '#!/bin/sh\nexit 0\n' > bin/squeue
printf '#!/bin/sh\nexit 0\n' > bin/scancel
chmod +x bin/sinfo bin/squeue bin/scancel
chmod +x bin/srun bin/sbatch
export PATH="$tmp/bin:$PATH" CARECAST="$carecast"

"$tools/submit_array.sh" "$scenario" 5 2 "$tmp/results/merged.nc" | tee submit.log
head -n 1 logs/task_1.out | grep -q "^carecast array task .*_1" || { cat logs/task_1.out >&2; echo "FAIL: task log header" >&2; exit 1; }
grep -q "replicates: 2:4" logs/task_1.out || { cat logs/task_1.out >&2; echo "FAIL: task log replicates" >&2; exit 1; }
tail -n 1 logs/task_1.out | grep -q "^result: ok: wrote" || { cat logs/task_1.out >&2; echo "FAIL: task log result" >&2; exit 1; }
ls results/parts-merged
[[ -f results/merged.nc ]] || { cat logs/*.out >&2; echo "FAIL: no merged file" >&2; exit 1; }
"$carecast" run "$scenario" -o whole.nc --replicates 5 --threads 1 --quiet
"$python" "$(dirname "$0")/compare_runs.py" whole.nc results/merged.nc
# Provenance: every part's replicates, host and command line, in replicate order (issue 16).
"$python" - results/merged.nc <<'PY'
import socket, sys
import netCDF4
with netCDF4.Dataset(sys.argv[1]) as ds:
    parts = ds.getncattr("merged_from").split("\n")
    history = ds.getncattr("history").split("\n")
expected = [(0, 2), (2, 4), (4, 5)]
assert len(parts) == 3, parts
for (first, end), line in zip(expected, parts):
    assert line.startswith("replicate" + ("s" if end - first > 1 else "")), line
    assert f"part-{first}-{end}.nc on host {socket.gethostname()}" in line, line
    assert f"--replicates {first}:{end}" in line, line
assert len(history) == 4 and " merge " in history[3], history
PY

# carecast missing: refused before anything is submitted.
if CARECAST=/nonexistent/carecast "$tools/submit_array.sh" "$scenario" 5 2 "$tmp/results/none.nc" 2>missing.err; then
    echo "FAIL: submitted without carecast" >&2; exit 1
fi
grep -q "carecast not found" missing.err || { cat missing.err >&2; exit 1; }

# A re-queued task finds its part finished; a lost part makes the merge refuse.
SCENARIO="$scenario" OUTDIR=results/parts-merged BLOCK=2 REPLICATES=5 SLURM_ARRAY_TASK_ID=1 \
    bash "$tools/array_task.sbatch" | grep -q "exists (finished by an earlier attempt)"
rm results/parts-merged/part-2-4.nc
if OUTDIR=results/parts-merged OUTPUT=results/again.nc REPLICATES=5 bash "$tools/merge.sbatch" 2>merge.err; then
    echo "FAIL: merge succeeded with a part missing" >&2; exit 1
fi
grep -q "replicates 2..3 are missing" merge.err || { cat merge.err >&2; exit 1; }
[[ ! -e results/again.nc ]]
echo "PASS"
