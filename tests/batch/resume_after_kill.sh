#!/usr/bin/env bash
# Resumable and safe (issue 5, item 5): a batch killed with SIGKILL after its first finished work unit,
# then started again, redoes only the unfinished units and writes files identical to an uninterrupted
# batch; at no time does an output path hold a half-written file. While it runs, a second batch on the
# same output directory is refused.
#
# Usage: resume_after_kill.sh CARECAST SCENARIO.txtpb
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup batch-resume "$@"
python=${PYTHON:-/usr/bin/python3}
ncdump=${NCDUMP:-ncdump}
cd "$tmp"

write_batch() {  # write_batch FILE OUTDIR
    cat > "$1" <<BATCH
schema_version: 1
name: "resume_test"
output_directory: "$2"
replicates_per_unit: 1
scenario { path: "$scenario" output: "first.nc" replicates: 4 }
scenario { path: "$scenario" output: "second.nc" replicates: 3 seed: 5 }
BATCH
}
write_batch reference.txtpb reference
"$carecast" batch reference.txtpb --threads 1 --quiet

write_batch killed.txtpb out
"$carecast" batch killed.txtpb --threads 1 2>first_start.log &
pid=$!
for _ in $(seq 1 600); do  # up to 60 s for the first unit
    compgen -G "out/.carecast-batch/first/r*.nc" >/dev/null && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
# While it runs, a second batch on the same directory is refused (before simulating anything).
if "$carecast" batch killed.txtpb --threads 1 --quiet 2>concurrent.log; then
    echo "FAIL: a second batch ran on the same output directory" >&2; exit 1
fi
grep -q "another carecast batch is running with output directory out" concurrent.log ||
    { cat concurrent.log >&2; echo "FAIL: concurrent batch not refused clearly" >&2; exit 1; }
kill -9 $pid 2>/dev/null || { echo "FAIL: the batch finished before it could be killed" >&2; exit 1; }
wait $pid 2>/dev/null || true
units_done=$(compgen -G "out/.carecast-batch/*/r*.nc" | wc -l)
echo "killed after $units_done finished unit(s)"
(( units_done >= 1 && units_done < 7 )) || { echo "FAIL: expected a batch killed mid-way" >&2; exit 1; }

# Every file at an output path is complete (temporary files aside, which a restart removes).
check_complete() {
    local f
    while IFS= read -r -d '' f; do
        "$ncdump" -h "$f" >/dev/null || { echo "FAIL: $f is not a complete netCDF file" >&2; exit 1; }
    done < <(find out -name '*.nc' -print0)
}
check_complete

"$carecast" batch killed.txtpb --threads 1 2>second_start.log
cat second_start.log
grep -qE "7 work unit\(s\), $units_done already done" second_start.log ||
    { echo "FAIL: the restart did not skip the $units_done finished unit(s)" >&2; exit 1; }
redone=$(grep -c "unit .* done:" second_start.log)
(( redone == 7 - units_done )) || { echo "FAIL: the restart computed $redone units, expected $((7 - units_done))" >&2; exit 1; }
check_complete
grep -q 'status: "complete"' out/batch_manifest.txtpb || { echo "FAIL: manifest not complete" >&2; exit 1; }
if find out -name '*.tmp.*' | grep -q .; then echo "FAIL: temporary files left behind" >&2; exit 1; fi
for f in first.nc second.nc; do
    "$python" "$(dirname "$0")/compare_runs.py" reference/$f out/$f
done

# A third start finds everything done, computes nothing and leaves the files as they are.
before=$(md5sum out/first.nc out/second.nc)
"$carecast" batch killed.txtpb --threads 1 2>third_start.log
grep -q "7 already done" third_start.log && grep -q "up to date" third_start.log ||
    { cat third_start.log >&2; echo "FAIL: third start" >&2; exit 1; }
[[ "$(md5sum out/first.nc out/second.nc)" == "$before" ]] || { echo "FAIL: a finished output was rewritten" >&2; exit 1; }
echo "PASS"
