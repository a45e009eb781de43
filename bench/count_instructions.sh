#!/usr/bin/env bash
# Instructions, conditional branches and (simulated) mispredicted branches per person-year of one
# replicate, counted by valgrind's cachegrind: figures that do not drift with the machine's speed, so a
# change to the yearly step shows as a count, where timings on this shared VM swing by several percent.
#
#   bench/count_instructions.sh                                   # County Durham, full model
#   BENCH=/work/build-exp/carecast_bench bench/count_instructions.sh scenarios/checks/county_durham_demography_only.txtpb
#   TOP=25 bench/count_instructions.sh                            # and the 25 costliest functions
#
# What it counts: carecast_bench with 1 and with 2 replicates (1 thread, one fresh child process each);
# the difference of the two counts, divided by the difference of their person-years, is one
# replicate's cost (base-year states, 20 yearly steps, arrivals) without loading and building the model.
# Under valgrind the CPU reports no AVX-512, so the step takes its portable paths (engine/core/cpu_paths):
# Philox blocks one at a time (Random123's scalar code) and compaction element by element, which cost more
# instructions than the AVX-512 paths used natively. Compare counts with counts, never with timings.
# Mispredictions are cachegrind's model of a simple predictor, not the CPU's: a guide to which branches
# are random, not a measure. About 25 s per replicate of County Durham; never time this run.
#
# Exit status: 0, 2 if valgrind or the binary is missing or a run fails.
set -euo pipefail
case "${1:-}" in
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCENARIO=${1:-$ROOT/scenarios/county_durham_baseline.txtpb}
BENCH=${BENCH:-$ROOT/build/carecast_bench}
TOP=${TOP:-0}
command -v valgrind >/dev/null 2>&1 || { echo "count_instructions.sh: valgrind not found (Debian: apt-get install valgrind)" >&2; exit 2; }
[[ -x "$BENCH" ]] || { echo "count_instructions.sh: no executable $BENCH (build carecast_bench or set BENCH)" >&2; exit 2; }
[[ -f "$SCENARIO" ]] || { echo "count_instructions.sh: no scenario $SCENARIO" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs R replicates under cachegrind; prints "instructions branches mispredicted person_years digest".
count() {
    local r=$1
    valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --trace-children=yes \
        --cachegrind-out-file="$work/r$r.%p" "$BENCH" --scenario "$SCENARIO" -r "$r" -t 1 --repeat 1 \
        >"$work/r$r.txt" 2>&1 || { cat "$work/r$r.txt" >&2; echo "count_instructions.sh: the run failed" >&2; exit 2; }
    local result child
    result=$(grep '^RESULT ' "$work/r$r.txt") || { cat "$work/r$r.txt" >&2; exit 2; }
    # The child process that simulated holds by far the most instructions.
    child=$(for f in "$work"/r"$r".*[0-9]; do echo "$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$f") $f"; done |
            sort -n | tail -1 | cut -d' ' -f2)
    cp "$child" "$work/child$r.out"
    local summary
    summary=$(sed -n 's/^summary: //p' "$child")  # Ir Bc Bcm Bi Bim, in the events' order
    local events
    events=$(sed -n 's/^events: //p' "$child")
    python3 - "$events" "$summary" "$result" <<'EOF'
import sys
events, values = sys.argv[1].split(), [int(v) for v in sys.argv[2].split()]
e = dict(zip(events, values))
fields = dict(f.split('=', 1) for f in sys.argv[3].split()[1:] if '=' in f)
print(e['Ir'], e['Bc'], e['Bcm'], fields['person_years'], fields['digest'])
EOF
}

echo "$BENCH $SCENARIO, 1 thread, under cachegrind (portable paths); $(date -u '+%Y-%m-%d %H:%M UTC'); revision $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
read -r i1 b1 m1 p1 d1 < <(count 1)
read -r i2 b2 m2 p2 d2 < <(count 2)
python3 - "$i1" "$b1" "$m1" "$p1" "$i2" "$b2" "$m2" "$p2" <<'EOF'
import sys
i1, b1, m1, p1, i2, b2, m2, p2 = map(int, sys.argv[1:])
py = p2 - p1
print(f"one replicate: {py} person-years")
print(f"instructions per person-year        {(i2 - i1) / py:8.1f}")
print(f"conditional branches per person-year {(b2 - b1) / py:8.2f}")
print(f"mispredicted (simulated) per person-year {(m2 - m1) / py:6.3f}")
print(f"fixed cost (load, model build, 1 replicate's share removed): {(i1 - (i2 - i1)) / 1e6:.0f} M instructions")
EOF
echo "digests: $d1 (1 replicate), $d2 (2 replicates)"
if [[ "$TOP" -gt 0 ]]; then
    echo "costliest functions of the 2-replicate run (instructions; inlined code named by its source file):"
    cg_annotate --show=Ir,Bc,Bcm --sort=Ir --auto=no "$work/child2.out" 2>/dev/null |
        sed -n '/file:function/,/^$/p' | sed -n "2,$((TOP + 1))p" | cut -c1-200
fi
