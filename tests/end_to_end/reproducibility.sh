#!/usr/bin/env bash
# Results must not depend on the number of threads, nor on the code paths chosen from the CPU.
#
# Usage: reproducibility.sh CARECAST SCENARIO.txtpb
#
# Runs the scenario with --threads 1, 2 and 4, and with 2 threads on the portable code paths
# (CARECAST_CPU_PATHS=portable: no AVX-512 Philox blocks or compaction, no popcnt; core/cpu_paths.hpp),
# and checks that the results_digest attributes are identical and that every data variable (population,
# flows, summaries, indicators) is equal between the files.
# NCDUMP and PYTHON override the programs (defaults: ncdump on PATH and /usr/bin/python3).
set -euo pipefail

source "$(dirname "$0")/../support/e2e_common.sh"
e2e_setup reproducibility "$@"
ncdump=${NCDUMP:-ncdump}
python=${PYTHON:-/usr/bin/python3}

digests=()
for threads in 1 2 4; do
    "$carecast" run "$scenario" -o "$tmp/threads$threads.nc" --threads "$threads" --quiet
    header=$("$ncdump" -h "$tmp/threads$threads.nc")
    digest=$(sed -nE 's/^[[:space:]]+(string )?:results_digest = "(.*)" ;$/\2/p' <<<"$header")
    recorded=$(sed -nE 's/^[[:space:]]+(string )?:threads = "?([0-9]+)"? ;$/\2/p' <<<"$header")
    echo "--threads $threads: results_digest $digest, threads attribute $recorded"
    [[ -n "$digest" ]] || { echo "FAIL: threads$threads.nc has no results_digest" >&2; exit 1; }
    [[ "$recorded" == "$threads" ]] || { echo "FAIL: threads$threads.nc records threads=$recorded" >&2; exit 1; }
    digests+=("$digest")
done
CARECAST_CPU_PATHS=portable "$carecast" run "$scenario" -o "$tmp/portable.nc" --threads 2 --quiet
portable=$(sed -nE 's/^[[:space:]]+(string )?:results_digest = "(.*)" ;$/\2/p' <<<"$("$ncdump" -h "$tmp/portable.nc")")
echo "--threads 2, portable code paths: results_digest $portable"
digests+=("$portable")
for digest in "${digests[@]}"; do
    if [[ "$digest" != "${digests[0]}" ]]; then
        echo "FAIL: results_digest differs between thread counts or code paths (1, 2, 4, portable): ${digests[*]}" >&2
        exit 1
    fi
done

"$python" - "$tmp/threads1.nc" "$tmp/threads2.nc" "$tmp/threads4.nc" "$tmp/portable.nc" <<'PY'
import sys

import numpy as np
import xarray as xr

reference_path, *others = sys.argv[1:]
failures = []
with xr.open_dataset(reference_path, engine="h5netcdf") as reference:
    names = sorted(reference.data_vars)
    if "population" not in names:
        sys.exit(f"FAIL: {reference_path} has no population variable")
    for path in others:
        with xr.open_dataset(path, engine="h5netcdf") as other:
            if sorted(other.data_vars) != names:
                failures.append(f"{path}: variables {sorted(other.data_vars)} differ from {names}")
                continue
            for name in names:
                if not np.array_equal(reference[name].values, other[name].values):
                    failures.append(f"{path}: {name} differs from {reference_path}")
if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
print(f"all {len(names)} data variables equal across {len(others) + 1} runs (thread counts, code paths)")
PY
echo "OK: identical results with 1, 2 and 4 threads and on the portable code paths (${digests[0]})"
