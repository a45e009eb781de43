#!/usr/bin/env bash
# Submits a Slurm array of partial runs of one scenario and a merge job that starts only if every task
# succeeded (docs/cluster.md, "Slurm arrays and merge"). Usage:
#   tools/slurm/submit_array.sh [options] SCENARIO.txtpb REPLICATES BLOCK OUTPUT.nc [MAX_SIMULTANEOUS]
# e.g. tools/slurm/submit_array.sh --cpus 8 --merge-mem 8G scenarios/county_durham_baseline.txtpb 1000 50 results/cd_1000.nc 20
# submits tasks 0..19 (replicates 0:50, 50:100, ..., 950:1000) and the merge into results/cd_1000.nc;
# partial files go to OUTPUT's directory under parts-<OUTPUT name>/.
# Options (environment variable in brackets, then the default, which starts on a 2-CPU node):
#   --cpus N         CPUs (= threads) per array task        [CARECAST_CPUS, 2]
#   --mem SIZE       memory per array task                  [CARECAST_MEM, 2G]
#   --time T         time limit per array task              [CARECAST_TIME, 01:00:00]
#   --merge-cpus N   CPUs of the merge job                  [CARECAST_MERGE_CPUS, 1]
#   --merge-mem SIZE memory of the merge job, which holds every part: ~7 MB per County Durham
#                    2016-2040 replicate, plus 35 MB        [CARECAST_MERGE_MEM, 2G]
#   --merge-time T   time limit of the merge job            [CARECAST_MERGE_TIME, 00:30:00]
#   --partition P, --account A   for both jobs              [SBATCH_PARTITION, SBATCH_ACCOUNT]
#   --logs DIR       job logs                               [CARECAST_LOGS, ./logs]
#   --seed S         override the scenario's seed           [SEED]
# SBATCH_ARGS adds sbatch options to both jobs (e.g. "--qos=long"). CARECAST is the binary (default
# `carecast` on PATH); the compute nodes must see it, the scenario and OUTPUT's directory at the same paths.
# Before submitting: the scenario is validated, carecast found, the log directory created, and both
# jobs tested against the partition (sbatch --test-only, sinfo time limit); a request the partition
# cannot satisfy is refused with the reason. Submitting again for the same OUTPUT (after a failed or
# cancelled task) replaces the stale merge job, waits for any tasks of the earlier array still queued
# or running, and recomputes only the missing parts.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

cpus=${CARECAST_CPUS:-2} mem=${CARECAST_MEM:-2G} time_limit=${CARECAST_TIME:-01:00:00}
merge_cpus=${CARECAST_MERGE_CPUS:-1} merge_mem=${CARECAST_MERGE_MEM:-2G} merge_time=${CARECAST_MERGE_TIME:-00:30:00}
logs=${CARECAST_LOGS:-logs} seed=${SEED:-} common=()
positional=()
while (($#)); do
    case $1 in
        -h | --help) usage ;;
        --cpus | --mem | --time | --merge-cpus | --merge-mem | --merge-time | --partition | --account | --logs | --seed)
            (($# >= 2)) || { echo "$1 needs a value" >&2; usage; }
            set -- "$1=$2" "${@:3}"
            continue ;;
        --cpus=*) cpus=${1#*=} ;;
        --mem=*) mem=${1#*=} ;;
        --time=*) time_limit=${1#*=} ;;
        --merge-cpus=*) merge_cpus=${1#*=} ;;
        --merge-mem=*) merge_mem=${1#*=} ;;
        --merge-time=*) merge_time=${1#*=} ;;
        --partition=* | --account=*) common+=("$1") ;;
        --logs=*) logs=${1#*=} ;;
        --seed=*) seed=${1#*=} ;;
        --) shift; positional+=("$@"); break ;;
        -*) echo "unknown option $1" >&2; usage ;;
        *) positional+=("$1") ;;
    esac
    shift
done
((${#positional[@]} == 4 || ${#positional[@]} == 5)) || usage
replicates=${positional[1]} block=${positional[2]} concurrency=${positional[4]:-}
[[ $replicates =~ ^[1-9][0-9]*$ && $block =~ ^[1-9][0-9]*$ ]] || die "REPLICATES and BLOCK must be positive whole numbers"
[[ -z $concurrency || $concurrency =~ ^[1-9][0-9]*$ ]] || die "MAX_SIMULTANEOUS must be a positive whole number"
[[ $cpus =~ ^[1-9][0-9]*$ && $merge_cpus =~ ^[1-9][0-9]*$ ]] || die "--cpus and --merge-cpus must be positive whole numbers"
[[ -z $seed || $seed =~ ^[0-9]+$ ]] || die "--seed must be a whole number"
[[ -f ${positional[0]} ]] || die "scenario file ${positional[0]} does not exist"
scenario=$(realpath "${positional[0]}")
output=$(realpath -m "${positional[3]}")
[[ $output == *.nc || $output == *.h5 ]] || die "OUTPUT $output must end in .nc or .h5"
[[ -e $output ]] && die "$output exists; remove it first (carecast never overwrites it)"

need_slurm
carecast=$(find_carecast)
logs=$(log_directory "$logs")
# Check the scenario once here, so a mistake fails now rather than in every task.
"$carecast" validate "$scenario" >/dev/null || die "$scenario is not valid (errors above); nothing submitted"
outdir="$(dirname "$output")/parts-$(basename "${output%.*}")"

name=$(basename "${scenario%.*}")
tag="carecast output=$output"  # the jobs' comment: finds an earlier submission for this output
# shellcheck disable=SC2206  # SBATCH_ARGS is a list of options, split on spaces
common+=(${SBATCH_ARGS:-} --comment="$tag")
tasks=$(((replicates + block - 1) / block))
# shellcheck disable=SC2054  # the commas are inside --export=
work=("${common[@]}" --job-name="$name-work" --array="0-$((tasks - 1))${concurrency:+%$concurrency}"
      --ntasks=1 --cpus-per-task="$cpus" --mem="$mem" --time="$time_limit" --output="$logs/%x_%A_%a.out"
      --export=ALL,CARECAST="$carecast",SCENARIO="$scenario",OUTDIR="$outdir",BLOCK="$block",REPLICATES="$replicates",SEED="$seed")
# shellcheck disable=SC2054
merge=("${common[@]}" --job-name="$name-merge" --kill-on-invalid-dep=yes
       --ntasks=1 --cpus-per-task="$merge_cpus" --mem="$merge_mem" --time="$merge_time" --output="$logs/%x_%j.out"
       --export=ALL,CARECAST="$carecast",OUTDIR="$outdir",OUTPUT="$output",REPLICATES="$replicates")
check_fits "array task" "$here/array_task.sbatch" "${work[@]}"
check_fits "merge" "$here/merge.sbatch" "${merge[@]}"

mkdir -p "$outdir" || die "cannot create $outdir"

# An earlier submission for this output: its merge is stale (it waits for the old array), so it is
# cancelled; tasks of the old array still queued or running are waited for, so no part is computed twice.
after=""
while read -r job job_name state reason; do
    [[ -n $job ]] || continue
    if [[ $job_name == "$name-merge" ]]; then
        scancel "$job" && echo "cancelled the earlier merge job $job ($state, $reason): replaced by the new one"
    elif [[ $job_name == "$name-work" ]]; then
        after+=":$job"
        echo "array job $job for the same output is still queued or running: the new tasks start when it ends"
    fi
done < <(queued_jobs_with_comment "$tag")
[[ -n $after ]] && work+=(--dependency="afterany$after")

array_id=$(sbatch --parsable "${work[@]}" "$here/array_task.sbatch") || die "sbatch refused the array job"
array_id=${array_id%%;*}
merge_id=$(sbatch --parsable "${merge[@]}" --dependency=afterok:"$array_id" "$here/merge.sbatch") || {
    scancel "$array_id"
    die "sbatch refused the merge job; cancelled array job $array_id"
}
merge_id=${merge_id%%;*}
echo "array job $array_id ($name-work): $tasks tasks of $block replicates, $cpus CPUs and $mem each -> $outdir"
echo "merge job $merge_id ($name-merge): after every task succeeded (cancelled if one fails) -> $output"
echo "logs: $logs/$name-work_${array_id}_<task>.out and $logs/$name-merge_$merge_id.out"
