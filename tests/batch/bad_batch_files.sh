#!/usr/bin/env bash
# Bad batch files and command lines are refused with located messages (file:line:col, the field and what
# is allowed), a non-zero exit and nothing written.
#
# Usage: bad_batch_files.sh CARECAST SCENARIO.txtpb BAD_SCENARIO.txtpb
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
bad_scenario=$(realpath "$3")
e2e_setup batch-bad "$1" "$2"
cd "$tmp"

# refuse NAME STATUS PATTERN ARG...: `carecast ARG...` exits STATUS with PATTERN on stderr, no out/ made.
refuse() {
    local name=$1 status=$2 pattern=$3; shift 3
    local actual=0
    "$carecast" "$@" >stdout.txt 2>stderr.txt || actual=$?
    if [[ $actual != "$status" ]]; then
        echo "FAIL $name: exit $actual, expected $status" >&2; cat stderr.txt >&2; exit 1
    fi
    if ! grep -qE -- "$pattern" stderr.txt; then
        echo "FAIL $name: stderr does not match /$pattern/:" >&2; cat stderr.txt >&2; exit 1
    fi
    if [[ -e out ]]; then echo "FAIL $name: out/ was created" >&2; exit 1; fi
    echo "ok $name: $(head -n 1 stderr.txt)"
}

cat > unknown_field.txtpb <<B
schema_version: 1
output_directory: "out"
replicate_per_unit: 3
scenario { path: "$scenario" }
B
refuse unknown_field 1 '^unknown_field\.txtpb:3:[0-9]+: error: .*no field named "replicate_per_unit"' batch unknown_field.txtpb

cat > several.txtpb <<B
output_directory: "out"
replicates_per_unit: 200000
scenario { path: "nowhere.txtpb" }
scenario {
  path: "$scenario"
  output: "a/b.nc"
}
scenario { path: "$scenario" replicates: 0 }
scenario { path: "$scenario" output: "small.nc" }
B
refuse several 1 'several\.txtpb:2:1: error: replicates_per_unit: value 200000 is out of range: a number must be in \[1, 100000\]' \
    batch several.txtpb
for pattern in 'several\.txtpb: error: schema_version: is 0; this carecast reads batch schema version 1' \
               'several\.txtpb:3:12: error: scenario\[0\]\.path: scenario file: cannot open .*nowhere\.txtpb.: no such file' \
               "several\.txtpb:6:3: error: scenario\[1\]\.output: 'a/b\.nc' must be a plain file name ending \.nc" \
               'several\.txtpb:8:[0-9]+: error: scenario\[2\]\.replicates: value 0 is out of range: a number must be in \[1, 100000\]' \
               "several\.txtpb:9:[0-9]+: error: scenario\[3\]\.output: output file 'small\.nc' is used by an earlier scenario"; do
    grep -qE -- "$pattern" stderr.txt || { echo "FAIL several: no /$pattern/ in:" >&2; cat stderr.txt >&2; exit 1; }
done

# Found by fuzz_batch: a scenario path longer than the system allows ended with an uncaught
# std::filesystem exception (terminate) instead of an error at the field.
long_name=$(printf 'x%.0s' $(seq 1 300))
cat > long_path.txtpb <<B
schema_version: 1
output_directory: "out"
scenario { path: "../../$long_name.txtpb" }
B
refuse path_too_long 1 'long_path\.txtpb:3:[0-9]+: error: scenario\[0\]\.path: scenario file: cannot open .*File name too long' \
    batch long_path.txtpb

cat > no_directory.txtpb <<B
schema_version: 1
scenario { path: "$scenario" }
B
refuse no_output_directory 1 'output_directory: not given; set it in the batch file or use `carecast batch -o DIR`' \
    batch no_directory.txtpb

cat > bad_scenario.txtpb <<B
schema_version: 1
output_directory: "out"
scenario { path: "$bad_scenario" }
B
refuse bad_scenario 1 "$(basename "$bad_scenario" | sed 's/\./\\./g'):[0-9]+:[0-9]+: error: .*nothing was simulated|error\(s\); nothing was simulated" \
    batch bad_scenario.txtpb

refuse missing_batch_file 1 'nope\.txtpb: error: cannot open batch file' batch nope.txtpb
refuse batch_without_file 2 'batch: missing BATCH file' batch
refuse bad_range 2 "--replicates '3:2': A must be less than B" run "$scenario" -o out.nc --replicates 3:2
refuse bad_range_text 2 "--replicates '1:x': A and B must be whole numbers" run "$scenario" -o out.nc --replicates 1:x
refuse merge_no_parts 2 'merge: no input files' merge -o out.nc
echo 'plain text' > not_netcdf.nc
refuse merge_not_netcdf 1 'not_netcdf\.nc: cannot read: not an HDF5' merge not_netcdf.nc -o merged.nc
refuse merge_missing_part 1 'missing\.nc: cannot read: no such file' merge missing.nc -o merged.nc

# An output that exists and holds another run is never overwritten without --force.
mkdir existing
cp no_directory.txtpb existing_batch.txtpb
echo 'not a netCDF file' > existing/small.nc
refuse_existing_status=0
"$carecast" batch existing_batch.txtpb -o existing --quiet 2>stderr.txt || refuse_existing_status=$?
[[ $refuse_existing_status == 1 ]] && grep -q "existing/small.nc exists and cannot be read.*use --force" stderr.txt ||
    { echo "FAIL existing output: exit $refuse_existing_status" >&2; cat stderr.txt >&2; exit 1; }
[[ "$(cat existing/small.nc)" == 'not a netCDF file' ]] || { echo "FAIL: existing output changed" >&2; exit 1; }
"$carecast" batch existing_batch.txtpb -o existing --quiet --force
echo "ok existing output: refused without --force, replaced with it"
echo "PASS"
