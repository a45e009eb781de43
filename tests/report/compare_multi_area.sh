#!/usr/bin/env bash
# e2e: compare and report --compare on multi-area runs. `carecast init` two councils (Thurrock and
# Hartlepool) as one scenario, a what-if extending it, both run with the same seed; then the comparison
# workbook is read back against the files (budget, client groups, cohorts by age band, and by area: the
# areas add up to the whole), the comparison report has its section, and pairing a two-area run with a
# one-area run is refused with a clear message and no output.
#   compare_multi_area.sh CARECAST   (env PYTHON: python with xarray and openpyxl)
set -euo pipefail
if [[ -n ${CARECAST_MISSING_TEST_TOOLS:-} ]]; then
    echo "SKIPPED: this test needs $CARECAST_MISSING_TEST_TOOLS; \`tools/setup.sh test\` installs them"
    exit 77
fi
carecast=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
if ! "$PYTHON" -c "import openpyxl, xarray" 2>/dev/null; then
    echo "SKIPPED: $PYTHON lacks openpyxl or xarray (Debian packages python3-openpyxl python3-xarray)"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-compare-multi-area.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$tmp"

"$carecast" init E06000034 E06000001 --horizon-year 2022 -o two >/dev/null
base=$(ls two/*_baseline.txtpb)
cat >two/whatif.txtpb <<WHATIF
schema_version: 1
name: "two_councils_fewer_admissions"
description: "Test what-if: care-home admissions 20% lower in both councils from 2020."
extends: "$(basename "$base")"
interventions {
  name: "fewer_care_home_admissions"
  description: "Care-home admission probabilities times 0.8."
  rate: CARE_HOME_ADMISSION
  start_year: 2020
  multiplier: 0.8
}
WHATIF
"$carecast" run "$base" -o base.nc --replicates 3 -q
"$carecast" run two/whatif.txtpb -o whatif.nc --replicates 3 -q
"$carecast" init E06000034 --horizon-year 2022 -o one >/dev/null
"$carecast" run one/*_baseline.txtpb -o one.nc --replicates 3 -q

"$carecast" compare base.nc whatif.nc --xlsx comparison.xlsx --csv comparison.csv >compare.txt
grep -q 'Permanent care-home residents  *2022 .*\*$' compare.txt || { cat compare.txt; fail "no marked care-home line"; }
"$PYTHON" "$here/check_comparison_workbook.py" base.nc whatif.nc comparison.xlsx
"$PYTHON" - base.nc whatif.nc comparison.xlsx <<'PY'
import math, sys
import openpyxl
import xarray as xr
base, whatif = (xr.open_dataset(f, engine="h5netcdf") for f in sys.argv[1:3])
rows = list(openpyxl.load_workbook(sys.argv[3], read_only=True)["by_age"].iter_rows(values_only=True))
header = rows[2]
rows = [dict(zip(header, r)) for r in rows[3:]]
areas = list(base["area"].values)
checked = 0
for indicator in ("care_home_residents", "dementia_65_plus"):
    for year in {r["Year"] for r in rows}:
        whole = [r for r in rows if r["Indicator id"] == indicator and r["Year"] == year and r["Breakdown"] == "whole group"]
        parts = [r for r in rows if r["Indicator id"] == indicator and r["Year"] == year and r["Breakdown"] == "area"]
        assert len(whole) == 1 and whole[0]["Area"] == "all", whole
        assert sorted(r["Area"] for r in parts) == sorted(areas), parts
        for column in ("Baseline", "What-if", "Difference"):
            assert math.isclose(sum(r[column] for r in parts), whole[0][column], rel_tol=1e-9, abs_tol=1e-6), (indicator, year)
        checked += 1
print(f"multi-area workbook: {len(areas)} areas add up to the whole in {checked} indicator-years")
PY
"$carecast" report whatif.nc --compare base.nc -o compare.html >/dev/null
grep -q 'What-if minus baseline' compare.html || fail "comparison report lacks its section"
grep -q 'E06000001' compare.html || fail "comparison report does not name the areas"

# A two-area run against a one-area run cannot be paired: refused, naming the areas, writing nothing.
set +e
"$carecast" compare base.nc one.nc --xlsx bad.xlsx --csv bad.csv >out.txt 2>err.txt
status=$?
"$carecast" report whatif.nc --compare one.nc -o bad.html >>out.txt 2>>err.txt
status2=$?
set -e
[[ $status -eq 1 && $status2 -eq 1 ]] || { cat err.txt; fail "exit $status and $status2, expected 1"; }
grep -q 'different areas (base.nc: E06000034..E06000001 (2), one.nc: E06000034..E06000034 (1))' err.txt ||
    { cat err.txt; fail "the refusal does not name the areas"; }
[[ ! -e bad.xlsx && ! -e bad.csv && ! -e bad.html ]] || fail "a refused comparison left output behind"
echo "compare and report --compare on two areas: all checks passed"
