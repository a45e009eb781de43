#!/usr/bin/env bash
# Counts the Philox4x64 blocks the model computes per person-year, by random module, for floor_bench's
# floor (bench/RESULTS.md). Builds carecast_bench in its own directory (BUILD_DIR, default
# build-count) with bench/count_philox.hpp force-included into every source file: the engine's Philox
# calls go through a counting wrapper, and the results are those of a normal build (the digest is
# printed to check). Counts cover all of `simulate`: the base year's cohort states, every yearly step,
# the arrivals. Never time this build.
#
#   bench/count_philox.sh                       # full and demography, County Durham, 1 replicate
#   CONFIGS=full REPLICATES=2 bench/count_philox.sh
set -euo pipefail

case "${1:-}" in
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "count_philox.sh: no arguments expected (see --help)" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build-count}
CONFIGS=${CONFIGS:-full demography}
REPLICATES=${REPLICATES:-1}
cd "$ROOT"

build_log="$BUILD_DIR/count_build.log"
mkdir -p "$BUILD_DIR"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
          -DCMAKE_CXX_FLAGS="-include $ROOT/bench/count_philox.hpp" >"$build_log" 2>&1 ||
        { cat "$build_log" >&2; exit 2; }
fi
if ! grep -q "^CMAKE_CXX_FLAGS:.*count_philox.hpp" "$BUILD_DIR/CMakeCache.txt"; then
    echo "count_philox.sh: $BUILD_DIR is not a counting build; set BUILD_DIR to another directory" >&2
    exit 2
fi
echo "building the counting carecast_bench in $BUILD_DIR (log: $build_log)"
cmake --build "$BUILD_DIR" -j"$(nproc)" --target carecast_bench >"$build_log" 2>&1 || { tail -40 "$build_log" >&2; exit 2; }

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
# Module ids of engine/core/random.hpp's RandomModule.
module_name() {
    case $1 in
        1) echo demography ;; 2) echo immigration ;; 3) echo births ;; 4) echo social ;; 9) echo care_homes ;;
        10) echo home_care ;; 11) echo base_states ;; 12) echo parameters ;; 13) echo couples ;; *) echo "module $1" ;;
    esac
}
for config in $CONFIGS; do
    case $config in
        full) scenario=scenarios/county_durham_baseline.txtpb ;;
        demography) scenario=scenarios/checks/county_durham_demography_only.txtpb ;;
        *) echo "count_philox.sh: unknown configuration '$config' (full or demography)" >&2; exit 2 ;;
    esac
    # Portable paths: the AVX-512 Philox computes its blocks without Random123, so it would not count them.
    out=$(CARECAST_CPU_PATHS=portable "$BUILD_DIR/carecast_bench" "$scenario" --config "$config" -r "$REPLICATES" -t 1 --repeat 1) ||
        { echo "$out"; exit 2; }
    result=$(grep '^RESULT ' <<<"$out")
    py=$(field person_years "$result")
    blocks=$(field philox_blocks "$result")
    echo
    echo "== $config: $scenario, $REPLICATES replicate(s): $py person-years, $blocks Philox blocks," \
         "$(awk -v b="$blocks" -v p="$py" 'BEGIN {printf "%.3f", b / p}') per person-year" \
         "(digest $(field digest "$result"))"
    echo "| random module | blocks | per person-year |"
    echo "|---|---|---|"
    tr ',' '\n' <<<"$(field philox_by_module "$result")" | while IFS=: read -r module n; do
        echo "| $(module_name "$module") | $n | $(awk -v b="$n" -v p="$py" 'BEGIN {printf "%.3f", b / p}') |"
    done
done
