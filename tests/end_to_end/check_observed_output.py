#!/usr/bin/python3
"""Checks the published figures in a `carecast run` output file against the CSV files they came from,
and that storing them changed nothing simulated.

Usage: check_observed_output.py OBSERVED.nc PLAIN.nc POPULATION.csv EHC_PLANS.csv

OBSERVED.nc is a run of a scenario with an `observed` section, PLAIN.nc the same scenario without it
(same seed and replicates). With xarray through both the h5netcdf and the netcdf4 engine:
  * observed_population(area, observed_year, sex, observed_age) equals the population CSV at every
    (area, year, sex, age) it lists, and is NaN everywhere else; observed_year holds exactly its years;
  * observed_ehc_plans(area, observed_ehc_year, ehc_age_band) equals the EHC CSV (a blank value: NaN)
    and is NaN for every band the CSV does not give for a year;
  * each has `source` (holding every `#` header line of its CSV), `long_name` and `units`;
  * every other variable and the results_digest are identical to PLAIN.nc's: the simulated arrays are
    unchanged.
Exits 1 with every failure listed.
"""
import csv
import sys

import numpy as np
import xarray as xr

observed_nc, plain_nc, population_csv, ehc_csv = sys.argv[1:5]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def read_csv(path):
    with open(path, newline="") as f:
        lines = f.read().splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    return header, rows


SEX = {"M": "male", "male": "male", "F": "female", "female": "female"}

for engine in ("h5netcdf", "netcdf4"):
    with xr.open_dataset(observed_nc, engine=engine) as ds, xr.open_dataset(plain_nc, engine=engine) as plain:
        where = f"[{engine}]"
        for name in ("observed_population", "observed_ehc_plans"):
            check(name in ds.variables, f"{where} no variable {name}")
        if failures:
            break
        pop = ds["observed_population"]
        check(pop.dims == ("area", "observed_year", "sex", "observed_age"), f"{where} observed_population dims {pop.dims}")
        header, rows = read_csv(population_csv)
        years = sorted({int(r["year"]) for r in rows})
        check(list(ds["observed_year"].values) == years, f"{where} observed_year {ds['observed_year'].values} != {years}")
        check(list(ds["observed_age"].values) == list(range(91)), f"{where} observed_age is not 0..90")
        expected = np.full(pop.shape, np.nan)
        areas = [str(a) for a in ds["area"].values]
        sexes = [str(s) for s in ds["sex"].values]
        for r in rows:
            expected[areas.index(r["area_code"]), years.index(int(r["year"])), sexes.index(SEX[r["sex"]]),
                     int(r["age"])] = float(r["population"])
        check(np.array_equal(pop.values, expected, equal_nan=True),
              f"{where} observed_population differs from {population_csv} at "
              f"{int(np.sum(~np.isclose(pop.values, expected, equal_nan=True)))} cells")
        for line in header:
            check(line in pop.attrs.get("source", ""), f"{where} observed_population source lacks '{line[:60]}'")
        for attribute in ("long_name", "units", "source"):
            check(attribute in pop.attrs, f"{where} observed_population has no {attribute}")

        ehc = ds["observed_ehc_plans"]
        check(ehc.dims == ("area", "observed_ehc_year", "ehc_age_band"), f"{where} observed_ehc_plans dims {ehc.dims}")
        header, rows = read_csv(ehc_csv)
        years = sorted({int(r["year"]) for r in rows})
        bands = [str(b) for b in ds["ehc_age_band"].values]
        check(bands == ["under_5", "5_to_10", "11_to_15", "16_to_19", "20_to_25", "total"], f"{where} bands {bands}")
        check(list(ds["observed_ehc_year"].values) == years, f"{where} observed_ehc_year {ds['observed_ehc_year'].values}")
        expected = np.full(ehc.shape, np.nan)
        for r in rows:
            value = float(r["ehc_plans"]) if r["ehc_plans"].strip() else np.nan
            expected[areas.index(r["area_code"]), years.index(int(r["year"])), bands.index(r["age_band"])] = value
        check(np.array_equal(ehc.values, expected, equal_nan=True), f"{where} observed_ehc_plans differs from {ehc_csv}")
        check(np.isnan(expected).any(), f"{where} the EHC fixture should have an unpublished band (2014, 20_to_25)")
        for line in header:
            check(line in ehc.attrs.get("source", ""), f"{where} observed_ehc_plans source lacks '{line[:60]}'")

        # Nothing simulated changed.
        check(ds.attrs["results_digest"] == plain.attrs["results_digest"], f"{where} results_digest differs")
        simulated = [v for v in plain.variables if v not in plain.coords]
        extra = sorted(set(ds.variables) - set(plain.variables))
        check(extra == ["ehc_age_band", "observed_age", "observed_ehc_plans", "observed_ehc_year",
                        "observed_population", "observed_year"], f"{where} unexpected new variables {extra}")
        for v in simulated:
            check(np.array_equal(ds[v].values, plain[v].values, equal_nan=True), f"{where} {v} differs from the plain run")

if failures:
    print("\n".join("FAIL: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"observed figures equal {population_csv} and {ehc_csv}; simulated arrays unchanged")
