#!/usr/bin/python3
"""Checks a `carecast run` output file of tests/end_to_end/small.txtpb, read the ways users read it.

Usage: check_run_output.py OUTPUT.nc SCENARIO.txtpb [EXPECTED_BASE_TOTAL]

Opens the file with xarray through both the h5netcdf and the netcdf4 engine and checks, with each:
  * the dimensions (replicate 3, year 5 = 2016..2020, period 4, area 1, sex 2, age 111, statistic 4);
  * the variables population, births, deaths, immigrants, emigrants, their *_summary and
    population_indicators, each with units and long_name;
  * the provenance attributes, and that scenario_text is exactly the scenario file's text;
  * the base-year population total (521776, ONS mid-2016 County Durham) in every replicate;
  * exact stock-flow accounting for every replicate, year, area, sex and age:
        population[y+1, a+1] = population[y, a] - deaths - emigrants + immigrants  (flows of period y+1,
                                                                                    age a+1)
    with births entering at age 0 and the open top age accumulating both max_age-1 and max_age;
  * population_summary's mean equals the mean over replicates.
Both engines must also see identical data. Needs Debian's python3-xarray, python3-h5netcdf and
python3-netcdf4 (run with /usr/bin/python3). Exits 1 with every failure listed.
"""
import sys

import numpy as np
import xarray as xr

EXPECTED_SIZES = {"replicate": 3, "year": 5, "period": 4, "area": 1, "sex": 2, "age": 111, "statistic": 4}
FLOWS = ["births", "deaths", "immigrants", "emigrants"]
VARIABLES = ["population"] + FLOWS
REQUIRED_VARIABLES = VARIABLES + [v + "_summary" for v in VARIABLES] + ["population_indicators"]
REQUIRED_ATTRIBUTES = ["scenario_text", "seed", "carecast_version", "carecast_git_revision", "command_line",
                       "threads", "results_digest"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def check_dataset(ds, engine, scenario_text, expected_base_total):
    tag = f"[{engine}]"
    for dim, size in EXPECTED_SIZES.items():
        check(ds.sizes.get(dim) == size, f"{tag} dimension {dim}: expected {size}, got {ds.sizes.get(dim)}")
    check(ds["year"].values.tolist() == list(range(2016, 2021)),
          f"{tag} year coordinate: expected 2016..2020, got {ds['year'].values.tolist()}")
    check(ds["period"].values.tolist() == list(range(2017, 2021)),
          f"{tag} period coordinate: expected 2017..2020, got {ds['period'].values.tolist()}")
    check(ds["age"].values.tolist() == list(range(0, 111)), f"{tag} age coordinate: expected 0..110")
    check(ds["statistic"].values.tolist()[0] == "mean",
          f"{tag} statistic coordinate: first should be 'mean', got {ds['statistic'].values.tolist()}")

    for name in REQUIRED_VARIABLES:
        if not check(name in ds.data_vars, f"{tag} variable {name} is missing"):
            continue
        for attribute in ("units", "long_name"):
            value = ds[name].attrs.get(attribute)
            check(isinstance(value, str) and value != "", f"{tag} variable {name} lacks a {attribute} attribute")

    for name in REQUIRED_ATTRIBUTES:
        value = ds.attrs.get(name)
        check(value is not None and str(value) != "", f"{tag} global attribute {name} is missing or empty")
    check(ds.attrs.get("scenario_text") == scenario_text,
          f"{tag} global attribute scenario_text differs from the scenario file's text")
    if any(v not in ds.data_vars for v in VARIABLES):
        return None

    # All arrays as [replicate, time, area, sex, age] int64 numpy arrays; time is year or period.
    order = ("replicate", "year", "area", "sex", "age")
    population = ds["population"].transpose(*order).values.astype(np.int64)
    flow_order = ("replicate", "period", "area", "sex", "age")
    flows = {f: ds[f].transpose(*flow_order).values.astype(np.int64) for f in FLOWS}

    base_totals = population[:, 0].sum(axis=(1, 2, 3))
    check(np.all(base_totals == expected_base_total),
          f"{tag} base-year population total per replicate: expected {expected_base_total}, "
          f"got {base_totals.tolist()}")
    for name, values in [("population", population)] + list(flows.items()):
        check(np.all(values >= 0), f"{tag} {name} has negative counts")
    check(np.all(flows["births"][..., 1:] == 0), f"{tag} births recorded at ages above 0")

    # Stock-flow accounting. Period p (index j) runs from mid-year p-1 (year index j) to mid-year p
    # (year index j+1); flows are by the age reached at the end of the period.
    years = ds["year"].values.tolist()
    periods = ds["period"].values.tolist()
    for j, period in enumerate(periods):
        check(years[j] == period - 1 and years[j + 1] == period,
              f"{tag} period {period} does not run between years {years[j]} and {years[j + 1]}")
    before, after = population[:, :-1], population[:, 1:]
    change = -flows["deaths"] - flows["emigrants"] + flows["immigrants"]
    expected = np.empty_like(after)
    expected[..., 0] = flows["births"][..., 0]
    expected[..., 1:] = before[..., :-1]
    expected[..., -1] += before[..., -1]  # the open top age keeps its survivors
    expected += change
    mismatch = np.argwhere(expected != after)
    if not check(mismatch.size == 0, f"{tag} stock-flow accounting fails at {len(mismatch)} cells"):
        sexes = ds["sex"].values.tolist()
        for r, j, area, s, a in mismatch[:10]:
            failures.append(f"    replicate {r}, {years[j]}->{years[j + 1]}, area {area}, sex {sexes[s]}, age {a}: "
                            f"population {after[r, j, area, s, a]}, accounting gives {expected[r, j, area, s, a]}")

    summary = ds["population_summary"].sel(statistic="mean").transpose(*order[1:]).values
    mean = population.mean(axis=0)
    check(np.allclose(summary, mean, rtol=1e-12, atol=1e-9),
          f"{tag} population_summary mean differs from the mean over replicates by up to "
          f"{np.abs(summary - mean).max()}")
    for flow in FLOWS:
        summary = ds[flow + "_summary"].sel(statistic="mean").transpose(*flow_order[1:]).values
        check(np.allclose(summary, flows[flow].mean(axis=0), rtol=1e-12, atol=1e-9),
              f"{tag} {flow}_summary mean differs from the mean over replicates")
    return {name: ds[name].values for name in REQUIRED_VARIABLES if name in ds.data_vars}


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    path, scenario_path = sys.argv[1], sys.argv[2]
    expected_base_total = int(sys.argv[3]) if len(sys.argv) == 4 else 521776
    with open(scenario_path, encoding="utf-8") as f:
        scenario_text = f.read()
    arrays = {}
    for engine in ("h5netcdf", "netcdf4"):
        try:
            with xr.open_dataset(path, engine=engine) as ds:
                arrays[engine] = check_dataset(ds, engine, scenario_text, expected_base_total)
        except Exception as e:  # a reader that cannot open the file is a failure, not a crash
            failures.append(f"[{engine}] cannot read {path}: {type(e).__name__}: {e}")
    if arrays.get("h5netcdf") and arrays.get("netcdf4"):
        for name, values in arrays["h5netcdf"].items():
            check(np.array_equal(values, arrays["netcdf4"].get(name)),
                  f"h5netcdf and netcdf4 read different values for {name}")
    if failures:
        print(f"FAIL: {path}", file=sys.stderr)
        for failure in failures:
            print("  " + failure, file=sys.stderr)
        sys.exit(1)
    print(f"OK: {path}: dimensions, variables, attributes, base total, stock-flow accounting and summaries "
          f"check out with h5netcdf and netcdf4")


if __name__ == "__main__":
    main()
