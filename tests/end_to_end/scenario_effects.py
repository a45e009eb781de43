#!/usr/bin/python3
"""Checks the shipped what-ifs against the baseline (same seed, 1 replicate), for shipped_scenarios.sh.

For each what-if: results before its first year equal the baseline's bit for bit (common random
numbers), and the indicator it targets moves the right way afterwards.
"""
import pathlib
import sys

import numpy as np
import xarray as xr

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def total(ds, name, **where):
    return float(ds[name].sel(**where).sum())


def main(directory):
    d = pathlib.Path(directory)
    base = durham = xr.open_dataset(d / "county_durham_baseline.nc", engine="h5netcdf")
    check(base.attrs["interventions"] == "none", "baseline has interventions")
    # what-if: (first year it acts, indicator, selection, direction)
    effects = {
        "whatif_dementia_prevention": (2020, "dementia", {"year": 2035}, -1),
        "whatif_reablement_expansion": (2020, "reablement_episodes", {"period": 2025}, +1),
        "whatif_england_admission_rate": (2020, "care_home_admissions_residential", {"period": 2026}, -1),
        "whatif_ehc_national_growth": (2020, "ehc_plans", {"year": 2030}, +1),
        "whatif_extra_care_2022": (2022, "care_home_admissions_residential", {"period": 2030}, -1),
        # The other councils' what-ifs (issue 10), each against its own baseline.
        "whatif_nottingham_admissions_england_rate": (2021, "care_home_admissions_residential", {"period": 2027}, -1,
                                                      "nottingham_baseline"),
        "whatif_thurrock_ehc_growth_slows": (2021, "ehc_plans", {"year": 2030}, -1, "thurrock_baseline"),
        "whatif_darlington_extra_care_2023": (2023, "care_home_admissions_residential", {"period": 2030}, -1,
                                              "darlington_baseline"),
    }
    council_baselines = {}
    for name, (first_year, indicator, where, direction, *baseline) in effects.items():
        if baseline:
            council_baselines.setdefault(baseline[0], xr.open_dataset(d / f"{baseline[0]}.nc", engine="h5netcdf"))
        base = council_baselines[baseline[0]] if baseline else durham
        ds = xr.open_dataset(d / f"{name}.nc", engine="h5netcdf")
        check(ds.attrs["interventions"] != "none", f"{name}: no interventions recorded")
        check("intervention_multiplier" in ds, f"{name}: intervention_multiplier missing")
        for var in ("population", "dementia", "care_home_residents_residential", "ehc_plans"):
            b, w = base[var], ds[var]
            same = b.sel(year=slice(None, first_year)).values == w.sel(year=slice(None, first_year)).values
            check(same.all(), f"{name}: {var} differs from the baseline before {first_year}")
        diff = total(ds, indicator, **where) - total(base, indicator, **where)
        check(np.sign(diff) == direction, f"{name}: {indicator} at {where} moved by {diff}, expected sign {direction}")
        print(f"{name}: {indicator} {where} {diff:+.0f} (replicate 0)")
    base = durham
    fees = xr.open_dataset(d / "whatif_fee_uplift_5pct.nc", engine="h5netcdf")
    check((fees["population"].values == base["population"].values).all(), "fee uplift changed demand")
    if "cost_cash" in base:
        extra = total(fees, "cost_cash", financial_year=2030, budget_line="asc_total") - \
            total(base, "cost_cash", financial_year=2030, budget_line="asc_total")
        check(extra > 0, "fee uplift did not raise the 2030/31 cost")
        print(f"whatif_fee_uplift_5pct: cost 2030/31 {extra / 100:+,.0f} GBP (replicate 0)")
    extra_care = xr.open_dataset(d / "whatif_extra_care_2022.nc", engine="h5netcdf")
    check("extra_care_capacity" in extra_care, "extra_care_capacity missing")
    if "extra_care_capacity" in extra_care:
        units = extra_care["extra_care_capacity"]
        check(float(units.sel(financial_year=2022)) == 60 and float(units.sel(financial_year=2021)) == 0,
              "extra-care units are not 0 before 2022/23 and 60 from it")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
