#!/usr/bin/env bash
# Runs carecast with a bad command line and checks how it is refused.
#
# Usage: run_cli_case.sh CARECAST EXPECTED_STATUS PATTERN [ARG...]
#
# Runs `CARECAST ARG...` in a fresh empty directory and passes when the exit status is EXPECTED_STATUS
# (2 for usage errors, 1 for invalid input), a line of stderr matches PATTERN (extended regular
# expression, as `grep -E`), and the directory is still empty afterwards (nothing was written, so a
# relative output path such as out.nc must not appear). Scenario paths in ARG must be absolute.
set -euo pipefail

if [[ $# -lt 3 ]]; then
    echo "usage: $0 CARECAST EXPECTED_STATUS PATTERN [ARG...]" >&2
    exit 2
fi
carecast=$(realpath "$1")
expected_status=$2
pattern=$3
shift 3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-cli-case.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work"
status=0
(cd "$tmp/work" && "$carecast" "$@") >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
echo "--- carecast $*: exit $status; stderr:"
cat "$tmp/stderr"

failures=0
if [[ $status -ne $expected_status ]]; then
    echo "FAIL: exit status $status, expected $expected_status" >&2
    failures=$((failures + 1))
fi
if ! grep -qE -- "$pattern" "$tmp/stderr"; then
    echo "FAIL: stderr has no line matching: $pattern" >&2
    failures=$((failures + 1))
fi
leftovers=$(ls -A "$tmp/work")
if [[ -n "$leftovers" ]]; then
    echo "FAIL: files were written: $leftovers" >&2
    failures=$((failures + 1))
fi
[[ $failures -eq 0 ]] || exit 1
echo "OK: exit $status with the expected message, nothing written"
