#!/usr/bin/env bash
# Bad input to `carecast init`: each case must exit 1 with a message naming the area, year or pack file,
# and write nothing (the output folder is not even created).
#   init_cases.sh CARECAST
set -euo pipefail
carecast=$(realpath "$1")
source_data=$(cd "$(dirname "$0")/../../scenarios/data" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-init-cases.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect NAME PATTERN ARGS...: exit 1, stderr matches PATTERN, $tmp/out never created.
expect() {
    local name=$1 pattern=$2
    shift 2
    local status=0
    "$carecast" init "$@" -o "$tmp/out" > "$tmp/stdout" 2> "$tmp/stderr" || status=$?
    if [[ $status -ne 1 ]]; then
        echo "FAIL $name: exit $status, expected 1"; cat "$tmp/stderr"; failures=$((failures + 1))
    elif ! grep -Eq "$pattern" "$tmp/stderr"; then
        echo "FAIL $name: stderr does not match '$pattern':"; cat "$tmp/stderr"; failures=$((failures + 1))
    elif [[ -e $tmp/out ]]; then
        echo "FAIL $name: output written"; failures=$((failures + 1))
    else
        echo "ok   $name"
    fi
    rm -rf "$tmp/out"
}

# A copy of the data folder whose pack file FILE is replaced by stdin (compressed again if .gz).
pack_copy() {
    local dir=$tmp/$1 file=$2
    rm -rf "$dir"
    cp -r "$source_data" "$dir"
    if [[ $file == *.gz ]]; then gzip -c > "$dir/england/$file"; else cat > "$dir/england/$file"; fi
    echo "$dir"
}

expect unknown_area "no English council or district matches 'Thurok'.*Did you mean:|E06000034  Thurrock" Thurok
expect ambiguous_area "'north' matches [0-9]+ areas; give the code or the full name" north
expect base_year_not_in_data "base year 2013 is not in the data: the pack has mid-year estimates for 2011, 2014, 2015, 2016, 2017, 2018, 2019, 2020" E06000034 --base-year 2013
expect unitary_by_district "E06000034 \\(Thurrock\\) is a Unitary Authority: it has no districts" E06000034 --by-district

utla=mye_syoa_sex_utla_2011-2020.csv.gz
bytes=$(stat -c %s "$source_data/england/$utla")
data=$(head -c $((bytes / 2)) "$source_data/england/$utla" | pack_copy truncated_gz "$utla.raw")
mv "$data/england/$utla.raw" "$data/england/$utla"
expect truncated_pack_file "england/$utla: error: is not a complete gzip file \\(truncated" E06000034 --data "$data"

data=$(python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[5000:5100]=bytes(100); sys.stdout.buffer.write(b)" \
       "$source_data/england/$utla" | pack_copy corrupted_gz "$utla.raw")
mv "$data/england/$utla.raw" "$data/england/$utla"
expect corrupted_pack_file "england/$utla: error: is not a complete gzip file \\(corrupted" E06000034 --data "$data"

# An area missing from a fit year (as after a boundary change): Thurrock has no mid-2017 rows.
data=$(zcat "$source_data/england/$utla" | grep -v '^E06000034,Thurrock,utla,2017,' | pack_copy boundary_change "$utla")
expect area_missing_in_fit_year "E06000034 \\(Thurrock\\): no mid-year estimate for 2017; the pack has 2011, 2014, 2015, 2016, 2018, 2019, 2020" E06000034 --data "$data"

# A table cut short inside an area-year.
data=$(zcat "$source_data/england/$utla" | grep -v '^E06000034,Thurrock,utla,2020,male,4[0-9],' | pack_copy rows_missing "$utla")
expect rows_missing "england/$utla: error: area E06000034, mid-2020: no row for males aged 40" E06000034 --data "$data"

# No data pack at all.
expect no_pack "the national data pack is not here" E06000034 --data "$tmp/nowhere"

# An existing folder with a different file: refused, nothing replaced.
mkdir -p "$tmp/keep"
echo "my edits" > "$tmp/keep/thurrock_baseline.txtpb"
status=0
"$carecast" init E06000034 -o "$tmp/keep" > /dev/null 2> "$tmp/stderr" || status=$?
if [[ $status -ne 1 ]] || ! grep -q "exists with other contents; nothing was written" "$tmp/stderr" ||
   [[ $(cat "$tmp/keep/thurrock_baseline.txtpb") != "my edits" ]] || [[ -e $tmp/keep/data ]]; then
    echo "FAIL existing_file: status $status"; cat "$tmp/stderr"; failures=$((failures + 1))
else
    echo "ok   existing_file_kept"
fi

if ((failures)); then
    echo "$failures case(s) failed"
    exit 1
fi
echo "all init cases refused cleanly"
