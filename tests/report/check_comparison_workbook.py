"""Checks the workbook of `carecast compare --xlsx` against the two run files, read back with openpyxl:
the sheets and their pivot-ready columns (years as numbers, part/total rows), baseline, what-if and the
paired difference with its t interval by budget line and financial year in cash and real terms to the
last financial year, parts adding up to their totals, cost by client group adding up to asc_total, the
population by age band adding up to the whole population, and the prevalence cohorts by age band.
  usage: check_comparison_workbook.py BASE WHATIF BOOK.xlsx"""
import math
import sys

import numpy as np
import openpyxl
import xarray as xr

base = xr.open_dataset(sys.argv[1], engine="h5netcdf")
whatif = xr.open_dataset(sys.argv[2], engine="h5netcdf")
book = openpyxl.load_workbook(sys.argv[3], read_only=True)
t975 = {1: 12.7062047, 2: 4.30265273, 3: 3.18244631, 4: 2.77644511, 5: 2.57058184, 19: 2.09302405}


def close(a, b, rel=1e-9, absolute=1e-6):
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=absolute)


def table(name):
    rows = list(book[name].iter_rows(values_only=True))
    header = rows[2]
    assert len(set(header)) == len(header), (name, header)
    return [dict(zip(header, r)) for r in rows[3:]]


assert book.sheetnames == ["about", "budget", "client_groups", "by_age", "indicators"], book.sheetnames
about = {r[0]: r[1] for r in list(book["about"].iter_rows(values_only=True))[3:]}
assert "Uncertainty sources" in about and "Monte-Carlo" in about["Uncertainty sources"], about
assert "Row type" in about

# Budget: every line and financial year, cash and real terms, to the last financial year of the run.
budget = table("budget")
years = [int(y) for y in base["financial_year"].values]
for r in budget:
    assert isinstance(r["Financial year"], int), r
    assert r["Financial year label"] == f"{r['Financial year']}/{(r['Financial year'] + 1) % 100:02d}", r
    assert r["Row type"] == ("total" if r["Budget line"] in ("asc_total", "high_needs_total") else "part"), r
assert {r["Financial year"] for r in budget} == set(years), "budget sheet does not cover every financial year"
assert {(r["Measure"], r["Terms"]) for r in budget} == {("cost", "cash"), ("cost", "real terms"),
                                                        ("MTFP pressure", "cash"), ("MTFP pressure", "real terms")}
variables = {("cost", "cash"): "cost_cash", ("cost", "real terms"): "cost_real",
             ("MTFP pressure", "cash"): "mtfp_pressure", ("MTFP pressure", "real terms"): "mtfp_pressure_real"}
checked = 0
for r in budget:
    var = variables[(r["Measure"], r["Terms"])]
    sel = dict(financial_year=r["Financial year"], budget_line=r["Budget line"])
    b, w = (ds[var].sel(**sel).values.astype(float) / 100 if r["Budget line"] in ds["budget_line"].values else None
            for ds in (base, whatif))
    # A line only one run has (the what-if's own intervention cost) is zero in the other.
    b = np.zeros_like(w) if b is None else b
    w = np.zeros_like(b) if w is None else w
    d = w - b
    n = len(d)
    assert r["Replicates"] == n, r
    assert close(r["Baseline"], b.mean()) and close(r["What-if"], w.mean()), (r, b.mean(), w.mean())
    assert close(r["Difference"], d.mean()), r
    assert close(r["P5 of differences"], np.percentile(d, 5)) and close(r["P95 of differences"], np.percentile(d, 95)), r
    half = t975[n - 1] * d.std(ddof=1) / math.sqrt(n)
    assert close(r["95% CI low"], d.mean() - half, 1e-6) and close(r["95% CI high"], d.mean() + half, 1e-6), r
    assert r["Distinguishable from zero"] == ("yes" if d.mean() - half > 0 or d.mean() + half < 0 else "no"), r
    checked += 1
# The parts of each budget add up to its total, in both runs.
for key in {(r["Measure"], r["Terms"], r["Budget"], r["Financial year"]) for r in budget}:
    rows = [r for r in budget if (r["Measure"], r["Terms"], r["Budget"], r["Financial year"]) == key]
    totals = [r for r in rows if r["Row type"] == "total"]
    assert len(totals) == 1, (key, totals)
    for column in ("Baseline", "What-if", "Difference"):
        parts = sum(r[column] for r in rows if r["Row type"] == "part")
        assert close(parts, totals[0][column], 1e-9, 0.01), (key, column, parts, totals[0][column])

# Client groups add up to asc_total, in cash and in real terms.
groups = table("client_groups")
assert groups and all(r["Row type"] == "part" and isinstance(r["Financial year"], int) for r in groups)
assert {r["Client group"] for r in groups} >= {"older_people_65_plus", "adults_18_64", "carers"}
for terms in ("cash", "real terms"):
    for year in years:
        total = next(r for r in budget if (r["Measure"], r["Terms"], r["Budget line"], r["Financial year"]) ==
                     ("cost", terms, "asc_total", year))
        for column in ("Baseline", "What-if"):
            parts = sum(r[column] for r in groups if r["Terms"] == terms and r["Financial year"] == year)
            assert close(parts, total[column], 1e-9, 0.01), (terms, year, column, parts, total[column])

# Population by age band adds up to the population; the cohorts come by age band and sex.
by_age = table("by_age")
indicators = table("indicators")
assert all(isinstance(r["Year"], int) for r in by_age + indicators)
population = {r["Year"]: r for r in indicators if r["Indicator id"] == "population_total"}
for year, whole in population.items():
    bands = [r for r in by_age if r["Indicator id"] == "population_by_age" and r["Year"] == year and
             r["Sex"] == "all" and r["Breakdown"] == "age band"]
    assert [r["Age band"] for r in bands] == ["0-17", "18-64", "65-74", "75-84", "85+"], bands
    for column in ("Baseline", "What-if"):
        assert close(sum(r[column] for r in bands), whole[column]), (year, column)
cohorts = {r["Theme"] for r in by_age if r["Breakdown"] in ("age band", "age band and sex")}
assert {"Population", "Dementia", "Unpaid carers", "Care homes"} <= cohorts, cohorts
for r in by_age:
    assert r["Row type"] == ("total" if r["Breakdown"] == "whole group" else "part"), r
    if r["Breakdown"] == "age band" and r["Indicator id"] == "dementia_65_plus" and r["Age band"] == "85+":
        sel = dict(year=r["Year"], age=[a for a in base["age"].values if int(a) >= 85])
        b = base["dementia"].sel(**sel).sum(["area", "sex", "age"]).values.astype(float)
        w = whatif["dementia"].sel(**sel).sum(["area", "sex", "age"]).values.astype(float)
        assert close(r["Baseline"], b.mean()) and close(r["Difference"], (w - b).mean()), r
        checked += 1

print(f"comparison workbook: {checked} budget and cohort rows checked against the files; {len(budget)} budget rows, "
      f"{len(groups)} client-group rows, {len(by_age)} by-age rows, {len(indicators)} indicator rows; "
      f"financial years {years[0]} to {years[-1]}")
