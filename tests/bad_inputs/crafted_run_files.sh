#!/usr/bin/env bash
# Run files found by fuzzing (tests/bad_inputs/run_files/README.md): every command that reads a run file
# must refuse each with an error naming it and exit status 1 (never a signal), and leave no output.
# Usage: crafted_run_files.sh CARECAST SMALL_SCENARIO.txtpb
set -euo pipefail
carecast=$(realpath "$1")
scenario=$(realpath "$2")
cases=$(realpath "$(dirname "$0")/run_files")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-crafted.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
# A file HDF5 loops on is cut off by the probe's deadline (engine/output/netcdf_reader.cpp): a short one here
# (the loop costs this deadline once per command; a good small file is read in well under 1 s, even under ASan).
export CARECAST_READ_PROBE_SECONDS=2
"$carecast" run "$scenario" -o "$tmp/good.nc" -r 0:1 -q --progress none >/dev/null
for packed in "$cases"/*.nc.gz; do
    bad=$tmp/$(basename "$packed" .gz)
    gunzip -c "$packed" >"$bad"
    for command in "verify $bad" "export $bad --csv $tmp/csv" "report $bad -o $tmp/report.html" \
                   "compare $tmp/good.nc $bad" "merge $tmp/good.nc $bad -o $tmp/merged.nc"; do
        status=0
        # shellcheck disable=SC2086
        timeout 120 "$carecast" $command >/dev/null 2>"$tmp/stderr" || status=$?
        if [[ $status -ne 1 ]] || ! grep -qF "$bad" "$tmp/stderr"; then
            echo "FAIL: carecast $command: exit $status (want 1 and an error naming the file): $(head -c 400 "$tmp/stderr")" >&2
            failures=$((failures + 1))
        else
            echo "ok: carecast ${command%% *} refuses $(basename "$bad"): $(head -c 160 "$tmp/stderr")"
        fi
        for left in "$tmp/csv" "$tmp/report.html" "$tmp/merged.nc"; do
            [[ ! -e $left ]] || { echo "FAIL: carecast $command left $left" >&2; failures=$((failures + 1)); rm -rf "$left"; }
        done
    done
done
[[ $failures -eq 0 ]] || { echo "$failures failure(s)" >&2; exit 1; }
