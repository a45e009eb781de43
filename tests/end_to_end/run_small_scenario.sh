#!/usr/bin/env bash
# Runs a scenario with `carecast run -o TMP/out.nc` and checks the file with ncdump and xarray.
#
# Usage: run_small_scenario.sh CARECAST SCENARIO.txtpb
#
# ncdump -h: the dimensions (replicate 3, year 5, period 4, area 1, sex 2, age 111, statistic 4), the
# variables and their units and long_name, and the provenance attributes. Then check_run_output.py
# (next to this script) reads the data with xarray through h5netcdf and netcdf4 and checks totals,
# stock-flow accounting and summaries. NCDUMP and PYTHON override the programs (defaults: ncdump on
# PATH and /usr/bin/python3, where Debian's xarray, h5netcdf and netCDF4 are installed).
set -euo pipefail

source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup e2e "$@"
here=$(dirname "$(realpath "$0")")
ncdump=${NCDUMP:-ncdump}
python=${PYTHON:-/usr/bin/python3}

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

"$carecast" run "$scenario" -o "$tmp/out.nc" --progress none
[[ -f "$tmp/out.nc" ]] || { echo "FAIL: no output file" >&2; exit 1; }
listing=$(ls -A "$tmp")
[[ "$listing" == "out.nc" ]] || fail "temporary files left beside the output: $listing"

header=$("$ncdump" -h "$tmp/out.nc")
for dim in "replicate = 3" "year = 5" "period = 4" "area = 1" "sex = 2" "age = 111" "statistic = 4"; do
    grep -qE "^[[:space:]]+$dim ;\$" <<<"$header" || fail "ncdump -h: no dimension '$dim'"
done
for base in population births deaths immigrants emigrants; do
    for var in "$base" "${base}_summary"; do
        grep -qE "^[[:space:]]+(int|double|float|short|int64) $var\(" <<<"$header" || fail "ncdump -h: no variable $var"
        for attribute in units long_name; do
            grep -qE "^[[:space:]]+(string )?$var:$attribute = \".+\" ;" <<<"$header" ||
                fail "ncdump -h: variable $var has no $attribute"
        done
    done
done
grep -qE "^[[:space:]]+int population\(replicate, year, area, sex, age\)" <<<"$header" ||
    fail "ncdump -h: population is not (replicate, year, area, sex, age)"
grep -qE "^[[:space:]]+(int|double) population_indicators\(" <<<"$header" || fail "ncdump -h: no population_indicators"
for attribute in scenario_text seed carecast_version carecast_git_revision command_line threads results_digest; do
    grep -qE "^[[:space:]]+(string )?:$attribute = \".+\" ;" <<<"$header" || fail "ncdump -h: no global attribute $attribute"
done
grep -qE '^[[:space:]]+(string )?:seed = "20160630" ;' <<<"$header" || fail "ncdump -h: seed is not the scenario's 20160630"

"$python" "$here/check_run_output.py" "$tmp/out.nc" "$scenario" 521776 || fail "check_run_output.py"

[[ $failures -eq 0 ]] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "OK: $(basename "$scenario"): output checked with ncdump and xarray"
