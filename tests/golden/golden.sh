#!/usr/bin/env bash
# Golden results: the results digest and a short summary of the small test scenarios, committed in
# tests/golden/golden_results.txt so that a change meant to keep results is checked against them.
#
#   tests/golden/golden.sh check  CARECAST   the ctest (label golden): regenerate and compare
#   tests/golden/golden.sh update CARECAST   rewrite golden_results.txt (tools/update_golden.sh);
#                                            commit it on its own, saying why results changed
#
# The summary is the key-indicator means by year from `carecast export --csv` (the tool's own reader),
# cut to the columns that make a difference readable. Needs python3 (Debian: python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=${1:-}
carecast=${2:-}
if [[ ($mode != check && $mode != update) || -z $carecast ]]; then
    echo "usage: $0 check|update CARECAST" >&2
    exit 2
fi
carecast=$(realpath "$carecast")
if ! command -v python3 > /dev/null; then
    echo "SKIP: the golden-results check needs python3 (Debian package python3)"
    exit 77
fi
golden=$here/golden_results.txt

# Scenario files, relative to the repository: demography only; every cohort with money and market;
# a what-if with an intervention (inheritance and year rates); every cohort with self-funders.
scenarios=(tests/end_to_end/small.txtpb
           tests/end_to_end/small_cohorts.txtpb
           tests/report/whatif_fewer_admissions.txtpb
           tests/golden/self_funders.txtpb)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

{
    echo "# Golden results of the small test scenarios (tests/golden/golden.sh). Do not edit by hand:"
    echo "# run tools/update_golden.sh and commit the change on its own, saying why results changed."
    for s in "${scenarios[@]}"; do
        name=$(basename "$s" .txtpb)
        out=$tmp/$name.nc
        line=$("$carecast" run "$root/$s" -o "$out" --threads 2 --quiet --progress none | grep '^wrote ')
        digest=${line##*(}
        echo
        echo "scenario $s"
        echo "results_digest ${digest%)}"
        "$carecast" export "$out" --csv "$tmp/$name-csv" > /dev/null
        # Indicator means by year over all ages and sexes: indicator, area, year, mean (export's tidy CSVs).
        python3 - "$tmp/$name-csv" <<'PY'
import csv, pathlib, sys
rows = []
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.csv")):
    if f.name == "run.csv":
        continue
    with open(f, encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle):
            if r["sex"] == "all" and r["age_band"] == "all ages":
                rows.append(f"{f.stem}: {r['indicator_id']} {r['area']} {r['year']} {r['mean']}")
print("\n".join(sorted(rows)))
PY
    done
} > "$tmp/golden_results.txt"

if [[ $mode == update ]]; then
    if [[ -f $golden ]] && cmp -s "$tmp/golden_results.txt" "$golden"; then
        echo "golden results unchanged"
    else
        cp "$tmp/golden_results.txt" "$golden"
        echo "rewrote $golden: commit it on its own, saying why results changed"
    fi
    exit 0
fi

if [[ ! -f $golden ]]; then
    echo "FAIL: $golden is missing: run tools/update_golden.sh" >&2
    exit 1
fi
if ! diff -u "$golden" "$tmp/golden_results.txt" > "$tmp/diff"; then
    head -60 "$tmp/diff"
    echo "FAIL: results differ from the golden results. If this change is meant to alter results, run" >&2
    echo "tools/update_golden.sh and commit golden_results.txt on its own, saying why; if not, find out why." >&2
    exit 1
fi
echo "golden results unchanged ($(grep -c '^scenario ' "$golden") scenarios)"
