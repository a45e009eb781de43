#!/usr/bin/env bash
# e2e: shipped_scenarios. Every scenario in scenarios/ validates (also with --print-resolved) and runs
# (1 replicate, to keep CI short). Each what-if is then checked against the baseline run with the same seed:
#   - common random numbers: every result before the what-if's first year is bit-identical;
#   - its change moves its own indicator the way it should (scenario_effects.py).
# Usage: shipped_scenarios.sh CARECAST SCENARIOS_DIR
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup shipped_scenarios "$1" "$2/county_durham_baseline.txtpb"
scenarios=$(realpath "$2")
python=${PYTHON:-/usr/bin/python3}

cd "$scenarios"   # relative scenario paths, as a user types them
for file in *.txtpb; do
    name=${file%.txtpb}
    "$carecast" validate "$file" > "$tmp/$name.validate"
    "$carecast" validate "$file" --print-resolved > "$tmp/$name.resolved.txtpb"
    grep -q "^name: \"$name\"" "$tmp/$name.resolved.txtpb" || { echo "FAIL: $file resolves to another name"; exit 1; }
    grep -q "^extends" "$tmp/$name.resolved.txtpb" && { echo "FAIL: $file: resolved scenario still extends"; exit 1; }
    head -c 200 "$file" | grep -q "^# proto-file" || { echo "FAIL: $file has no header"; exit 1; }
    grep -q "^# Question: " "$file" || { echo "FAIL: $file does not say what question it answers"; exit 1; }
    "$carecast" run "$file" -o "$tmp/$name.nc" --replicates 1 --quiet > /dev/null
    echo "ran $file"
done
"$python" "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/scenario_effects.py" "$tmp"
