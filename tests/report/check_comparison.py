"""Checks `carecast compare --csv` against the two run files: paired differences by replicate, their
mean, type 7 percentiles, a t interval and the distinguishable flag.  usage: check_comparison.py BASE WHATIF CSV"""
import csv
import math
import sys

import numpy as np
import xarray as xr

base = xr.open_dataset(sys.argv[1], engine="h5netcdf")
whatif = xr.open_dataset(sys.argv[2], engine="h5netcdf")
with open(sys.argv[3], newline="", encoding="utf-8-sig") as f:
    rows = list(csv.DictReader(f))
# t quantiles (0.975) for 1..5 degrees of freedom, from tables.
t975 = {1: 12.7062047, 2: 4.30265273, 3: 3.18244631, 4: 2.77644511, 5: 2.57058184}


def residents(ds):
    return (ds["care_home_residents_residential"] + ds["care_home_residents_nursing"]).sum(["area", "sex", "age"])


checked = 0
for r in rows:
    if r["indicator_id"] != "care_home_residents":
        continue
    year = int(r["year"])
    d = (residents(whatif) - residents(base)).sel(year=year).values.astype(float)
    n = len(d)
    assert int(r["replicates"]) == n
    assert math.isclose(float(r["difference_mean"]), d.mean(), rel_tol=1e-12, abs_tol=1e-9)
    for col, q in (("difference_p5", 5), ("difference_p95", 95)):
        assert math.isclose(float(r[col]), np.percentile(d, q), rel_tol=1e-12, abs_tol=1e-9), (r, col)
    half = t975[n - 1] * d.std(ddof=1) / math.sqrt(n)
    assert math.isclose(float(r["difference_ci95_low"]), d.mean() - half, rel_tol=1e-6, abs_tol=1e-6), r
    assert math.isclose(float(r["difference_ci95_high"]), d.mean() + half, rel_tol=1e-6, abs_tol=1e-6), r
    distinguishable = d.mean() - half > 0 or d.mean() + half < 0
    assert r["distinguishable_from_zero"] == ("yes" if distinguishable else "no"), r
    checked += 1
assert checked == base.sizes["year"], checked
print(f"compare: {checked} care-home lines checked; {len(rows)} rows in all")
