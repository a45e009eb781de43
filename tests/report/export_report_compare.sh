#!/usr/bin/env bash
# e2e: export, report and compare on files written by `carecast run`.
#   usage: export_report_compare.sh CARECAST BASE.txtpb WHATIF.txtpb   (env PYTHON: python with xarray)
# Runs the baseline and the what-if with the same seed (and the what-if with another seed), then checks
# the CSV files against the file's _summary variables, the workbook's sheets, the report, the paired
# comparison, and every refusal: usage errors (2), bad or unpairable inputs and existing outputs (1).
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup export_report_compare "$1" "$2"
whatif=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-/usr/bin/python3}

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect STATUS TEXT COMMAND...: the command exits with STATUS and its stderr contains TEXT.
expect() {
    local status=$1 text=$2
    shift 2
    set +e
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    set -e
    [[ $got -eq $status ]] || { cat "$tmp/out" "$tmp/err" >&2; fail "exit $got, expected $status: $*"; }
    grep -qF -- "$text" "$tmp/err" || { cat "$tmp/err" >&2; fail "stderr lacks '$text': $*"; }
}

cd "$tmp"
"$carecast" run "$scenario" -o base.nc -q
"$carecast" run "$whatif" -o whatif.nc -q
"$carecast" run "$whatif" -o other_seed.nc -q --seed 1

# Export: CSV and workbook; never overwrite without --force.
"$carecast" export base.nc --csv csv --xlsx base.xlsx
expect 1 "exists; use --force" "$carecast" export base.nc --csv csv
expect 1 "exists; use --force" "$carecast" export base.nc --xlsx base.xlsx
"$carecast" export base.nc --csv csv --xlsx base.xlsx --force
"$PYTHON" "$here/check_export.py" base.nc csv base.xlsx

# Report, alone and against the baseline.
"$carecast" report base.nc -o report.html
grep -q 'MTFP pressure by financial year' report.html || fail "report lacks the MTFP pressure chart"
grep -q 'Market position: demand against capacity' report.html || fail "report lacks the market position"
grep -q '<svg class="chart"' report.html || fail "report has no charts"
expect 1 "exists; use --force" "$carecast" report base.nc -o report.html
"$carecast" report whatif.nc --compare base.nc -o compare.html
grep -q 'What-if minus baseline' compare.html || fail "comparison report lacks its section"
expect 1 "different seeds" "$carecast" report other_seed.nc --compare base.nc -o bad.html
[[ ! -e bad.html ]] || fail "a refused report left a file"

# Compare: paired differences, marked when distinguishable; refuses unpaired runs.
"$carecast" compare base.nc whatif.nc --csv comparison.csv >compare.txt
grep -q 'Permanent care-home residents  *2019 .* \*$' compare.txt || { cat compare.txt; fail "no marked care-home line"; }
grep -q 'Resident population  *2016 .* 0 to 0 *$' compare.txt || { cat compare.txt; fail "base year should not differ"; }
"$carecast" compare base.nc whatif.nc --all --years 2019 >all.txt
grep -q 'Carers caring 50+ hours' all.txt || fail "--all lacks an indicator"
grep -q '^Resident population  *2018' all.txt && fail "--years 2019 shows 2018"
"$PYTHON" "$here/check_comparison.py" base.nc whatif.nc comparison.csv
expect 1 "different seeds (base.nc: 20160630, other_seed.nc: 1)" "$carecast" compare base.nc other_seed.nc

# The comparison workbook (with the CSV, published as a set): read back with openpyxl.
"$carecast" compare base.nc whatif.nc --xlsx comparison.xlsx --csv comparison2.csv >/dev/null
if "$PYTHON" -c "import openpyxl" 2>/dev/null; then
    "$PYTHON" "$here/check_comparison_workbook.py" base.nc whatif.nc comparison.xlsx
else
    echo "NOTE: the comparison workbook is not read back: $PYTHON lacks openpyxl (Debian package python3-openpyxl)"
fi
expect 1 "exists; use --force" "$carecast" compare base.nc whatif.nc --xlsx comparison.xlsx
expect 1 "exists; use --force" "$carecast" compare base.nc whatif.nc --xlsx new.xlsx --csv comparison2.csv
[[ ! -e new.xlsx ]] || fail "a refused compare wrote its workbook"
expect 1 "different seeds" "$carecast" compare base.nc other_seed.nc --xlsx bad.xlsx
[[ ! -e bad.xlsx ]] || fail "a refused compare left a workbook"
expect 2 "must end in .xlsx" "$carecast" compare base.nc whatif.nc --xlsx book.xls

# Usage errors (2) and bad inputs (1).
expect 2 "say what to write" "$carecast" export base.nc
expect 2 "must end in .xlsx" "$carecast" export base.nc --xlsx book.xls
expect 2 "must end in .html" "$carecast" report base.nc -o report.pdf
expect 2 "need two runs" "$carecast" compare base.nc
expect 2 "--years" "$carecast" compare base.nc whatif.nc --years 20x0
expect 2 "unrecognised option" "$carecast" export base.nc --csv d --colour
expect 1 "missing.nc: no such file" "$carecast" export missing.nc --csv d
echo "not HDF5" >fake.nc
expect 1 "fake.nc" "$carecast" report fake.nc -o fake.html
[[ ! -e fake.html && ! -e d ]] || fail "a failed command left output behind"
ls | grep -q '\.tmp\.' && fail "temporary files left behind"
"$carecast" --help >help.txt
grep -q 'compare BASE.h5 WHATIF.h5' help.txt || fail "--help lacks compare"
echo "export, report and compare: all checks passed"
