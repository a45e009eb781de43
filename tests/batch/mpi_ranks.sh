#!/usr/bin/env bash
# Identical results at any number of MPI ranks (issue 5, item 4): the same batch in one process, under
# `mpirun -np 2` and `mpirun -np 3` gives bit-identical files (arrays, dtypes, attributes, results_digest).
# Also one replicate of a two-area scenario cut into parts of one area (area_parts_per_unit, issue 15 item 4):
# in one process and over 2 and 3 ranks it equals `carecast run` and an unsplit batch.
# Exits 77 (ctest: skipped) when carecast was built without MPI or mpirun is missing.
#
# Usage: mpi_ranks.sh CARECAST SCENARIO.txtpb WITH_MPI(ON|OFF) MPIEXEC
set -euo pipefail
source "$(dirname "$0")/../support/e2e_common.sh"
with_mpi=$3
mpiexec=$4
e2e_setup batch-mpi "$1" "$2"
python=${PYTHON:-/usr/bin/python3}
if [[ $with_mpi != ON || ! -x $mpiexec ]]; then
    echo "SKIP: carecast built without MPI (CARECAST_WITH_MPI=$with_mpi) or no mpiexec ($mpiexec)"
    exit 77
fi
cd "$tmp"
# CI runs as root; Open MPI refuses that unless told. --oversubscribe: more ranks than cores here.
# --bind-to none: let each rank's TBB threads use every core (docs/cluster.md).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
launch=("$mpiexec" --oversubscribe --bind-to none)

cat > batch.txtpb <<BATCH
schema_version: 1
name: "mpi_test"
output_directory: "out"
replicates_per_unit: 1
scenario { path: "$scenario" output: "a.nc" replicates: 4 }
scenario { path: "$scenario" output: "b.nc" replicates: 3 seed: 99 }
BATCH
"$carecast" batch batch.txtpb -o serial --threads 1 --quiet
for np in 2 3; do
    "${launch[@]}" -np $np "$carecast" batch batch.txtpb -o np$np --threads 1 2>np$np.log || {
        cat np$np.log >&2; echo "FAIL: mpirun -np $np" >&2; exit 1; }
    grep -q "ranks: $np" np$np/batch_manifest.txtpb || { echo "FAIL: np$np manifest does not record $np ranks" >&2; exit 1; }
    grep -q "$np rank(s)" np$np.log || { cat np$np.log >&2; echo "FAIL: -np $np did not run $np ranks" >&2; exit 1; }
done
for f in a.nc b.nc; do
    "$python" "$(dirname "$0")/compare_runs.py" serial/$f np2/$f np3/$f
done
# A replicate's areas over the ranks: two parts (one area each: at most one part per area), one replicate
# per unit.
two_areas=$(realpath "$(dirname "$0")/../data/areas/two_areas.txtpb")
for split in 0 3; do
    cat > areas$split.txtpb <<BATCH
schema_version: 1
replicates_per_unit: 1
area_parts_per_unit: $split
scenario { path: "$two_areas" output: "areas.nc" replicates: 3 }
BATCH
done
"$carecast" run "$two_areas" -o areas_run.nc --replicates 3 --threads 2 --quiet
"$carecast" batch areas0.txtpb -o areas_whole --threads 2 --quiet
"$carecast" batch areas3.txtpb -o areas_serial --threads 2 2>areas_serial.log
grep -q "the rest in 6 tasks (6 area parts of 1 to 1 areas)" areas_serial.log || {
    cat areas_serial.log >&2; echo "FAIL: the units were not cut into area parts" >&2; exit 1; }
for np in 2 3; do
    "${launch[@]}" -np $np "$carecast" batch areas3.txtpb -o areas_np$np --threads 1 2>areas_np$np.log || {
        cat areas_np$np.log >&2; echo "FAIL: mpirun -np $np (area parts)" >&2; exit 1; }
    grep -q "areas 2-2 of areas.nc replicates 0:1 done (rank 1)" areas_np$np.log || {
        cat areas_np$np.log >&2; echo "FAIL: -np $np: rank 1 computed no area part" >&2; exit 1; }
done
"$python" "$(dirname "$0")/compare_runs.py" areas_run.nc areas_whole/areas.nc areas_serial/areas.nc \
    areas_np2/areas.nc areas_np3/areas.nc
# A single-area batch with area_parts_per_unit: a note, the same results.
cat > small_areas.txtpb <<BATCH
schema_version: 1
replicates_per_unit: 2
area_parts_per_unit: 5
scenario { path: "$scenario" output: "a.nc" replicates: 4 }
BATCH
"$carecast" batch small_areas.txtpb -o small_areas --threads 2 2>small_areas.log
grep -q "note: area_parts_per_unit 5 changes nothing: no scenario of the batch has several areas" small_areas.log || {
    cat small_areas.log >&2; echo "FAIL: no note for area_parts_per_unit without areas" >&2; exit 1; }
"$python" "$(dirname "$0")/compare_runs.py" serial/a.nc small_areas/a.nc

# A failing unit on any rank fails the batch on every rank (exit 1, no final output) instead of hanging.
cat > broken.txtpb <<BATCH
schema_version: 1
output_directory: "broken_out"
scenario { path: "$scenario" output: "a.nc" replicates: 2 }
scenario { path: "does_not_exist.txtpb" }
BATCH
if "${launch[@]}" -np 2 "$carecast" batch broken.txtpb --quiet 2>broken.log; then
    echo "FAIL: a broken batch succeeded under MPI" >&2; exit 1
fi
grep -q "does_not_exist.txtpb.: no such file" broken.log || { cat broken.log >&2; exit 1; }
echo "PASS"
