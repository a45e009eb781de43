#!/usr/bin/env bash
# Submits a Slurm array of partial runs of one scenario and a merge job that starts only if every task
# succeeded. Usage:
#   tools/slurm/submit_array.sh SCENARIO.txtpb REPLICATES BLOCK OUTPUT.nc [max simultaneous tasks]
# e.g. tools/slurm/submit_array.sh scenarios/county_durham_baseline.txtpb 1000 50 results/cd_1000.nc 20
# submits tasks 0..19 (replicates 0:50, 50:100, ..., 950:1000) and the merge into results/cd_1000.nc.
# Partial files go to OUTPUT's directory under parts-<OUTPUT name>/. Environment: CARECAST (the binary,
# default `carecast` on PATH), SEED (optional seed override), SBATCH_ARGS (extra sbatch options such as
# --partition or --account).
set -euo pipefail
if (($# < 4)); then
    sed -n '2,9p' "$0" >&2
    exit 2
fi
scenario=$(realpath "$1")
replicates=$2
block=$3
output=$(realpath -m "$4")
concurrency=${5:-}
[[ $replicates =~ ^[1-9][0-9]*$ && $block =~ ^[1-9][0-9]*$ ]] || { echo "REPLICATES and BLOCK must be positive whole numbers" >&2; exit 2; }
[[ -e $output ]] && { echo "$output exists; remove it first (carecast never overwrites it)" >&2; exit 1; }
here=$(dirname "$(realpath "$0")")
outdir="$(dirname "$output")/parts-$(basename "$output" .nc)"
mkdir -p "$outdir" logs
# Check the scenario once here, so a mistake fails now rather than in every task.
"${CARECAST:-carecast}" validate "$scenario"
tasks=$(((replicates + block - 1) / block))
range="0-$((tasks - 1))${concurrency:+%$concurrency}"
# shellcheck disable=SC2086
array_id=$(sbatch --parsable ${SBATCH_ARGS:-} --array="$range" \
    --export=ALL,SCENARIO="$scenario",OUTDIR="$outdir",BLOCK="$block",REPLICATES="$replicates" \
    "$here/array_task.sbatch")
array_id=${array_id%%;*}
# shellcheck disable=SC2086
merge_id=$(sbatch --parsable ${SBATCH_ARGS:-} --dependency=afterok:"$array_id" \
    --export=ALL,OUTDIR="$outdir",OUTPUT="$output",REPLICATES="$replicates" "$here/merge.sbatch")
echo "array job $array_id ($tasks tasks of $block replicates) -> $outdir"
echo "merge job $merge_id (after every task succeeded) -> $output"
