#!/usr/bin/env bash
# Published figures beside the projection (issue 10, item 4), end to end.
#
# Usage: observed_figures.sh CARECAST SCENARIO.txtpb   (a scenario with an `observed` section that
# `extends` one without; its files are named in the scenario)
#
# Runs the scenario and its parent with the same seed; ncdump -h shows the observed variables with
# source, long_name and units; check_observed_output.py compares them with the CSV files and checks that
# every simulated array and the results_digest are those of the parent's run. Then replicates run as
# two shards and merged carry the same observed variables; the export has observed.csv and an
# `observed` sheet, and the report its "Published figures" charts with markers.
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup observed "$@"
here=$(dirname "$(realpath "$0")")
ncdump=${NCDUMP:-ncdump}
python=${PYTHON:-/usr/bin/python3}
fail() { echo "FAIL: $*" >&2; exit 1; }

dir=$(dirname "$scenario")
parent="$dir/$(sed -nE 's/^extends:[[:space:]]*"([^"]+)".*/\1/p' "$scenario")"
population="$dir/$(sed -nE 's/^[[:space:]]*population_csv:[[:space:]]*"([^"]+)".*/\1/p' "$scenario")"
ehc="$dir/$(sed -nE 's/^[[:space:]]*ehc_plans_csv:[[:space:]]*"([^"]+)".*/\1/p' "$scenario")"
cd "$tmp"

"$carecast" run "$scenario" -o observed.nc --quiet
"$carecast" run "$parent" -o plain.nc --quiet
header=$("$ncdump" -h observed.nc)
grep -qE "^[[:space:]]+double observed_population\(area, observed_year, sex, observed_age\) ;" <<<"$header" ||
    fail "ncdump -h: no observed_population(area, observed_year, sex, observed_age)"
grep -qE "^[[:space:]]+double observed_ehc_plans\(area, observed_ehc_year, ehc_age_band\) ;" <<<"$header" ||
    fail "ncdump -h: no observed_ehc_plans(area, observed_ehc_year, ehc_age_band)"
for var in observed_population observed_ehc_plans; do
    for attribute in source long_name units; do
        grep -qE "^[[:space:]]+(string )?$var:$attribute = \".+" <<<"$header" || fail "ncdump -h: $var has no $attribute"
    done
done
"$python" "$here/check_observed_output.py" observed.nc plain.nc "$population" "$ehc"

# Shards merged keep the published figures unchanged.
"$carecast" run "$scenario" -o part_a.nc --replicates 0:1 --quiet
"$carecast" run "$scenario" -o part_b.nc --replicates 1:3 --quiet
"$carecast" merge part_b.nc part_a.nc -o merged.nc
"$python" "$here/check_observed_output.py" merged.nc plain.nc "$population" "$ehc" >/dev/null ||
    fail "the merged file's observed figures or arrays differ"

# Export and report.
"$carecast" export observed.nc --csv csv --xlsx book.xlsx
[[ -f csv/observed.csv ]] || fail "export wrote no observed.csv"
grep -q '^E06000047,2011,30 June,population_total,Resident population,' csv/observed.csv ||
    fail "observed.csv has no 2011 total population line"
grep -q '^E06000047,2020,January,ehc_plans,' csv/observed.csv || fail "observed.csv has no January 2020 EHC line"
if grep -q '^E06000047,2014,January,ehc_plans_20_to_25,' csv/observed.csv; then
    fail "observed.csv lists an unpublished figure"
fi
"$python" -c 'import sys, zipfile; sys.exit(b"<sheet name=\"observed\"" not in zipfile.ZipFile("book.xlsx").read("xl/workbook.xml"))' ||
    fail "workbook has no observed sheet"
"$carecast" export plain.nc --csv plain_csv
[[ ! -e plain_csv/observed.csv ]] || fail "a run without observed figures got an observed.csv"
"$carecast" report observed.nc -o report.html
grep -q 'id="observed"' report.html || fail "report has no published-figures section"
for legend in "published estimate (ONS mid-year)" "published (DfE SEN2, January)"; do
    grep -qF "$legend" report.html || fail "report has no legend '$legend'"
done
markers=$(grep -c '<circle class="point"' report.html || true)
[[ $markers -ge 25 ]] || fail "report shows only $markers published markers"
echo "OK: observed figures stored, merged, exported and reported ($markers markers)"
