#!/usr/bin/env bash
# Benchmarks the demographic core: simulated person-years per second per core at 1 and 2 threads and
# peak memory per simulated person, on the County Durham baseline and on a population 10 times larger.
# Builds carecast_bench (Release) if needed, prints the machine, runs every case, prints a summary
# table (paste it into bench/RESULTS.md) and exits 1 if a target is missed (BENCH_ENFORCE=0: exit 0).
#
#   bench/run_bench.sh                 # about 2-3 minutes on 2 cores
#   BUILD_DIR=/tmp/b bench/run_bench.sh
#   BENCH=/tmp/proto/bench bench/run_bench.sh   # an already-built carecast_bench (e.g. a prototype)
#
# Timed cases run 3 times (median and best reported); memory cases run once, each in its own process,
# so one case's peak cannot pollute the next. Targets: >= 20 M person-years/s/core, <= 64 B/person.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
SCENARIO=${SCENARIO:-scenarios/county_durham_baseline.txtpb}
REPEAT=${REPEAT:-3}
cd "$ROOT"

# --- build (Release, without the test suite so the benchmark never waits on test sources) ---
if [[ -z "${BENCH:-}" ]]; then
  build_log="$BUILD_DIR/run_bench_build.log"
  mkdir -p "$BUILD_DIR"
  if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >"$build_log" 2>&1 ||
      { cat "$build_log" >&2; exit 2; }
  fi
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
  if [[ "$build_type" != "Release" ]]; then
    echo "run_bench.sh: $BUILD_DIR is configured as '$build_type', not Release; set BUILD_DIR to another directory" >&2
    exit 2
  fi
  echo "building carecast_bench in $BUILD_DIR (log: $build_log)"
  cmake --build "$BUILD_DIR" -j"$(nproc)" --target carecast_bench >"$build_log" 2>&1 || { tail -40 "$build_log" >&2; exit 2; }
  BENCH="$BUILD_DIR/carecast_bench"
fi

# --- machine ---
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)
revision=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then revision="$revision (uncommitted changes)"; fi
echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
cpu_field() { lscpu | sed -n "s/^$1:[[:space:]]*//p" | head -1; }
echo "cpu:       $(cpu_field 'Model name') (CPU family $(cpu_field 'CPU family'), model $(cpu_field Model))" \
     "$(grep -qw hypervisor /proc/cpuinfo && echo 'virtual machine')"
echo "cores:     nproc $(nproc); $(lscpu | sed -n 's/^Thread(s) per core:[[:space:]]*/threads per core /p')"
echo "memory:    $(free -h | awk '/^Mem:/ {print $2}') total"
echo "kernel:    $(uname -sr)"
echo "compiler:  $("${compiler:-c++}" --version | head -1)"
echo "flags:     $(sed -n 's/^CMAKE_CXX_FLAGS_RELEASE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)"
echo "binary:    $BENCH"
echo "revision:  $revision"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work makes wall-time figures pessimistic)"
echo "scenario:  $SCENARIO"

# --- cases ---
log=$(mktemp)
results=$(mktemp)
trap 'rm -f "$log" "$results"' EXIT
run() {
  echo
  echo "== $BENCH $SCENARIO $*"
  "$BENCH" "$SCENARIO" "$@" | tee -a "$log"
}

run --case baseline --scale 1 --replicates 4 --threads 1 --repeat "$REPEAT"
run --case baseline --scale 1 --replicates 4 --threads 2 --repeat "$REPEAT"
run --case x10 --scale 10 --replicates 1 --threads 1 --repeat "$REPEAT"
run --case x10 --scale 10 --replicates 1 --threads 2 --repeat "$REPEAT"
# Memory: as many replicates as run at once in the timed case (min(threads, replicates)).
run --case baseline --scale 1 --replicates 1 --threads 1 --memory
run --case baseline --scale 1 --replicates 2 --threads 2 --memory
run --case x10 --scale 10 --replicates 1 --threads 1 --memory
run --case x10 --scale 10 --replicates 1 --threads 2 --memory

# --- summary ---
grep '^RESULT ' "$log" >"$results"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo
echo "== summary (speed: median of $REPEAT runs; target >= 20 M person-years/s/core, <= 64 bytes/person)"
echo
echo "| case | threads | replicates | person-years | median s | M person-years/s | M /s/core (median) | M /s/core (best) | M /CPU-s | target |"
echo "|---|---|---|---|---|---|---|---|---|---|"
missed=0
while read -r line; do
  [[ "$(field mode "$line")" == time ]] || continue
  verdict=$(field speed_target "$line")
  [[ "$verdict" == met ]] || missed=1
  echo "| $(field case "$line") | $(field threads "$line") | $(field replicates "$line") | $(field person_years "$line") |" \
       "$(field seconds "$line") | $(field mpy_per_s "$line") | $(field mpy_per_s_per_core "$line") |" \
       "$(field best_mpy_per_s_per_core "$line") | $(field mpy_per_cpu_s "$line") | $verdict |"
done <"$results"
echo
echo "| case | threads | replicates at once | peak persons | RSS after load (kB) | peak RSS (kB) | bytes/person | target |"
echo "|---|---|---|---|---|---|---|---|"
while read -r line; do
  [[ "$(field mode "$line")" == memory ]] || continue
  verdict=$(field memory_target "$line")
  [[ "$verdict" == met ]] || missed=1
  echo "| $(field case "$line") | $(field threads "$line") | $(field replicates "$line") | $(field peak_persons "$line") |" \
       "$(field baseline_rss_kb "$line") | $(field peak_rss_kb "$line") | $(field bytes_per_person "$line") | $verdict |"
done <"$results"
echo
digests=$(sed -n 's/.*case=\([^ ]*\) .*replicates=\([^ ]*\) .*digest=\([^ ]*\).*/\1 r\2 \3/p' "$results" | sort -u)
echo "result digests (equal for the same case and replicates at any thread count):"
echo "$digests"
if [[ $(awk '{print $1, $2}' <<<"$digests" | sort | uniq -d) ]]; then
  echo "run_bench.sh: results differ between thread counts" >&2
  exit 1
fi
if (( missed )) && [[ "${BENCH_ENFORCE:-1}" != 0 ]]; then
  echo "run_bench.sh: a target was missed" >&2
  exit 1
fi
