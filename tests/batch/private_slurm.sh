# shellcheck shell=bash
# A private single-node Slurm for tests, sourced by real_slurm.sh: its own munge key and socket, its own
# slurm.conf, state, spool and log directories under one folder, daemons started directly (no systemd)
# and stopped by PID. Needs root and Debian's slurm-wlm and munge.
#
#   private_slurm_missing          prints why a private Slurm cannot start here (empty: it can)
#   private_slurm_start DIR        starts munged, slurmctld and slurmd under DIR (must be empty or new;
#                                  every directory above it executable by all, as munged insists);
#                                  exports SLURM_CONF for the clients (sbatch, squeue, ...)
#   private_slurm_stop             cancels every job, waits for their processes, stops the daemons by PID
#                                  (TERM, then KILL after 10 s); safe to call twice, from a trap. A
#                                  watchdog calls it if the starting shell dies without its trap.
#
# Settings: PRIVATE_SLURM_CPUS (2), PRIVATE_SLURM_MEMORY_MB (4000), PRIVATE_SLURM_MAX_TIME (02:00:00),
# PRIVATE_SLURM_MPI_DEFAULT (none: like a cluster whose jobs must ask for PMIx themselves).

private_slurm_pids=()  # started daemons, in start order
private_slurm_dir=""
private_slurm_watchdog=""

private_slurm_missing() {
    local command package
    if [[ $(id -u) -ne 0 ]]; then
        echo "not root (the private Slurm's daemons run as root)"
        return
    fi
    for command in munged:munge munge:munge slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client \
        srun:slurm-client squeue:slurm-client scontrol:slurm-client python3:python3; do
        package=${command#*:} command=${command%%:*}
        if ! command -v "$command" >/dev/null; then
            echo "$command not found (Debian package $package): install slurm-wlm and munge (tools/setup.sh test does)"
            return
        fi
    done
}

# Two free TCP ports on this machine, for slurmctld and slurmd (several private clusters may run at once).
private_slurm_free_ports() {
    python3 - <<'PY'
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
PY
}

private_slurm_wait() {  # private_slurm_wait SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            echo "private Slurm: $what did not happen within $seconds s" >&2
            return 1
        fi
        sleep 0.5
    done
}

private_slurm_node_idle() {
    [[ $(sinfo -h -o '%T' 2>/dev/null) == idle ]]
}

private_slurm_no_jobs() {  # nothing pending, running or completing
    [[ -z $(squeue -h -o %i 2>/dev/null) ]]
}

private_slurm_start() {
    local dir=$1 host ports
    mkdir -p "$dir"
    private_slurm_dir=$(realpath "$dir")
    dir=$private_slurm_dir
    # munged insists every directory on its socket's path is executable by all.
    chmod 755 "$dir"
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
    chmod 700 "$dir/state" "$dir/spool"
    # Clients must not see the environment of a job this test may itself be running in.
    local variable
    for variable in $(compgen -e | grep -E '^(SLURM_|SBATCH_|SRUN_|SALLOC_|SQUEUE_|SINFO_|PMIX_|PMI_|OMPI_)' || true); do
        unset "$variable"
    done

    head -c 1024 /dev/urandom >"$dir/munge/munge.key"
    chmod 400 "$dir/munge/munge.key"
    munged --foreground --key-file="$dir/munge/munge.key" --socket="$dir/munge/socket" \
        --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
        >"$dir/log/munged.out" 2>&1 &
    private_slurm_pids+=($!)
    private_slurm_wait 10 "munged's socket" test -S "$dir/munge/socket" || { cat "$dir/log/munged.out" >&2; return 1; }

    host=$(hostname -s)
    read -r -a ports <<<"$(private_slurm_free_ports)"
    cat >"$dir/slurm.conf" <<CONF
# A private single-node Slurm (tests/batch/private_slurm.sh)
ClusterName=carecast-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
MpiDefault=${PRIVATE_SLURM_MPI_DEFAULT:-none}
ReturnToService=2
MinJobAge=3600
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=${PRIVATE_SLURM_CPUS:-2} RealMemory=${PRIVATE_SLURM_MEMORY_MB:-4000} State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=${PRIVATE_SLURM_MAX_TIME:-02:00:00} State=UP
CONF
    export SLURM_CONF="$dir/slurm.conf"
    slurmctld -D -c -i -f "$SLURM_CONF" >"$dir/log/slurmctld.out" 2>&1 &
    private_slurm_pids+=($!)
    slurmd -D -f "$SLURM_CONF" >"$dir/log/slurmd.out" 2>&1 &
    private_slurm_pids+=($!)
    # If this shell dies without running its trap (SIGKILL, a ctest time-out), a watchdog stops the cluster.
    local owner=$$
    (
        while kill -0 "$owner" 2>/dev/null; do sleep 1; done
        private_slurm_stop
    ) >/dev/null 2>&1 &
    private_slurm_watchdog=$!
    if ! private_slurm_wait 30 "the node becoming idle" private_slurm_node_idle; then
        tail -n 20 "$dir/log/slurmctld.out" "$dir/log/slurmd.out" >&2
        return 1
    fi
}

private_slurm_stop() {
    [[ -n $private_slurm_dir ]] || return 0
    local pid deadline i
    if [[ -n $private_slurm_watchdog ]]; then
        kill "$private_slurm_watchdog" 2>/dev/null || true
        wait "$private_slurm_watchdog" 2>/dev/null || true
        private_slurm_watchdog=""
    fi
    if ((${#private_slurm_pids[@]} >= 3)) && kill -0 "${private_slurm_pids[2]}" 2>/dev/null; then
        # Job processes outlive slurmd: cancel every job of this cluster, wait for them to end, and
        # kill what slurmd still lists as job processes.
        scancel --quiet --full --user=root 2>/dev/null || true
        private_slurm_wait 20 "every job ending" private_slurm_no_jobs || true
        for pid in $(scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1 }'); do
            kill -KILL "$pid" 2>/dev/null || true
        done
    fi
    # Daemons last-started first: slurmd, slurmctld, munged.
    for ((i = ${#private_slurm_pids[@]} - 1; i >= 0; i--)); do
        pid=${private_slurm_pids[i]}
        kill -TERM "$pid" 2>/dev/null || continue
        deadline=$((SECONDS + 10))
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    private_slurm_pids=()
    private_slurm_dir=""
}
