#!/usr/bin/env bash
# ctest "fuzz: targets replay their seeds": each fuzz target, built with replay_main.cpp, runs a few of
# the inputs tools/fuzz.sh seeds it with, so a target that no longer compiles or crashes on a plain
# input is found by the ordinary build and tests, not first by CI's fuzzing step.
# Usage: replay_seeds.sh FUZZ_BIN_DIR CARECAST SOURCE_DIR
set -euo pipefail
bin=$1 carecast=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work   # the targets' scratch folders go here
"$bin/fuzz_scenario" "$src/tests/end_to_end/small.txtpb" "$src/scenarios/county_durham_baseline.txtpb"
"$bin/fuzz_batch" "$src"/fuzz/seeds/batch/*.txtpb
# fuzz_csv: the first byte chooses which data file of the scenario the rest replaces.
for field in 00 04 0d; do
    { printf "\\x$field"; cat "$src/scenarios/data/cd_base_mid2016_syoa_sex.csv"; } >"$work/csv-$field"
done
"$bin/fuzz_csv" "$work"/csv-*
"$carecast" run "$src/tests/end_to_end/small.txtpb" -o "$work/run.nc" -r 1 -q --progress none >/dev/null
"$bin/fuzz_output" "$work/run.nc"
