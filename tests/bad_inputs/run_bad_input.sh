#!/usr/bin/env bash
# Runs one bad-input case: a scenario that carecast must reject with clear, located messages.
#
# Usage: run_bad_input.sh CARECAST CASE.txtpb [CASE.expected]
#
# CASE.expected (default: next to CASE.txtpb) holds one pattern a line (extended regular expression,
# as `grep -E`; blank lines and lines starting with # are ignored). Each must match a line of stderr.
# The case passes when
#   * `carecast validate CASE.txtpb` exits 1 and prints every expected message;
#   * `carecast run CASE.txtpb -o TMP/out.nc` exits 1, prints every expected message, prints the same
#     diagnostics as validate, and leaves nothing in TMP: no out.nc and no temporary file.
# carecast runs in the case's directory with the bare file name, so messages read `CASE.txtpb:L:C:` and
# data paths `data/...` whatever the build directory is.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
    echo "usage: $0 CARECAST CASE.txtpb [CASE.expected]" >&2
    exit 2
fi
carecast=$(realpath "$1")
case_path=$(realpath "$2")
expected_path=$(realpath "${3:-${case_path%.txtpb}.expected}")
case_dir=$(dirname "$case_path")
case_file=$(basename "$case_path")

[[ -x "$carecast" ]] || { echo "FAIL: $carecast is not an executable" >&2; exit 1; }
[[ -f "$expected_path" ]] || { echo "FAIL: no expectations file $expected_path" >&2; exit 1; }
mapfile -t patterns < <(grep -v -E '^[[:space:]]*(#|$)' "$expected_path")
[[ ${#patterns[@]} -gt 0 ]] || { echo "FAIL: $expected_path holds no patterns" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-bad-input.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Runs carecast in the case's directory; sets status, out and err.
run_carecast() {
    status=0
    (cd "$case_dir" && "$carecast" "$@") >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
    out=$(<"$tmp/stdout")
    err=$(<"$tmp/stderr")
    rm -f "$tmp/stdout" "$tmp/stderr"
}

check_messages() {
    local what=$1 pattern
    for pattern in "${patterns[@]}"; do
        grep -qE -- "$pattern" <<<"$err" || fail "$what: stderr has no line matching: $pattern"
    done
}

show() {
    echo "--- $1: exit $status; stderr:" >&2
    printf '%s\n' "$err" >&2
    [[ -z "$out" ]] || { echo "--- stdout:" >&2; printf '%s\n' "$out" >&2; }
}

# 1. validate
run_carecast validate "$case_file"
show "carecast validate $case_file"
[[ $status -eq 1 ]] || fail "validate: exit status $status, expected 1"
check_messages validate
validate_diagnostics=$(grep ': error: ' <<<"$err" || true)
[[ -n "$validate_diagnostics" ]] || fail "validate: no 'file:line:col: error:' diagnostics on stderr"

# 2. run: the same diagnostics, and no output file or temporary file left behind.
mkdir "$tmp/out"
run_carecast run "$case_file" -o "$tmp/out/out.nc" --progress none
show "carecast run $case_file -o TMP/out.nc"
[[ $status -eq 1 ]] || fail "run: exit status $status, expected 1"
check_messages run
run_diagnostics=$(grep ': error: ' <<<"$err" || true)
[[ "$run_diagnostics" == "$validate_diagnostics" ]] || fail "run printed different diagnostics from validate"
[[ ! -e "$tmp/out/out.nc" ]] || fail "run left an output file TMP/out.nc"
leftovers=$(ls -A "$tmp/out")
[[ -z "$leftovers" ]] || fail "run left files in the output directory: $leftovers"

if [[ $failures -gt 0 ]]; then
    echo "$case_file: $failures check(s) failed" >&2
    exit 1
fi
echo "OK: $case_file rejected by validate and run with ${#patterns[@]} expected message(s), no output left behind"
