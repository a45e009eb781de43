#!/usr/bin/env bash
# `carecast run` must not overwrite an existing output unless told to.
#
# Usage: overwrite_output.sh CARECAST SCENARIO.txtpb
#
#  1. With OUTPUT already present, `carecast run SCENARIO -o OUTPUT` exits 1, says to use --force, and
#     leaves OUTPUT byte-identical and no temporary file beside it.
#  2. `carecast run SCENARIO -o OUTPUT --force` exits 0 and replaces OUTPUT with a readable netCDF-4 file,
#     again with no temporary file left beside it.
# NCDUMP overrides the ncdump program (default: ncdump on PATH).
set -euo pipefail

source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup overwrite "$@"

mkdir "$tmp/out"
output=$tmp/out/existing.nc
printf 'precious results that must survive\n' >"$output"
cp "$output" "$tmp/original"
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
only_output_left() {
    local listing
    listing=$(ls -A "$tmp/out")
    [[ "$listing" == "existing.nc" ]] || fail "$1: the output directory holds '$(tr '\n' ' ' <<<"$listing")', expected only existing.nc"
}

# 1. No --force: refused, file untouched.
status=0
"$carecast" run "$scenario" -o "$output" --progress none >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
echo "--- without --force: exit $status; stderr:"
cat "$tmp/stderr"
[[ $status -eq 1 ]] || fail "without --force: exit status $status, expected 1"
grep -qE -- "error: output file '.*existing\.nc' exists; use --force" "$tmp/stderr" ||
    fail "without --force: stderr does not say the output exists and how to overwrite it"
cmp -s "$output" "$tmp/original" || fail "without --force: the existing output file was changed"
only_output_left "without --force"

# 2. --force: replaced by a real netCDF file.
status=0
"$carecast" run "$scenario" -o "$output" --force --quiet >"$tmp/stdout" 2>"$tmp/stderr" || status=$?
echo "--- with --force: exit $status; stderr:"
cat "$tmp/stderr"
[[ $status -eq 0 ]] || fail "with --force: exit status $status, expected 0"
cmp -s "$output" "$tmp/original" && fail "with --force: the output file was not replaced"
"${NCDUMP:-ncdump}" -h "$output" >/dev/null || fail "with --force: the new output is not readable by ncdump"
only_output_left "with --force"
echo "OK: existing output kept without --force, replaced with --force"
