#!/usr/bin/env bash
# e2e: any_council. `carecast init` for a council that is not County Durham (Thurrock, E06000034) at the
# latest base year, run from a base of 2020 to 2045 as a user would; then nothing in the output, export
# or report may assume 2016 or 2040: years run 2020..2045, financial years 2020/21..2044/45, and the
# published estimates sit beside the projection. A base year the data lacks is refused. Also a county by
# district (Nottinghamshire's 7 districts) validates and its areas sum to the county's population.
#   any_council.sh CARECAST
set -euo pipefail
carecast=$(realpath "$1")
python=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carecast-any-council.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

"$carecast" init E06000034 --horizon-year 2045 -o thurrock > init.log
grep -q "^wrote thurrock/thurrock_baseline.txtpb" init.log
scenario=thurrock/thurrock_baseline.txtpb
grep -q "base_year: 2020" "$scenario"
grep -q "horizon_year: 2045" "$scenario"
"$carecast" validate "$scenario"
"$carecast" run "$scenario" -o t.nc --replicates 2 --quiet --progress none > run.log
"$carecast" export t.nc --csv csv > /dev/null
"$carecast" report t.nc -o t.html > /dev/null

"$python" - t.nc csv t.html <<'PY'
import csv, pathlib, sys
import xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
years = [int(y) for y in ds["year"].values]
assert years == list(range(2020, 2046)), years
fy = [int(y) for y in ds["financial_year"].values]
assert fy[0] == 2020 and fy[-1] == 2044, fy
assert list(ds["area"].values) == ["E06000034"]
pop = ds["population_summary"].sel(statistic="mean").sum(["area", "sex", "age"])
assert int(pop.isel(year=0)) == 175531, int(pop.isel(year=0))  # ONS mid-2020, exactly
obs = ds["observed_population"].sum(["sex", "observed_age"]).sel(area="E06000034")
assert int(obs.sel(observed_year=2020)) == 175531
assert sorted(int(y) for y in ds["observed_year"].values) == [2011, 2014, 2015, 2016, 2017, 2018, 2019, 2020]
rows = list(csv.DictReader(open(pathlib.Path(sys.argv[2]) / "population.csv", encoding="utf-8-sig")))
assert min(int(r["year"]) for r in rows) == 2020 and max(int(r["year"]) for r in rows) == 2045
html = open(sys.argv[3], encoding="utf-8").read()
assert "2044/45" in html and "2020/21" in html
assert "2016/17" not in html and "2039/40" in html
print("base 2020 to 2045: years, financial years, observed figures, export and report all follow the base year")
PY

# A base year the data lacks: refused, naming the years it has.
sed 's/base_year: 2020/base_year: 2023/; s/horizon_year: 2045/horizon_year: 2048/' "$scenario" > thurrock/bad_year.txtpb
if "$carecast" validate thurrock/bad_year.txtpb 2> bad.err; then echo "FAIL: base year 2023 accepted"; exit 1; fi
grep -q "no population for the scenario's base_year 2023: the file has 2020" bad.err

# A county by district: one area per district, summing to the county.
"$carecast" init E10000024 --by-district --horizon-year 2022 -o notts > /dev/null
"$carecast" run notts/nottinghamshire_by_district_baseline.txtpb -o n.nc --replicates 1 --quiet --progress none > /dev/null
"$python" - n.nc <<'PY'
import sys
import xarray as xr
ds = xr.open_dataset(sys.argv[1], engine="h5netcdf")
assert len(ds["area"]) == 7, list(ds["area"].values)
base = int(ds["population_summary"].sel(statistic="mean", year=2020).sum())
assert base == 833377, base  # Nottinghamshire mid-2020 (sum of its districts)
print("Nottinghamshire by district: 7 areas summing to the county")
PY
echo "any council: ok"
