#!/usr/bin/env bash
# tools/slurm/ without a cluster: fake `sbatch` and `srun` on PATH run the array tasks one after another,
# then the dependent merge job, exactly as the scripts ask Slurm to. The merged file must equal one run of
# all the replicates; a re-run task skips its finished part; a missing part makes the merge fail.
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
# Minimal sbatch: --array=A-B[%N], --export=ALL,K=V..., --dependency, --parsable; runs the job now.
array="" exports=""
while [[ $1 == --* ]]; do
    case $1 in
        --array=*) array=${1#--array=} ;;
        --export=*) exports=${1#--export=ALL,} ;;
    esac
    shift
done
script=$1
IFS=, read -ra pairs <<<"$exports"
for pair in "${pairs[@]}"; do export "${pair?}"; done
id=$((RANDOM + 1000))
if [[ -n $array ]]; then
    range=${array%%%*}
    for task in $(seq "${range%-*}" "${range#*-}"); do
        SLURM_ARRAY_TASK_ID=$task SLURM_CPUS_PER_TASK=1 bash "$script" >>"logs/task_$task.out" 2>&1 || exit 1
    done
else
    SLURM_CPUS_PER_TASK=1 bash "$script" >>"logs/merge.out" 2>&1 || exit 1
fi
echo "$id"
SH
chmod +x bin/srun bin/sbatch
export PATH="$tmp/bin:$PATH" CARECAST="$carecast"

"$tools/submit_array.sh" "$scenario" 5 2 "$tmp/results/merged.nc" | tee submit.log
ls results/parts-merged
[[ -f results/merged.nc ]] || { cat logs/*.out >&2; echo "FAIL: no merged file" >&2; exit 1; }
"$carecast" run "$scenario" -o whole.nc --replicates 5 --threads 1 --quiet
"$python" "$(dirname "$0")/compare_runs.py" whole.nc results/merged.nc

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
