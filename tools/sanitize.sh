#!/usr/bin/env bash
# Builds carecast and its tests with sanitizers (clang-14; Debian clang-14 libclang-rt-14-dev) and runs
# the tests that matter for memory and undefined behaviour:
#   tools/sanitize.sh address    ASan+UBSan: unit, statistical and bad-input tests and the small
#                                end-to-end run (build-fuzz/, shared with tools/fuzz.sh);
#                                CARECAST_SANITIZE_QUICK=1 (CI) skips the eighteen slowest statistical tests
#   tools/sanitize.sh thread     TSan: the threaded tests (reproducibility at 1..N threads), once, with
#                                tools/tsan.supp (oneTBB header frames only);
#                                results are recorded in docs/reliability.md (build-tsan/)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
for tool in clang-14 clang++-14; do
    command -v $tool >/dev/null || { echo "tools/sanitize.sh: needs $tool (Debian packages clang-14 libclang-rt-14-dev)" >&2; exit 2; }
done
jobs=$(nproc)
case $mode in
address)
    build=${CARECAST_FUZZ_BUILD_DIR:-build-fuzz}
    [[ -f $build/CMakeCache.txt ]] ||
        CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARECAST_FUZZ=ON \
            -DCARECAST_SANITIZE="address;undefined" >/dev/null
    cmake --build "$build" -j"$jobs" --target carecast carecast-derive unit_tests statistical_tests >/dev/null
    # Leaks are reported too; HDF5 and protobuf keep some allocations until exit by design.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1
    export LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp
    # CARECAST_SANITIZE_QUICK=1 (CI) leaves out the statistical tests that take more than about 12 s each
    # in Release (about 3-5 times that under ASan): they run long simulations through code the other
    # tests already cover, and the Release test step runs them anyway.
    exclude="report: |batch: |NOT_BUILT|docs: |stat: variance"
    [[ ${CARECAST_SANITIZE_QUICK:-0} == 1 ]] &&
        exclude+="|closed cohort follows its life table|bit-identical at 1 2 and 4 threads|mean of replicates converges|fate does not change|full cohort model is bit-identical|money draws widen the spread|draw the same money values|money outputs are the same at 1 and 2 threads|moves care, not deaths|partnered share by age stays near|self-funders: the base year draws the published share|dementia prevalence drawn per replicate"
    # ... and six more that take 15-25 s each under ASan (5 December 2026), run in full by the Release step:
    [[ ${CARECAST_SANITIZE_QUICK:-0} == 1 ]] &&
        exclude+="|ten years on have the table|admits a subset of the baseline|care-home stock is steady|before a schedule|changes nothing before its start year|gives exactly what it gives alone"
    (cd "$build" && ctest --output-on-failure -j"$jobs" -L "unit|statistical|bad_inputs" -E "$exclude" &&
        ctest --output-on-failure -R "e2e: run_small_scenario$")
    ;;
thread)
    build=${CARECAST_TSAN_BUILD_DIR:-build-tsan}
    [[ -f $build/CMakeCache.txt ]] ||
        CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCARECAST_SANITIZE=thread >/dev/null
    cmake --build "$build" -j"$jobs" --target carecast statistical_tests >/dev/null
    # tools/tsan.supp spares only races whose innermost frame is oneTBB's own header code (its library
    # is not built with TSan); every report is counted, and any report fails the test that made it.
    export TSAN_OPTIONS="suppressions=$PWD/tools/tsan.supp halt_on_error=0 exitcode=66 second_deadlock_stack=1 print_suppressions=1"
    (cd "$build" && ctest --output-on-failure -R "reproducib|thread")
    # The canary: a real race between blocks must still be reported (up to 5 tries: it needs two
    # threads to take part, which a loaded machine may not give every time).
    clang++-14 -std=c++20 -O1 -gline-tables-only -fsanitize=thread -Iengine tests/sanitizers/tsan_canary.cpp \
        -o "$build/tsan_canary" -ltbb
    for try in 1 2 3 4 5; do
        if ! "$build/tsan_canary" 2>"$build/tsan_canary.log"; then
            echo "tsan canary: the deliberate race was reported (try $try)"
            exit 0
        fi
    done
    echo "tsan canary: the deliberate race in tests/sanitizers/tsan_canary.cpp was not reported" >&2
    exit 1
    ;;
*)
    echo "usage: tools/sanitize.sh address|thread" >&2
    exit 2 ;;
esac
