"""Checks `carecast export` output against the run file: every CSV parses with the csv module and its
numbers equal the file's _summary variables; the workbook is a zip with the run sheet and one sheet per
theme, frozen header rows and number formats.  usage: check_export.py RUN.nc CSV_DIR BOOK.xlsx"""
import csv
import math
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import xarray as xr

run, csv_dir, book = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
ds = xr.open_dataset(run, engine="h5netcdf")
themes = ["population", "need", "dementia", "carers", "send", "care_homes", "care_at_home", "money", "market_position"]
columns = ["indicator_id", "indicator", "year", "year_basis", "age_band", "sex", "area", "mean", "p5", "p50", "p95", "unit"]


def read(name):
    raw = (csv_dir / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: no UTF-8 byte-order mark"
    with open(csv_dir / name, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def close(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)


rows = {}
for theme in themes:
    with open(csv_dir / f"{theme}.csv", newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    assert header == columns, f"{theme}.csv header {header}"
    rows[theme] = read(f"{theme}.csv")
    for r in rows[theme]:
        for c in ("mean", "p5", "p50", "p95"):
            float(r[c])
assert len(rows["population"]) > 0 and len(rows["care_homes"]) > 0
# Money (stored in integer pence, exported in pounds) and market position: every statistic equals the
# file's summary, cell by cell. A run without them has empty tables.
if "cost_cash" in ds:
    money = [r for r in rows["money"] if r["indicator_id"].startswith(("cost_cash.", "mtfp_pressure."))]
    assert money, "no cost or MTFP pressure rows"
    for r in money:
        variable, line = r["indicator_id"].split(".")
        fy = int(r["year"].split("/")[0])
        assert r["year"] == f"{fy}/{(fy + 1) % 100:02d}", r["year"]
        for stat in ("mean", "p5", "p50", "p95"):
            want = ds[variable + "_summary"].sel(statistic=stat, financial_year=fy, budget_line=line).item() / 100
            assert close(r[stat], want), (r, stat, want)
else:
    assert rows["money"] == [], "money rows without money outputs"
if "market_demand" in ds:
    market = [r for r in rows["market_position"] if r["indicator_id"].startswith(("market_demand.", "market_surplus."))]
    assert market, "no market rows"
    for r in market:
        variable, service = r["indicator_id"].split(".")
        fy = int(r["year"].split("/")[0])
        for stat in ("mean", "p95"):
            want = ds[variable + "_summary"].sel(statistic=stat, financial_year=fy, service=service).item()
            assert close(r[stat], want), (r, stat, want)
else:
    assert rows["market_position"] == [], "market rows without market outputs"

# Population groups: all four statistics equal the file's population_indicators_summary.
summary = ds["population_indicators_summary"]
groups = {"population_total": "total", "population_65_plus": "age_65_plus", "population_85_plus": "age_85_plus"}
checked = 0
for r in rows["population"]:
    if r["indicator_id"] in groups:
        for stat in ("mean", "p5", "p50", "p95"):
            want = summary.sel(statistic=stat, year=int(r["year"]), indicator=groups[r["indicator_id"]]).item()
            assert close(r[stat], want), (r, stat, want)
        checked += 1
assert checked == 3 * ds.sizes["year"], checked

# Sums over cells: the mean is linear, so it equals the sum of the cells' means in dementia_summary.
mean = ds["dementia_summary"].sel(statistic="mean")
for r in rows["dementia"]:
    if r["indicator_id"] != "dementia_65_plus":
        continue
    band = r["age_band"]
    lo, hi = (85, 1000) if band == "85+" else (65, 1000) if band == "65+" else map(int, band.split("-"))
    cells = mean.sel(year=int(r["year"])).where((mean.age >= lo) & (mean.age <= hi), 0)
    if r["sex"] != "all":
        cells = cells.sel(sex=r["sex"])
    assert close(r["mean"], float(cells.sum())), (r, float(cells.sum()))
    checked += 1
# Per-replicate sums give the percentiles (type 7, numpy's default "linear").
per_rep = ds["care_home_residents_residential"] + ds["care_home_residents_nursing"]
totals = per_rep.sum(["area", "sex", "age"])
for r in rows["care_homes"]:
    if r["indicator_id"] == "care_home_residents" and r["age_band"] == "all ages" and r["sex"] == "all":
        values = totals.sel(year=int(r["year"])).values
        for stat, q in (("p5", 5), ("p50", 50), ("p95", 95)):
            assert close(r[stat], np.percentile(values, q)), (r, stat)
        checked += 1

run_info = {r["field"]: r["value"] for r in read("run.csv")}
assert run_info["Seed"] == ds.attrs["seed"] and run_info["Results digest"] == ds.attrs["results_digest"]

# The workbook: a zip holding the run sheet and one sheet per theme, panes frozen, number formats.
with zipfile.ZipFile(book) as z:
    workbook = z.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet name="([^"]+)"', workbook)
    assert names == ["run"] + themes, names
    sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n))
    assert len(sheets) == len(names)
    for s in sheets:
        assert 'state="frozen"' in z.read(s).decode(), f"{s}: no frozen header"
    styles = z.read("xl/styles.xml").decode()
    for fmt in ("#,##0", "0.0%", "\u00a3#,##0"):
        assert f'formatCode="{fmt}"' in styles, f"no number format {fmt}"
try:
    import openpyxl
except ImportError:
    openpyxl = None
if openpyxl:
    wb = openpyxl.load_workbook(book, read_only=False)
    sheet = wb["population"]
    assert sheet.freeze_panes == "B4", sheet.freeze_panes
    assert sheet["A3"].value == "Indicator" and sheet["G3"].value == "Mean"
    assert sheet["G4"].number_format == "#,##0"
    first = rows["population"][0]
    assert sheet["A4"].value == first["indicator"] and close(sheet["G4"].value, first["mean"])
    assert wb["run"]["B9"].value is not None
print(f"export: {checked} CSV lines checked against {run}; workbook sheets {names}")
