#!/usr/bin/env bash
# Identical results however the work is split (issue 5, item 4), without MPI:
#   one `carecast run` of replicates 0..3  ==  shards run --replicates 0:1, 1:3, 3:4 merged (given in any
#   order)  ==  a single-process `carecast batch` with one replicate per unit, and with four per unit
#   (one unit: its output is a copy of the unit's file, also when only the output was missing).
# Every array, dtype, attribute and the results_digest must be equal (launch attributes aside).
# Then merge's refusals: a missing replicate, a doubled one, another seed, an altered file, an existing
# output without --force, and --replicates A:B coverage.
#
# Usage: shards_and_merge.sh CARECAST SCENARIO.txtpb   (PYTHON: interpreter with netCDF4)
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup batch-shards "$@"
python=${PYTHON:-/usr/bin/python3}
compare="$python $(dirname "$0")/compare_runs.py"
cd "$tmp"

"$carecast" run "$scenario" -o full.nc --replicates 4 --threads 2 --quiet
"$carecast" run "$scenario" -o part_a.nc --replicates 0:1 --threads 1 --quiet
"$carecast" run "$scenario" -o part_b.nc --replicates 1:3 --threads 2 --quiet
"$carecast" run "$scenario" -o part_c.nc --replicates 3:4 --threads 1 --quiet
"$carecast" merge part_c.nc part_a.nc part_b.nc -o merged.nc --replicates 0:4

for per_unit in 1 4; do
    cat > batch$per_unit.txtpb <<BATCH
schema_version: 1
name: "shards_test"
output_directory: "out$per_unit"
replicates_per_unit: $per_unit
scenario { path: "$scenario" output: "small.nc" replicates: 4 }
BATCH
    "$carecast" batch batch$per_unit.txtpb --threads 2 --quiet
done
$compare full.nc merged.nc out1/small.nc out4/small.nc
# A scenario of one unit (four replicates per unit): its output is a copy of the unit's file, also when the
# unit was done by an earlier start and only the output is missing; a further start keeps it.
cmp out4/small.nc out4/.carecast-batch/small/r0-4.nc || { echo "FAIL: one-unit output is not its unit's file" >&2; exit 1; }
rm out4/small.nc
"$carecast" batch batch4.txtpb --threads 2 2>resumed.log
grep -q "1 already done" resumed.log || { cat resumed.log >&2; echo "FAIL: the unit was computed again" >&2; exit 1; }
cmp out4/small.nc out4/.carecast-batch/small/r0-4.nc || { echo "FAIL: resumed one-unit output is not its unit's file" >&2; exit 1; }
"$carecast" batch batch4.txtpb --threads 2 2>again.log
grep -q "out4/small.nc is up to date" again.log || { cat again.log >&2; echo "FAIL: a finished output was not kept" >&2; exit 1; }

# A market below the base year's demand warns with the mean demand of the run's replicates: a merge of
# shards must warn as one run of all of them does (merge writes the warning again).
cat > over_capacity.txtpb <<SCENARIO
schema_version: 1
name: "over_capacity"
description: "The scenario under test with too few beds."
extends: "$scenario"
market {
  residential_beds { base: 100 }
  nursing_beds { base: 100 }
}
SCENARIO
"$carecast" run over_capacity.txtpb -o over_full.nc --replicates 4 --threads 2 --quiet 2>/dev/null
"$carecast" run over_capacity.txtpb -o over_a.nc --replicates 0:1 --threads 1 --quiet 2>/dev/null
"$carecast" run over_capacity.txtpb -o over_b.nc --replicates 1:4 --threads 2 --quiet 2>/dev/null
"$carecast" merge over_b.nc over_a.nc -o over_merged.nc
$compare over_full.nc over_merged.nc

expect_refusal() {  # expect_refusal PATTERN ARG...: merge must fail with PATTERN on stderr, writing nothing
    local pattern=$1; shift
    if "$carecast" merge "$@" 2>err.txt; then echo "FAIL: merge $* succeeded" >&2; exit 1; fi
    grep -qE -- "$pattern" err.txt || { echo "FAIL: merge $*: expected /$pattern/, got:" >&2; cat err.txt >&2; exit 1; }
    echo "refused as expected: merge $*: $(head -c 300 err.txt | tr '\n' ' ')"
}
expect_refusal "replicates 1\.\.2 are missing: part_a\.nc ends at 0, part_c\.nc starts at 3" part_a.nc part_c.nc -o gap.nc
expect_refusal "replicate 3 is in both part_c\.nc and part_c\.nc \(doubled\)" part_c.nc part_c.nc -o doubled.nc
"$carecast" run "$scenario" -o other_seed.nc --replicates 1:2 --seed 7 --quiet
expect_refusal "differ in seed" part_a.nc other_seed.nc -o seed.nc
expect_refusal "hold replicates 0:3, not 0:4" part_a.nc part_b.nc -o short.nc --replicates 0:4
expect_refusal "exists; use --force" part_a.nc -o merged.nc
"$python" - part_b.nc <<'PY'
import sys, netCDF4
with netCDF4.Dataset(sys.argv[1], "a") as ds:
    ds["population"][0, 0, 0, 0, 0] += 1
PY
expect_refusal "part_b\.nc: results_digest .* does not match its arrays" part_a.nc part_b.nc -o tampered.nc
for f in gap.nc doubled.nc seed.nc short.nc tampered.nc; do
    [[ ! -e $f ]] || { echo "FAIL: a refused merge left $f" >&2; exit 1; }
done
if ls ./*.tmp.* 2>/dev/null; then echo "FAIL: temporary files left behind" >&2; exit 1; fi
echo "PASS"
