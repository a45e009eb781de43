#!/usr/bin/env bash
# Batch throughput at 1 and 2 processes (issue 5, item 6; issue 15, item 4): the same batch of County
# Durham baseline replicates run by `carecast batch` in one process and under `mpirun -np 2`, and the
# efficiency of the split. With ENGLAND=1, also one replicate of all England (`carecast init england`)
# on 1 thread, on 2 threads of one process, and over 2 ranks of 1 thread with its areas cut into parts
# (area_parts_per_unit), and that split's efficiency. Results go to stdout as Markdown tables (append them to
# bench/RESULTS.md by hand).
#
#   bench/run_batch_bench.sh [BUILD_DIR]      (default build-batch; needs openmpi-bin for the MPI rows)
# Environment: REPLICATES (default 8), PER_UNIT (replicates per work unit, default 1), REPEATS (default 2),
# SCENARIO (default scenarios/county_durham_baseline.txtpb); ENGLAND (1: the England cases, about 3
# minutes a repeat here; 0, the default: not), ENGLAND_PARTS (area parts of the replicate, default 2),
# ENGLAND_REPEATS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-batch}
carecast=$(realpath "$build/carecast")
scenario=$(realpath "${SCENARIO:-scenarios/county_durham_baseline.txtpb}")
replicates=${REPLICATES:-8}
per_unit=${PER_UNIT:-1}
repeats=${REPEATS:-2}
python=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/carecast-batch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

england=${ENGLAND:-0}
england_parts=${ENGLAND_PARTS:-2}
england_repeats=${ENGLAND_REPEATS:-1}

# write_batch FILE SCENARIO REPLICATES PER_UNIT AREA_PARTS: a batch writing OUTPUT_DIR/baseline.nc.
write_batch() {
    cat > "$1" <<BATCH
schema_version: 1
name: "bench"
replicates_per_unit: $4
area_parts_per_unit: $5
scenario { path: "$2" output: "baseline.nc" replicates: $3 }
BATCH
}
batch=$work/batch.txtpb
write_batch "$batch" "$scenario" "$replicates" "$per_unit" 0

# Person-years simulated per replicate: the mid-year populations of every simulated year (an exact count
# of the people stepped through a year is not in the file; this is within a fraction of a percent).
person_years() {
    "$python" - "$1" <<'PY'
import sys, netCDF4
with netCDF4.Dataset(sys.argv[1]) as ds:
    pop = ds["population"][...]
    print(int(pop[:, :-1].sum()))
PY
}

other_load() { awk '{print $1}' /proc/loadavg; }

run_case() {  # run_case LABEL PROCESSES THREADS COMMAND...
    local label=$1 processes=$2 threads=$3; shift 3
    local walls=() cpus=() load
    for ((i = 0; i < repeats; i++)); do
        rm -rf "$work/out"
        load=$(other_load)
        # real and user+sys CPU seconds of the command and every process it started (mpirun's ranks too).
        local TIMEFORMAT='%R %U %S'
        { time "$@" "$batch" -o "$work/out" --threads "$threads" --quiet 2>>"$work/log"; } 2>"$work/time"
        read -r real user sys <"$work/time"
        walls+=("$real")
        cpus+=("$(echo "$user + $sys" | bc -l)")
    done
    local best cpu py digest
    best=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | head -n 1)
    py=$(person_years "$work/out/baseline.nc")
    digest=$(ncdump -h "$work/out/baseline.nc" | sed -nE 's/.*:results_digest = "(.*)" ;/\1/p')
    printf '| %s | %d | %d | %d | %s | %.2f | %.3f | %.2f | %.2f | %.2f | %s | %s |\n' "$label" "$processes" "$threads" \
        "$replicates" "${walls[*]}" "$best" "$(echo "$replicates / $best" | bc -l)" "$(echo "$py / $best / 1000000" | bc -l)" \
        "$cpu" "$(echo "$py / $cpu / 1000000" | bc -l)" "$load" "$digest"
    echo "$best" >"$work/best_$label"
    echo "$cpu" >"$work/cpu_$label"
}

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(date -u '+%Y-%m-%d %H:%M UTC'), carecast $("$carecast" --version)"
echo "batch: $scenario, $replicates replicates, $per_unit per work unit, best of $repeats"
echo
echo "| case | processes | threads each | replicates | wall s (each run) | best wall s | replicates/s | M person-years/s (wall) | CPU s (least) | M person-years per CPU-s | load average before | results_digest |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
run_case serial_1x1 1 1 "$carecast" batch
run_case serial_1x2 1 2 "$carecast" batch
if command -v mpirun >/dev/null && "$carecast" batch --help >/dev/null; then
    run_case mpi_2x1 2 1 mpirun --bind-to none -np 2 "$carecast" batch
    # Open MPI's default binding for np <= 2 is one core per rank: 2 threads in a rank launched without
    # --bind-to none share one core (the starvation docs/cluster.md warns about).
    run_case mpi_1x2_default_binding 1 2 mpirun -np 1 "$carecast" batch
fi
serial=$(cat "$work/best_serial_1x1")
serial_cpu=$(cat "$work/cpu_serial_1x1")
echo
if [[ -f $work/best_mpi_2x1 ]]; then
    mpi=$(cat "$work/best_mpi_2x1")
    mpi_cpu=$(cat "$work/cpu_mpi_2x1")
    printf 'wall-clock speed-up of 2 ranks over 1 (1 thread each): %.2f, efficiency %.0f%%\n' \
        "$(echo "$serial / $mpi" | bc -l)" "$(echo "100 * $serial / $mpi / 2" | bc -l)"
    printf 'CPU cost of the 2-rank split: %.2f x the 1-rank CPU seconds (efficiency on idle cores at most %.0f%%)\n' \
        "$(echo "$mpi_cpu / $serial_cpu" | bc -l)" "$(echo "100 * $serial_cpu / $mpi_cpu" | bc -l)"
fi
threads2=$(cat "$work/best_serial_1x2")
printf 'wall-clock speed-up of 2 threads over 1 in one process: %.2f, efficiency %.0f%%\n' \
    "$(echo "$serial / $threads2" | bc -l)" "$(echo "100 * $serial / $threads2 / 2" | bc -l)"

[[ $england == 1 ]] || exit 0
# One replicate of all England: every council's area (`carecast init england`), 1 replicate, one unit.
echo
"$carecast" init england -o "$work/england" >>"$work/log" 2>&1 ||
    { tail -20 "$work/log" >&2; echo "run_batch_bench.sh: carecast init england failed" >&2; exit 1; }
england_scenario=$work/england/england_baseline.txtpb
areas=$(($(grep -vc "^#" "$work/england/data/england/area_parameters.csv") - 1))
echo "England: $england_scenario ($areas areas), 1 replicate, in $england_parts area parts for the 2-rank case," \
     "best of $england_repeats"
echo
echo "| case | processes | threads each | replicates | wall s (each run) | best wall s | replicates/s | M person-years/s (wall) | CPU s (least) | M person-years per CPU-s | load average before | results_digest |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
repeats=$england_repeats
replicates=1
write_batch "$batch" "$england_scenario" 1 1 0
run_case england_1x1 1 1 "$carecast" batch
run_case england_1x2 1 2 "$carecast" batch
if command -v mpirun >/dev/null; then
    write_batch "$batch" "$england_scenario" 1 1 "$england_parts"
    run_case england_mpi_2x1_parts 2 1 mpirun --bind-to none -np 2 "$carecast" batch
fi
echo
one=$(cat "$work/best_england_1x1")
two=$(cat "$work/best_england_1x2")
printf 'one England replicate, 2 threads of one process over 1: speed-up %.2f, efficiency %.0f%%\n' \
    "$(echo "$one / $two" | bc -l)" "$(echo "100 * $one / $two / 2" | bc -l)"
if [[ -f $work/best_england_mpi_2x1_parts ]]; then
    ranks=$(cat "$work/best_england_mpi_2x1_parts")
    printf 'one England replicate, 2 ranks (area parts) over 1: speed-up %.2f, efficiency %.0f%%; CPU %.2f x\n' \
        "$(echo "$one / $ranks" | bc -l)" "$(echo "100 * $one / $ranks / 2" | bc -l)" \
        "$(echo "$(cat "$work/cpu_england_mpi_2x1_parts") / $(cat "$work/cpu_england_1x1")" | bc -l)"
fi
