#!/usr/bin/python3
"""Checks a `carecast run` output file of a scenario, read the ways users read it.

Usage: check_run_output.py OUTPUT.nc SCENARIO.txtpb [EXPECTED_BASE_TOTAL]

The expected shape comes from the scenario's own text (run.base_year, run.horizon_year, run.replicates,
demography.max_age; one area). Opens the file with xarray through both the h5netcdf and the netcdf4
engine and checks, with each:
  * the dimensions (replicate, year = base..horizon, period = base+1..horizon, area 1, sex 2,
    age 0..max_age, statistic 4);
  * the variables population, births, deaths, immigrants, emigrants, their *_summary and
    population_indicators, each with units and long_name; and, for each cohort section present in
    the scenario (dementia, carers, send, care_homes, home_care), that section's stocks;
  * the provenance attributes, and that scenario_text is exactly the scenario file's text;
  * the base-year population total (521776, ONS mid-2016 County Durham) in every replicate;
  * every measure (a variable with a measure_kind attribute) is a non-negative count on
    (replicate, year, area, sex, age) if a stock, (replicate, period, area, sex, age) if a flow;
  * exact stock-flow accounting for EVERY stock, using its inflows and outflows attributes (each must
    name flows in the file), for every replicate, year, area, sex and age:
        stock[y+1, a+1] = stock[y, a] + sum(inflows[period y+1, a+1]) - sum(outflows[period y+1, a+1])
    with age 0 at y+1 made only of inflows and the open top age accumulating both max_age-1 and max_age;
  * the population identity once more, written out here rather than read from the attributes:
        population[y+1, a+1] = population[y, a] - deaths - emigrants + immigrants, births at age 0;
  * every measure's *_summary mean equals the mean over replicates;
  * with a `money` section: cost_cash, cost_real, mtfp_pressure and mtfp_pressure_real
    (int64 pence on replicate, financial_year, budget_line, with summaries), budget_envelope and
    budget_savings (financial_year, budget_line); financial_year = base..horizon-1; the total line is the
    sum of the others and pressure = cost - envelope + savings, exactly; with a `market` section:
    market_capacity (financial_year, service), market_demand, market_occupancy and market_surplus
    (replicate, financial_year, service, with summaries), surplus = capacity - demand.
Both engines must also see identical data. Needs Debian's python3-xarray, python3-h5netcdf and
python3-netcdf4 (run with /usr/bin/python3). Exits 1 with every failure listed.
"""
import re
import sys

import numpy as np
import xarray as xr

FLOWS = ["births", "deaths", "immigrants", "emigrants"]
VARIABLES = ["population"] + FLOWS
REQUIRED_VARIABLES = VARIABLES + [v + "_summary" for v in VARIABLES] + ["population_indicators"]
REQUIRED_ATTRIBUTES = ["scenario_text", "seed", "carecast_version", "carecast_git_revision", "command_line",
                       "threads", "results_digest"]
# Stocks each cohort section of a scenario must produce (engine/sim/model.cpp registers them).
COHORT_STOCKS = {
    "dementia": ["dementia", "dementia_diagnosed"],
    "carers": ["partnered", "carers_1_19", "carers_20_49", "carers_50_plus", "partner_carers"],
    "send": ["sen_support", "ehc_plans"],
    "care_homes": ["care_home_residents_residential", "care_home_residents_nursing"],
    "home_care": ["home_care"],
}
STOCK_DIMS = ("replicate", "year", "area", "sex", "age")
FLOW_DIMS = ("replicate", "period", "area", "sex", "age")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def scenario_shape(text):
    """Sizes and coordinates the output of the scenario `text` should have, from its own fields."""
    def field(name, default=None):
        match = re.search(rf"^\s*{name}\s*:\s*(\d+)", text, re.MULTILINE)
        if match is None and default is None:
            sys.exit(f"the scenario has no {name} field")
        return int(match.group(1)) if match else default

    base, horizon, replicates = field("base_year"), field("horizon_year"), field("replicates")
    max_age = field("max_age", 110)
    sections = [s for s in COHORT_STOCKS if re.search(rf"^{s}\s*{{", text, re.MULTILINE)]
    return {
        "sizes": {"replicate": replicates, "year": horizon - base + 1, "period": horizon - base, "area": 1,
                  "sex": 2, "age": max_age + 1, "statistic": 4},
        "years": list(range(base, horizon + 1)),
        "max_age": max_age,
        "cohort_stocks": [stock for s in sections for stock in COHORT_STOCKS[s]],
    }


def accounting_expectation(stock, inflows, outflows):
    """stock[y+1] implied by stock[y] and the flows: arrays are [replicate, time, area, sex, age]."""
    expected = np.zeros_like(stock[:, 1:])
    expected[..., 1:] = stock[:, :-1, ..., :-1]
    expected[..., -1] += stock[:, :-1, ..., -1]  # the open top age keeps its survivors
    for flow in inflows:
        expected += flow
    for flow in outflows:
        expected -= flow
    return expected


def report_mismatches(tag, name, ds, expected, actual):
    mismatch = np.argwhere(expected != actual)
    if check(mismatch.size == 0, f"{tag} stock-flow accounting of {name} fails at {len(mismatch)} cells"):
        return
    years, sexes = ds["year"].values.tolist(), ds["sex"].values.tolist()
    for r, j, area, s, a in mismatch[:10]:
        failures.append(f"    {name}: replicate {r}, {years[j]}->{years[j + 1]}, area {area}, sex {sexes[s]}, "
                        f"age {a}: stock {actual[r, j, area, s, a]}, accounting gives {expected[r, j, area, s, a]}")


def check_measures(ds, tag):
    """Every measure's shape, sign and summary; every stock's accounting from its own attributes."""
    measures = {name: ds[name] for name in ds.data_vars if "measure_kind" in ds[name].attrs}
    values = {}
    for name, var in measures.items():
        kind = var.attrs["measure_kind"]
        if not check(kind in ("stock", "flow"), f"{tag} {name}: measure_kind '{kind}' is neither stock nor flow"):
            continue
        dims = STOCK_DIMS if kind == "stock" else FLOW_DIMS
        if not check(set(var.dims) == set(dims), f"{tag} {name}: dimensions {var.dims}, expected {dims}"):
            continue
        values[name] = var.transpose(*dims).values.astype(np.int64)
        check(np.all(values[name] >= 0), f"{tag} {name} has negative counts")
        summary_name = name + "_summary"
        if check(summary_name in ds.data_vars, f"{tag} {name} has no {summary_name}"):
            summary = ds[summary_name].sel(statistic="mean").transpose(*dims[1:]).values
            check(np.allclose(summary, values[name].mean(axis=0), rtol=1e-12, atol=1e-9),
                  f"{tag} {summary_name} mean differs from the mean over replicates")
    stocks = [n for n in values if measures[n].attrs["measure_kind"] == "stock"]
    for name in stocks:
        flows = {}
        for direction in ("inflows", "outflows"):
            listed = measures[name].attrs.get(direction)
            if not check(isinstance(listed, str), f"{tag} stock {name} has no {direction} attribute"):
                break
            flows[direction] = listed.split()
            for flow in flows[direction]:
                check(flow in values and measures[flow].attrs["measure_kind"] == "flow",
                      f"{tag} stock {name}: {direction} names '{flow}', which is not a flow in the file")
        if len(flows) < 2 or any(f not in values for fs in flows.values() for f in fs):
            continue
        expected = accounting_expectation(values[name], [values[f] for f in flows["inflows"]],
                                          [values[f] for f in flows["outflows"]])
        report_mismatches(tag, name, ds, expected, values[name][:, 1:])
    return stocks


MONEY_VARIABLES = ["cost_cash", "cost_real", "mtfp_pressure", "mtfp_pressure_real"]
MARKET_VARIABLES = ["market_demand", "market_occupancy", "market_surplus"]


def check_described(ds, tag, name, dims, units):
    """The variable exists with these dimensions, units and a long_name."""
    if not check(name in ds.variables, f"{tag} variable {name} is missing"):
        return False
    var = ds[name]
    check(var.dims == dims, f"{tag} {name}: dimensions {var.dims}, expected {dims}")
    check(var.attrs.get("units") == units, f"{tag} {name}: units {var.attrs.get('units')!r}, expected {units!r}")
    check(bool(var.attrs.get("long_name")), f"{tag} {name} lacks a long_name")
    return var.dims == dims


def check_money_and_market(ds, tag, text, years):
    """The money and market outputs of a scenario with those sections (docs/money_and_market.md)."""
    has_money = re.search(r"^money\s*{", text, re.MULTILINE) is not None
    has_market = re.search(r"^market\s*{", text, re.MULTILINE) is not None
    if not (has_money or has_market):
        check("financial_year" not in ds.dims, f"{tag} financial_year dimension without money or market sections")
        return
    if check("financial_year" in ds.coords, f"{tag} no financial_year coordinate"):
        check(ds["financial_year"].values.tolist() == years[:-1],
              f"{tag} financial_year: expected {years[0]}..{years[-2]}, got {ds['financial_year'].values.tolist()}")
        check(bool(ds["financial_year"].attrs.get("long_name")), f"{tag} financial_year lacks a long_name")
    if has_money:
        lines = ds["budget_line"].values.tolist() if "budget_line" in ds.coords else []
        check(lines[-2:] == ["asc_total", "high_needs_total"],
              f"{tag} budget_line should end with 'asc_total', 'high_needs_total': {lines}")
        ok = all([check_described(ds, tag, n, ("financial_year", "budget_line"), "pence")
                  for n in ("budget_envelope", "budget_savings")])
        for name in MONEY_VARIABLES:
            ok = check_described(ds, tag, name, ("replicate", "financial_year", "budget_line"), "pence") and ok
            ok = check_described(ds, tag, name + "_summary", ("statistic", "financial_year", "budget_line"),
                                 "pence") and ok
            if name in ds.variables:
                check(ds[name].dtype == np.int64, f"{tag} {name} is {ds[name].dtype}, expected int64 pence")
        if ok:
            cost = ds["cost_cash"].values
            high_needs = [line == "ehc_plans" for line in lines[:-2]]
            asc = cost[..., :-2][..., [not h for h in high_needs]].sum(axis=-1)
            check(np.array_equal(cost[..., -2], asc),
                  f"{tag} cost_cash: asc_total is not the sum of the adult social care lines")
            check(np.array_equal(cost[..., -1], cost[..., :-2][..., high_needs].sum(axis=-1)),
                  f"{tag} cost_cash: high_needs_total is not the EHC plans line")
            if "cost_cash_by_client_group" in ds.variables:
                check(np.array_equal(ds["cost_cash_by_client_group"].values.sum(axis=-1), cost[..., -2]),
                      f"{tag} cost_cash_by_client_group does not add up to asc_total")
            if "unit_price" in ds.variables:
                check(ds["unit_price"].dtype == np.int64, f"{tag} unit_price is not int64 pence")
            expected = cost - ds["budget_envelope"].values[None] + ds["budget_savings"].values[None]
            check(np.array_equal(ds["mtfp_pressure"].values, expected),
                  f"{tag} mtfp_pressure differs from cost_cash - budget_envelope + budget_savings")
            check(np.allclose(ds["cost_cash_summary"].sel(statistic="mean").values, cost.mean(axis=0), rtol=1e-12),
                  f"{tag} cost_cash_summary mean differs from the mean over replicates")
    if has_market and "service" in ds.coords:
        ok = check_described(ds, tag, "market_capacity", ("financial_year", "service"), "1")
        for name in MARKET_VARIABLES:
            ok = check_described(ds, tag, name, ("replicate", "financial_year", "service"), "1") and ok
            ok = check_described(ds, tag, name + "_summary", ("statistic", "financial_year", "service"), "1") and ok
        if ok:
            capacity = ds["market_capacity"].values[None].astype(float)
            demand = ds["market_demand"].values
            check(np.allclose(ds["market_surplus"].values, capacity - demand),
                  f"{tag} market_surplus differs from market_capacity - market_demand")
            with np.errstate(divide="ignore", invalid="ignore"):
                check(np.allclose(ds["market_occupancy"].values, demand / capacity, equal_nan=True),
                      f"{tag} market_occupancy differs from market_demand / market_capacity")
    elif has_market:
        check(bool(re.search(r"^\s*extra_care_units\s*{", text, re.MULTILINE)),
              f"{tag} a market section with services but no service dimension")


def check_dataset(ds, engine, scenario_text, expected_base_total):
    tag = f"[{engine}]"
    shape = scenario_shape(scenario_text)
    for dim, size in shape["sizes"].items():
        check(ds.sizes.get(dim) == size, f"{tag} dimension {dim}: expected {size}, got {ds.sizes.get(dim)}")
    years = shape["years"]
    check(ds["year"].values.tolist() == years,
          f"{tag} year coordinate: expected {years[0]}..{years[-1]}, got {ds['year'].values.tolist()}")
    check(ds["period"].values.tolist() == years[1:],
          f"{tag} period coordinate: expected {years[1]}..{years[-1]}, got {ds['period'].values.tolist()}")
    check(ds["age"].values.tolist() == list(range(0, shape["max_age"] + 1)),
          f"{tag} age coordinate: expected 0..{shape['max_age']}")
    check(ds["statistic"].values.tolist()[0] == "mean",
          f"{tag} statistic coordinate: first should be 'mean', got {ds['statistic'].values.tolist()}")

    for name in REQUIRED_VARIABLES + shape["cohort_stocks"]:
        if not check(name in ds.data_vars, f"{tag} variable {name} is missing"):
            continue
        for attribute in ("units", "long_name"):
            value = ds[name].attrs.get(attribute)
            check(isinstance(value, str) and value != "", f"{tag} variable {name} lacks a {attribute} attribute")
    for name in shape["cohort_stocks"]:
        if name in ds.data_vars:
            check(ds[name].attrs.get("measure_kind") == "stock", f"{tag} {name} is not marked as a stock")

    check_money_and_market(ds, tag, scenario_text, years)

    for name in REQUIRED_ATTRIBUTES:
        value = ds.attrs.get(name)
        check(value is not None and str(value) != "", f"{tag} global attribute {name} is missing or empty")
    check(ds.attrs.get("scenario_text") == scenario_text,
          f"{tag} global attribute scenario_text differs from the scenario file's text")
    if any(v not in ds.data_vars for v in VARIABLES):
        return None

    stocks = check_measures(ds, tag)
    check("population" in stocks, f"{tag} population is not a stock with measure_kind = 'stock'")
    check(set(stocks) >= set(shape["cohort_stocks"]),
          f"{tag} stocks {sorted(stocks)} lack some of the scenario's cohort stocks {shape['cohort_stocks']}")
    attrs = ds["population"].attrs
    check(attrs.get("inflows", "").split() == ["births", "immigrants"] and
          attrs.get("outflows", "").split() == ["deaths", "emigrants"],
          f"{tag} population's inflows/outflows attributes are {attrs.get('inflows')!r}/{attrs.get('outflows')!r}")

    population = ds["population"].transpose(*STOCK_DIMS).values.astype(np.int64)
    flows = {f: ds[f].transpose(*FLOW_DIMS).values.astype(np.int64) for f in FLOWS}
    base_totals = population[:, 0].sum(axis=(1, 2, 3))
    check(np.all(base_totals == expected_base_total),
          f"{tag} base-year population total per replicate: expected {expected_base_total}, "
          f"got {base_totals.tolist()}")
    check(np.all(flows["births"][..., 1:] == 0), f"{tag} births recorded at ages above 0")

    # The population identity written out, independent of the attributes. Period p (index j) runs from
    # mid-year p-1 (year index j) to mid-year p (year index j+1); flows by the age reached at its end.
    before, after = population[:, :-1], population[:, 1:]
    expected = np.empty_like(after)
    expected[..., 0] = flows["births"][..., 0]
    expected[..., 1:] = before[..., :-1]
    expected[..., -1] += before[..., -1]
    expected += flows["immigrants"] - flows["deaths"] - flows["emigrants"]
    report_mismatches(tag, "population (written out)", ds, expected, after)
    print(f"{tag} stock-flow accounting checked for {len(stocks)} stocks: {' '.join(stocks)}")
    return {name: ds[name].values for name in ds.data_vars}


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
            # Counts in days (bed-days, reablement days) carry units "days", which xarray would otherwise
            # decode as timedelta64: read them as the integer counts they are.
            with xr.open_dataset(path, engine=engine, decode_timedelta=False) as ds:
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
    print(f"OK: {path}: dimensions, variables, attributes, base total, stock-flow accounting of every stock "
          f"and summaries check out with h5netcdf and netcdf4")


if __name__ == "__main__":
    main()
