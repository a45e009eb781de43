#!/usr/bin/env bash
# Where one replicate on several threads runs on one thread alone (issue 15: the efficiency of one
# replicate split across threads). Samples one run of carecast_bench with perf (software event
# cpu-clock, call stacks from DWARF, as bench/profile.sh) and prints, with bench/serial_share.py, the
# share of its samples taken while one thread alone was busy, and the call paths that time went to.
# Wall-clock efficiencies swing by several points from run to run on this VM; this share does not, so
# it is the measure of a change to the serial steps (bench/RESULTS.md).
#
#   BENCH=/work/build-ltop/carecast_bench bench/serial_share.sh                     # full model, x10, 2 threads
#   BENCH=... SCALE=10 THREADS=2 bench/serial_share.sh scenarios/checks/county_durham_demography_only.txtpb
#   KEEP=/tmp/serial BENCH=... bench/serial_share.sh                                # keep perf.data and the text
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCENARIO=${1:-$ROOT/scenarios/county_durham_baseline.txtpb}
BENCH=${BENCH:-$ROOT/build-profile/carecast_bench}
SCALE=${SCALE:-10}
THREADS=${THREADS:-2}
FREQ=${FREQ:-2000}
BIN_MS=${BIN_MS:-2}
[[ -x "$BENCH" ]] || { echo "serial_share.sh: no executable $BENCH (build carecast_bench, e.g. bench/profile.sh, or set BENCH)" >&2; exit 2; }
[[ -f "$SCENARIO" ]] || { echo "serial_share.sh: no scenario $SCENARIO" >&2; exit 2; }
command -v perf >/dev/null 2>&1 || { echo "serial_share.sh: perf not found (Debian: apt-get install linux-perf)" >&2; exit 3; }
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
[[ -n "${KEEP:-}" ]] || trap 'rm -rf "$work"' EXIT
echo "$BENCH $SCENARIO --scale $SCALE --replicates 1 --threads $THREADS; perf cpu-clock at $FREQ Hz; $(date -u '+%Y-%m-%d %H:%M UTC');" \
     "revision $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
perf record -q -e cpu-clock -F "$FREQ" --call-graph dwarf,8192 -o "$work/serial.data" -- \
    "$BENCH" "$SCENARIO" --scale "$SCALE" --replicates 1 --threads "$THREADS" --repeat 1 >"$work/bench.txt" 2>&1 ||
    { cat "$work/bench.txt" >&2; echo "serial_share.sh: the run failed" >&2; exit 2; }
grep -o 'run 1: .*' "$work/bench.txt" || true
perf script -i "$work/serial.data" -F tid,time,ip,sym 2>/dev/null >"$work/serial.txt"
python3 "$ROOT/bench/serial_share.py" "$work/serial.txt" --bin-ms "$BIN_MS"
