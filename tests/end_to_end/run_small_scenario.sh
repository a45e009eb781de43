#!/usr/bin/env bash
# Runs a scenario with `carecast run -o TMP/out.nc` and checks the file with ncdump and xarray.
#
# Usage: run_small_scenario.sh CARECAST SCENARIO.txtpb
#
# ncdump -h: the dimensions (replicate, year and period from the scenario's run section; area 1, sex 2,
# age 111, statistic 4), the variables and their units and long_name, and the provenance attributes.
# Then check_run_output.py (next to this script) reads the data with xarray through h5netcdf and
# netcdf4 and checks totals, the stock-flow accounting of every stock, and summaries. Finally the
# checker must itself fail on a copy of the file with one flow count changed (a check that cannot fail
# proves nothing). NCDUMP and PYTHON override the programs (defaults: ncdump on PATH and
# /usr/bin/python3, where Debian's xarray, h5netcdf and netCDF4 are installed).
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

# The run section's integer fields, e.g. `field base_year`.
field() { sed -nE "s/^[[:space:]]*$1:[[:space:]]*([0-9]+).*/\1/p" "$scenario" | head -n 1; }
base_year=$(field base_year)
horizon_year=$(field horizon_year)
replicates=$(field replicates)
seed=$(field seed)
years=$((horizon_year - base_year + 1))

header=$("$ncdump" -h "$tmp/out.nc")
for dim in "replicate = $replicates" "year = $years" "period = $((years - 1))" "area = 1" "sex = 2" "age = 111" \
           "statistic = 4"; do
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
grep -qE "^[[:space:]]+(string )?:seed = \"$seed\" ;" <<<"$header" || fail "ncdump -h: seed is not the scenario's $seed"

"$python" "$here/check_run_output.py" "$tmp/out.nc" "$scenario" 521776 || fail "check_run_output.py"

# One more event in the first inflow of the last stock in the file, in one cell: the checker must
# report exactly that stock's accounting failing at exactly one cell.
cp "$tmp/out.nc" "$tmp/broken.nc"
broken_stock=$("$python" - "$tmp/broken.nc" <<'PY'
import sys

import netCDF4

with netCDF4.Dataset(sys.argv[1], "r+") as ds:
    stocks = [v for v in ds.variables.values()
              if getattr(v, "measure_kind", "") == "stock" and getattr(v, "inflows", "").split()]
    stock = stocks[-1]
    flow = ds.variables[stock.inflows.split()[0]]
    flow.set_auto_mask(False)
    flow[0, 0, 0, 0, 0] = flow[0, 0, 0, 0, 0] + 1
    print(stock.name)
PY
)
status=0
"$python" "$here/check_run_output.py" "$tmp/broken.nc" "$scenario" 521776 >/dev/null 2>"$tmp/broken.err" || status=$?
[[ $status -eq 1 ]] || fail "check_run_output.py exits $status on a file with a broken $broken_stock identity"
grep -q "accounting of $broken_stock fails at 1 cells" "$tmp/broken.err" ||
    fail "check_run_output.py does not report the broken $broken_stock identity: $(cat "$tmp/broken.err")"
rm -f "$tmp/broken.nc" "$tmp/broken.err"

[[ $failures -eq 0 ]] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "OK: $(basename "$scenario"): output checked with ncdump and xarray"
