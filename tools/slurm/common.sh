# shellcheck shell=bash
# Sourced by submit_array.sh and submit_batch.sh: the checks made before anything is queued, so a
# request that cannot run is refused now, with the reason, instead of pending forever or failing at launch.

die() {
    echo "$(basename "$0"): error: $*" >&2
    exit 1
}

# Slurm commands must be here (the login node).
need_slurm() {
    local command
    for command in sbatch squeue scancel sinfo; do
        command -v "$command" >/dev/null || die "'$command' not found: run this on a Slurm login node (Debian: slurm-client)"
    done
}

# The absolute path of the carecast binary (CARECAST, default `carecast` on PATH). Tasks get this path,
# so the compute nodes must see it at the same place (a shared filesystem).
find_carecast() {
    local wanted=${CARECAST:-carecast} path
    path=$(command -v -- "$wanted") ||
        die "carecast not found (CARECAST=$wanted): put it on PATH or set CARECAST=/path/to/build/carecast"
    path=$(realpath -- "$path")
    [[ -f $path && -x $path ]] || die "$path is not an executable file (CARECAST=$wanted)"
    "$path" --version >/dev/null 2>&1 || die "$path --version failed: is it a carecast binary built for this machine?"
    echo "$path"
}

# Creates the log directory (Slurm cannot: a job whose --output directory is missing fails at launch
# with JobLaunchFailure and the reason only in slurmd's log) and prints its absolute path.
log_directory() {
    local directory=$1
    mkdir -p -- "$directory" || die "cannot create the log directory $directory"
    [[ -w $directory ]] || die "the log directory $directory is not writable"
    realpath -- "$directory"
}

# A Slurm time limit ("infinite", M, M:S, H:M:S, D-H, D-H:M, D-H:M:S) in seconds; -1 for no limit.
slurm_seconds() {
    local text=$1 days=0 hours=0 minutes=0 seconds=0 fields
    case $text in infinite | INFINITE | UNLIMITED | unlimited) echo -1; return 0 ;; esac
    [[ $text =~ ^([0-9]+-)?[0-9]+(:[0-9]+){0,2}$ ]] || return 1
    if [[ $text == *-* ]]; then
        days=${text%%-*}
        IFS=: read -ra fields <<<"${text#*-}"
        hours=${fields[0]} minutes=${fields[1]:-0} seconds=${fields[2]:-0}
    else
        IFS=: read -ra fields <<<"$text"
        case ${#fields[@]} in
            1) minutes=${fields[0]} ;;
            2) minutes=${fields[0]} seconds=${fields[1]} ;;
            3) hours=${fields[0]} minutes=${fields[1]} seconds=${fields[2]} ;;
        esac
    fi
    echo $(((((10#$days * 24) + 10#$hours) * 60 + 10#$minutes) * 60 + 10#$seconds))
}

# The partition a job will go to: the --partition among the arguments, else SBATCH_PARTITION, else the
# cluster's default (marked * by sinfo).
partition_of() {
    local argument partition=${SBATCH_PARTITION:-}
    for argument in "$@"; do
        [[ $argument == --partition=* ]] && partition=${argument#--partition=}
    done
    [[ -n $partition ]] || partition=$(sinfo -h -o '%P' | sed -n 's/\*$//p' | head -n 1)
    echo "$partition"
}

# The sizing options among sbatch arguments, for messages.
sizes_of() {
    local argument sizes=()
    for argument in "$@"; do
        case $argument in
            --nodes=* | --ntasks=* | --ntasks-per-node=* | --cpus-per-task=* | --mem=* | --time=* | --array=*) sizes+=("$argument") ;;
        esac
    done
    echo "${sizes[*]}"
}

# check_fits ROLE SCRIPT SBATCH_ARGUMENT...: refuses (exit 1, with the reason and what the partition
# offers) a job that the partition cannot run. `sbatch --test-only` catches CPUs, memory, nodes and
# unknown partitions or accounts; a time limit above the partition's is accepted by sbatch but the job
# then pends forever (PartitionTimeLimit), so it is compared with sinfo's limit here.
check_fits() {
    local role=$1 script=$2
    shift 2
    local answer partition offer argument requested="" limit limit_seconds requested_seconds
    partition=$(partition_of "$@")
    offer=$(sinfo -h ${partition:+-p "$partition"} -o '%c CPUs and %m MB per node, %D node(s), time limit %l' 2>/dev/null |
        sort -u | paste -sd ';' -)
    if ! answer=$(sbatch --test-only "$@" "$script" 2>&1); then
        answer=$(grep -v '^sbatch: Job ' <<<"$answer" | sed 's/^sbatch: error: //; s/^allocation failure: //' | paste -sd ';' -)
        die "the $role job cannot run on partition ${partition:-?} as requested ($(sizes_of "$@")): Slurm says \"$answer\"." \
            "The partition offers: ${offer:-unknown}. Ask for less (see --help) or choose another partition."
    fi
    for argument in "$@"; do
        [[ $argument == --time=* ]] && requested=${argument#--time=}
    done
    [[ -n $requested && -n $partition && $partition != *,* ]] || return 0
    limit=$(sinfo -h -p "$partition" -o '%l' | head -n 1)
    limit_seconds=$(slurm_seconds "$limit") || return 0
    requested_seconds=$(slurm_seconds "$requested") || die "the $role job's time limit '$requested' is not a Slurm time (e.g. 90, 01:30:00, 1-12:00:00)"
    if ((limit_seconds >= 0 && requested_seconds > limit_seconds)); then
        die "the $role job asks for --time=$requested but partition $partition allows at most $limit:" \
            "Slurm would leave it pending (PartitionTimeLimit). Ask for less time (see --help) or choose another partition."
    fi
}

# Jobs of this user still queued or running whose comment is $1: "JOBID NAME STATE REASON", one line per
# job (an array once, under its array job id, with the state of its first task listed).
queued_jobs_with_comment() {
    squeue -h -u "$(id -un)" -o '%F|%j|%T|%r|%k' |
        awk -F'|' -v comment="$1" '$5 == comment && !seen[$1]++ { print $1, $2, $3, $4 }'
}
