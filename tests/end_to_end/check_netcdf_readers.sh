#!/usr/bin/env bash
# Checks that a carecast output file opens in the readers users have: ncdump (netCDF-C) and xarray
# with both the h5netcdf and netcdf4 engines. Prints the dimensions each reader sees and fails if any
# reader errors or an expected dimension is missing.
#
# Usage: check_netcdf_readers.sh FILE [EXPECTED_DIMENSION...]
# Needs Debian's netcdf-bin, python3-xarray, python3-h5netcdf and python3-netcdf4; PYTHON overrides
# the interpreter (default /usr/bin/python3, where the Debian packages are installed).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 FILE [EXPECTED_DIMENSION...]" >&2
    exit 2
fi
file=$1
shift
python=${PYTHON:-/usr/bin/python3}
status=0

echo "== ncdump -h $file"
if ! header=$(ncdump -h "$file"); then
    echo "FAIL: ncdump could not read $file" >&2
    exit 1
fi
# Dimension names as declared in the "dimensions:" block, e.g. "	year = 4 ;".
ncdump_dims=$(awk '/^dimensions:/ {inside = 1; next} /^[a-z]/ {inside = 0} inside && / = / {print $1}' \
    <<<"$header")
echo "ncdump dimensions: $(tr '\n' ' ' <<<"$ncdump_dims")"
for dim in "$@"; do
    if ! grep -qxF -- "$dim" <<<"$ncdump_dims"; then
        echo "FAIL: ncdump does not show dimension '$dim'" >&2
        status=1
    fi
done

read -r -d '' check_xarray <<'PY' || true
import sys
import xarray as xr

path, engine, expected = sys.argv[1], sys.argv[2], sys.argv[3:]
with xr.open_dataset(path, engine=engine) as ds:
    print(f"xarray[{engine}] dims: {dict(ds.sizes)}")
    for name, coord in ds.coords.items():
        print(f"  coord {name}{coord.dims} = {coord.values.tolist()}")
    for name, var in ds.data_vars.items():
        long_name, units = var.attrs.get("long_name"), var.attrs.get("units")
        print(f"  var {name}{var.dims} {var.dtype}: long_name={long_name!r} units={units!r}")
        if long_name is None or units is None:
            sys.exit(f"FAIL: xarray[{engine}]: variable {name} lacks long_name or units")
    missing = [d for d in expected if d not in ds.dims]
    if missing:
        sys.exit(f"FAIL: xarray[{engine}] does not show dimension(s) {missing}")
PY

for engine in h5netcdf netcdf4; do
    echo "== xarray engine=$engine"
    if ! "$python" -c "$check_xarray" "$file" "$engine" "$@"; then
        echo "FAIL: xarray engine=$engine could not read $file as expected" >&2
        status=1
    fi
done

if [[ $status -eq 0 ]]; then
    echo "OK: ncdump and xarray (h5netcdf, netcdf4) read $file"
fi
exit $status
