#!/usr/bin/env bash
# Submits a batch file as one MPI job (tools/slurm/batch_mpi.sbatch; docs/cluster.md, "MPI"). Usage:
#   tools/slurm/submit_batch.sh [options] BATCH.txtpb
# e.g. tools/slurm/submit_batch.sh --nodes 4 --tasks-per-node 1 --cpus 32 --mem 16G nightly.txtpb
# Options (environment variable in brackets, then the default, which starts on a 2-CPU node):
#   --nodes N           nodes                                [CARECAST_NODES, 1]
#   --tasks-per-node N  MPI ranks per node                   [CARECAST_TASKS_PER_NODE, 2]
#   --cpus N            CPUs (= threads) per rank            [CARECAST_CPUS, 1]
#   --mem SIZE          memory per node                      [CARECAST_MEM, 2G]
#   --time T            time limit                           [CARECAST_TIME, 02:00:00]
#   --mpi TYPE          srun --mpi type (see srun --mpi=list) [CARECAST_MPI, pmix]
#   -o, --output-directory DIR   instead of the batch file's output_directory
#   --partition P, --account A                               [SBATCH_PARTITION, SBATCH_ACCOUNT]
#   --logs DIR          job logs                             [CARECAST_LOGS, ./logs]
# SBATCH_ARGS adds sbatch options. CARECAST is the binary (default `carecast` on PATH); the compute nodes
# must see it and the batch's files at the same paths. Before submitting: carecast is found, the MPI type
# checked against srun --mpi=list, the log directory created and the job tested against the partition
# (sbatch --test-only, sinfo time limit); a request the partition cannot satisfy is refused with the
# reason. Submitting again while an earlier job for the same batch is queued or running makes the new job
# wait for it; it then redoes only unfinished work units.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
source "$here/common.sh"

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

nodes=${CARECAST_NODES:-1} per_node=${CARECAST_TASKS_PER_NODE:-2} cpus=${CARECAST_CPUS:-1}
mem=${CARECAST_MEM:-2G} time_limit=${CARECAST_TIME:-02:00:00} mpi=${CARECAST_MPI:-pmix}
logs=${CARECAST_LOGS:-logs} output_directory="" common=() positional=()
while (($#)); do
    case $1 in
        -h | --help) usage ;;
        --nodes | --tasks-per-node | --cpus | --mem | --time | --mpi | --partition | --account | --logs | --output-directory | -o)
            (($# >= 2)) || { echo "$1 needs a value" >&2; usage; }
            [[ $1 == -o ]] && set -- --output-directory "${@:2}"
            set -- "$1=$2" "${@:3}"
            continue ;;
        --nodes=*) nodes=${1#*=} ;;
        --tasks-per-node=*) per_node=${1#*=} ;;
        --cpus=*) cpus=${1#*=} ;;
        --mem=*) mem=${1#*=} ;;
        --time=*) time_limit=${1#*=} ;;
        --mpi=*) mpi=${1#*=} ;;
        --partition=* | --account=*) common+=("$1") ;;
        --logs=*) logs=${1#*=} ;;
        --output-directory=*) output_directory=${1#*=} ;;
        --) shift; positional+=("$@"); break ;;
        -*) echo "unknown option $1" >&2; usage ;;
        *) positional+=("$1") ;;
    esac
    shift
done
((${#positional[@]} == 1)) || usage
for number in "$nodes" "$per_node" "$cpus"; do
    [[ $number =~ ^[1-9][0-9]*$ ]] || die "--nodes, --tasks-per-node and --cpus must be positive whole numbers"
done
[[ -f ${positional[0]} ]] || die "batch file ${positional[0]} does not exist"
batch=$(realpath "${positional[0]}")
[[ -n $output_directory ]] && output_directory=$(realpath -m "$output_directory")

need_slurm
carecast=$(find_carecast)
logs=$(log_directory "$logs")
offered=$(srun --mpi=list 2>&1 | awk '/^[[:space:]]+[a-z]/ { print $1 }' | paste -sd ' ' -)
if [[ " $offered " != *" $mpi "* ]]; then
    die "srun --mpi=$mpi is not offered by this cluster (srun --mpi=list: ${offered:-nothing}); choose one with --mpi"
fi
if [[ $mpi == none ]] && ((nodes * per_node > 1)); then
    die "--mpi=none starts $((nodes * per_node)) unconnected processes (carecast refuses them); use --mpi=pmix or one rank"
fi

name=$(basename "${batch%.*}")
tag="carecast batch=$batch output=${output_directory:-(batch file)}"
# shellcheck disable=SC2206  # SBATCH_ARGS is a list of options, split on spaces
common+=(${SBATCH_ARGS:-} --comment="$tag")
# shellcheck disable=SC2054  # the commas are inside --export=
job=("${common[@]}" --job-name="$name-batch" --nodes="$nodes" --ntasks-per-node="$per_node" --cpus-per-task="$cpus"
     --mem="$mem" --time="$time_limit" --output="$logs/%x_%j.out"
     --export=ALL,CARECAST="$carecast",BATCH="$batch",CARECAST_MPI="$mpi",OUTPUT_DIRECTORY="$output_directory")
check_fits "MPI batch" "$here/batch_mpi.sbatch" "${job[@]}"

after=""
while read -r id job_name _; do
    [[ -n $id && $job_name == "$name-batch" ]] || continue
    after+=":$id"
    echo "job $id for the same batch is still queued or running: the new job starts when it ends and redoes only unfinished units"
done < <(queued_jobs_with_comment "$tag")
[[ -n $after ]] && job+=(--dependency="afterany$after")

id=$(sbatch --parsable "${job[@]}" "$here/batch_mpi.sbatch") || die "sbatch refused the job"
id=${id%%;*}
echo "batch job $id ($name-batch): $nodes node(s) x $per_node rank(s) x $cpus CPU(s), srun --mpi=$mpi -> $logs/$name-batch_$id.out"
