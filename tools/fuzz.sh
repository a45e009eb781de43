#!/usr/bin/env bash
# Fuzzes one parser for a number of seconds with libFuzzer (Debian: clang-14 libclang-rt-14-dev),
# AddressSanitizer and UndefinedBehaviorSanitizer:
#   tools/fuzz.sh TARGET SECONDS     TARGET: fuzz_scenario fuzz_csv fuzz_batch fuzz_output
# Builds build-fuzz/ (CARECAST_FUZZ_BUILD_DIR) the first time, makes the seed corpus from the shipped
# files, keeps what it learns in build-fuzz/corpus/TARGET, and exits 1 on any crash, hang (an input
# taking over 30 s, FUZZ_TIMEOUT), leak or sanitizer report, leaving the input in build-fuzz/crashes/. Turn each into
# a case in tests/bad_inputs/ (docs/reliability.md). FUZZ_MAX_SEEDS=N keeps N of the seeds (a fixed
# spread; CI's short runs, where reading every seed would take longer than the fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(fuzz_scenario fuzz_csv fuzz_batch fuzz_output)
if [[ $# -ne 2 || ! " ${targets[*]} " =~ " $1 " || ! $2 =~ ^[0-9]+$ ]]; then
    echo "usage: tools/fuzz.sh TARGET SECONDS   (TARGET: ${targets[*]})" >&2
    exit 2
fi
target=$1 seconds=$2
build=${CARECAST_FUZZ_BUILD_DIR:-build-fuzz}
for tool in clang-14 clang++-14; do
    command -v $tool >/dev/null || { echo "tools/fuzz.sh: needs $tool (Debian packages clang-14 libclang-rt-14-dev)" >&2; exit 2; }
done
if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARECAST_FUZZ=ON \
        -DCARECAST_SANITIZE="address;undefined" >/dev/null
fi
# FUZZ_SKIP_BUILD=1: the caller built the targets (.ci/run runs two fuzzers at once on one build).
[[ ${FUZZ_SKIP_BUILD:-0} == 1 ]] || cmake --build "$build" -j"$(nproc)" --target "$target" carecast >/dev/null

seeds=$build/seeds/$target corpus=$build/corpus/$target crashes=$build/crashes/$target
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes"
case $target in
fuzz_scenario)
    for f in scenarios/*.txtpb scenarios/checks/*.txtpb tests/end_to_end/*.txtpb tests/bad_inputs/*.txtpb; do
        cp "$f" "$seeds/$(echo "$f" | tr / _)"
    done ;;
fuzz_csv)
    # The first byte chooses which of the 15 data files of the scenario the input replaces.
    i=0
    for f in scenarios/data/*.csv scenarios/data/*/*.csv tests/bad_inputs/data/*.csv; do
        [[ -f $f && $(stat -c %s "$f") -lt 200000 ]] || continue
        for field in $(seq 0 14); do
            { printf "\\x$(printf %02x $field)"; cat "$f"; } >"$seeds/$i-$field.csv"
        done
        i=$((i + 1))
    done ;;
fuzz_batch)
    cp fuzz/seeds/batch/*.txtpb "$seeds/" ;;
fuzz_output)
    # Small run files: one replicate, and a merged pair.
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    ASAN_OPTIONS=detect_leaks=0 "$build/carecast" run tests/end_to_end/small.txtpb -o "$tmp/a.nc" -r 0:1 -q --progress none >/dev/null
    ASAN_OPTIONS=detect_leaks=0 "$build/carecast" run tests/end_to_end/small.txtpb -o "$tmp/b.nc" -r 1:2 -q --progress none >/dev/null
    ASAN_OPTIONS=detect_leaks=0 "$build/carecast" merge "$tmp/a.nc" "$tmp/b.nc" -o "$tmp/ab.nc" >/dev/null
    cp "$tmp"/*.nc "$seeds/" ;;
esac
if [[ ${FUZZ_MAX_SEEDS:-0} -gt 0 ]]; then
    count=$(ls "$seeds" | wc -l)
    if ((count > FUZZ_MAX_SEEDS)); then
        ls "$seeds" | sort | awk -v n="$count" -v keep="$FUZZ_MAX_SEEDS" \
            'int((NR - 1) * keep / n) == int(NR * keep / n)' | while read -r seed; do rm "$seeds/$seed"; done
    fi
fi

# Leaks inside libhdf5 on crafted files are HDF5's own (tools/lsan.supp says which); any other leak fails.
# libhdf5 is built without frame pointers, so the fast unwinder stops at its first frame and the
# suppression could not see which HDF5 function leaked: the run-file target unwinds fully.
export LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp
# A file HDF5 loops on ends at the test read's deadline, well inside the fuzzer's time limit per input.
[[ $target == fuzz_output ]] && export ASAN_OPTIONS=fast_unwind_on_malloc=0 CARECAST_READ_PROBE_SECONDS=10
work=$(mktemp -d "${TMPDIR:-/tmp}/carecast-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "fuzzing $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds, $(ls "$corpus" | wc -l) in the corpus)"
status=0
(cd "$work" && TMPDIR=$work "$OLDPWD/$build/fuzz/$target" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-30}" -rss_limit_mb=4096 \
    -max_len=1048576 -print_final_stats=1 -artifact_prefix="$OLDPWD/$crashes/" "$OLDPWD/$corpus" "$OLDPWD/$seeds") \
    >"$build/fuzz-$target.log" 2>&1 || status=$?
# The run-file reader probes each file in a child process (engine/output/netcdf_reader.cpp); the child
# inherits libFuzzer's crash handler, so an HDF5 crash the probe caught still leaves an artifact. Those
# that the target handles when run alone are moved aside to build-fuzz/guarded/TARGET: they are not faults.
for artifact in "$crashes"/crash-*; do
    [[ -f $artifact ]] || continue
    if (cd "$work" && TMPDIR=$work timeout 300 "$OLDPWD/$build/fuzz/$target" "$artifact" >/dev/null 2>&1); then
        mkdir -p "$build/guarded/$target" && mv "$artifact" "$build/guarded/$target/"
    fi
done
[[ $status -ne 0 || -z $(ls -A "$build/guarded/$target" 2>/dev/null) ]] ||
    echo "note: $(ls "$build/guarded/$target" | wc -l) inputs crashed only the probe child (HDF5, caught): $build/guarded/$target"
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE" "$build/fuzz-$target.log" || true
if [[ $status -ne 0 ]]; then
    tail -40 "$build/fuzz-$target.log" >&2
    echo "FAIL: $target found a problem; the input is in $crashes/ (log: $build/fuzz-$target.log)" >&2
    exit 1
fi
echo "OK: $target ran ${seconds}s with no crash, hang, leak or sanitizer report"
