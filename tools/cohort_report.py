#!/usr/bin/python3
"""Compares a carecast run of County Durham with the cohort targets in docs/validation.md.

    tools/cohort_report.py RUN.nc

Prints a markdown table per cohort, one row per target: target, source, model mean with 5th-95th
percentiles across replicates, difference. A target written as text (a range, a shape, a note) gets no difference column.
Needs Debian's python3-xarray. docs/validation.md section 6 is this output for a 20-replicate run.
"""
import csv
import pathlib
import re
import sys

import numpy as np
import xarray as xr

ROOT = pathlib.Path(__file__).resolve().parent.parent
CFAS = ROOT / "scenarios" / "data" / "cfas2_dementia_prevalence_rates.csv"


def by_replicate(data, name, **sel):
    """Sum over area, sex and age of a measure, per replicate, at the given year or period."""
    return data[name].sel(**sel).sum(["area", "sex", "age"]).values.astype(float)


def ages(data, name, lo, hi, **sel):
    return data[name].sel(age=slice(lo, hi), **sel).sum(["area", "sex", "age"]).values.astype(float)


def row(label, target, source, values, fmt="{:,.0f}"):
    values = np.asarray(values, dtype=float)
    mean, p5, p95 = values.mean(), np.percentile(values, 5), np.percentile(values, 95)
    text = f"{fmt.format(mean)} ({fmt.format(p5)}–{fmt.format(p95)})"
    diff = ""
    if isinstance(target, (int, float)):
        diff = f"{100 * (mean / target - 1):+.1f}%"
    print(f"| {label} | {target if isinstance(target, str) else fmt.format(target)} | {source} | {text} | {diff} |")


def scenario_value(d, field, default):
    """A numeric field of the scenario stored in the output (its verbatim text)."""
    match = re.search(rf"^\s*{field}:\s*([0-9.eE+-]+)", d.attrs.get("scenario_text", ""), re.MULTILINE)
    return float(match.group(1)) if match else default


def cfas_bands():
    with open(CFAS) as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            band = r["age_band"]
            lo, hi = int(band[:2]), 110 if band.endswith("+") else int(band[3:])
            yield lo, hi, {"M": "male", "F": "female"}[r["sex"]], {k: float(r[k]) for k in ("prevalence", "lower95", "upper95")}


def constant_prevalence(d, year, scale):
    """People 65+ with dementia if the base year's (scaled CFAS II) rates held: the POPPI method."""
    return sum(v["prevalence"] * scale * d["population"].sel(year=year, sex=sex, age=slice(lo, hi)).sum(["area", "age"]).values
               for lo, hi, sex, v in cfas_bands())


def prevalence(d, year, lo, hi, sex=None):
    sel = {"year": year, "age": slice(lo, hi)} | ({"sex": sex} if sex else {})
    dims = ["area", "age"] + ([] if sex else ["sex"])
    return (d["dementia"].sel(**sel).sum(dims) / d["population"].sel(**sel).sum(dims)).values


def dementia(d):
    scale = scenario_value(d, "prevalence_scale", 1.0)
    row("people 65+ with dementia, 2016", 7000, "MPS 'nearly 7,000' (calibrated)", ages(d, "dementia", 65, 110, year=2016))
    row("people 65+ with dementia, 2035", 12000, "MPS 'nearly 12,000' (POPPI)", ages(d, "dementia", 65, 110, year=2035))
    row("same, base-year rates on the model's 2035 population", 12000, "POPPI method, for comparison",
        constant_prevalence(d, 2035, scale))
    row("diagnosed (all ages), 2016", 4800, "Durham Insight 2014/15", by_replicate(d, "dementia_diagnosed", year=2016))
    row("diagnosed (all ages), 2020", 4800, "Durham Insight 2014/15", by_replicate(d, "dementia_diagnosed", year=2020))
    for lo, hi, label in [(65, 69, "65-69"), (75, 79, "75-79"), (85, 110, "85+")]:
        onsets = ages(d, "dementia_onsets", lo + 1, hi + 1, period=2017)
        at_risk = ages(d, "population", lo, hi, year=2016) - ages(d, "dementia", lo, hi, year=2016)
        row(f"incidence per 1,000 person-years, {label}", {"65-69": "6.7 (CFAS I) / ~5.4 (CFAS II)",
            "75-79": "~20 (CFAS I)", "85+": "68.5 (CFAS I) / ~55 (CFAS II)"}[label], "Matthews & Brayne 2005; Matthews 2016",
            1000 * onsets / at_risk, "{:.1f}")
    for lo, hi, sex, v in cfas_bands():
        band = f"{lo}-{hi}" if hi < 110 else f"{lo}+"
        target = f"{100 * v['prevalence'] * scale:.1f} ({100 * v['lower95'] * scale:.1f}–{100 * v['upper95'] * scale:.1f})"
        row(f"prevalence {band} {sex}, 2016 (%)", target, f"CFAS II x {scale:g} (95% CI)", 100 * prevalence(d, 2016, lo, hi, sex),
            "{:.1f}")
    for year in (2016, 2018, 2020, 2025):
        row(f"prevalence 85+, {year} (%)", "steady" if year > 2016 else "", "start-up check",
            100 * prevalence(d, year, 85, 110), "{:.2f}")


def carers(d):
    bands = ["carers_1_19", "carers_20_49", "carers_50_plus"]
    total = lambda year, lo=16, hi=110: sum(ages(d, b, lo, hi, year=year) for b in bands)
    row("adult carers, 2016", 59000, "MPS; Census 2011 59,800", total(2016))
    row("carers 65+ growth 2016-2030 (%)", 27.9, "MPS (POPPI)", 100 * (total(2030, 65) / total(2016, 65) - 1), "{:.1f}")
    women = sum(d[b].sel(year=2016, sex="female").sum(["area", "age"]).values for b in bands)
    row("share of carers who are women (%)", 57.7, "ONS 2013 (E&W 2011)", 100 * women / total(2016), "{:.1f}")
    row("share of people 85+ who care (%)", 8.8, "ONS 2013 (E&W 2011)",
        100 * total(2016, 85) / ages(d, "population", 85, 110, year=2016), "{:.1f}")
    for lo, hi in [(16, 24), (25, 49), (50, 64), (65, 74), (75, 110)]:
        row(f"carers aged {lo}-{hi if hi < 110 else '+'}, 2016", "peak at 50-64", "ONS 2013", total(2016, lo, hi))
    row("partner-carers of people with dementia, 2016", "", "model", by_replicate(d, "partner_carers", year=2016))
    row("50+ hours a week (%)", "", "model", 100 * ages(d, "carers_50_plus", 16, 110, year=2016) / total(2016), "{:.1f}")


def send(d):
    for year in [2016, 2017, 2018]:
        row(f"EHC plans and statements (0-25), mid-{year}", {2016: 2572, 2017: 2932, 2018: 2994}[year],
            f"SEN2 January {year}", by_replicate(d, "ehc_plans", year=year))
    # Plans and statements (the model's plans include the statements still open in 2016-2018).
    for lo, hi, target in [(0, 4, 92), (5, 10, 937), (11, 15, 1132), (16, 19, 710), (20, 25, 123)]:
        row(f"plans and statements aged {lo}-{hi}, mid-2018", target, "SEN2 January 2018", ages(d, "ehc_plans", lo, hi, year=2018))
    pupils = ages(d, "sen_support", 4, 15, year=2016) + ages(d, "ehc_plans", 4, 15, year=2016)
    row("pupils (4-15) with SEND, 2016", 10400, "MPS", pupils)
    row("same, share of the population aged 4-15 (%)", 14.5, "MPS (share of all pupils)",
        100 * pupils / ages(d, "population", 4, 15, year=2016), "{:.1f}")
    row("moves to adult LD services a year, 2017-2020", "", "model",
        d["ehc_to_adult_learning_disability"].sel(period=slice(2017, 2020)).sum(["area", "sex", "age", "period"]).values / 4)


def care_homes(d):
    types = ["residential", "nursing"]
    pop65 = ages(d, "population", 65, 110, year=2016)
    admissions = sum(ages(d, f"care_home_admissions_{t}", 66, 110, period=2017) for t in types)
    row("admissions 65+ per 100,000 aged 65+, 2016/17", "741.6 (2015/16), 762.7 (2017/18)", "Durham Insight; MPS",
        1e5 * admissions / pop65, "{:.1f}")
    row("admissions 65+ per 100,000, 2025/26", "", "model", 1e5 * sum(
        ages(d, f"care_home_admissions_{t}", 66, 110, period=2026) for t in types) /
        ages(d, "population", 65, 110, year=2025), "{:.1f}")

    def mean_age(a):
        return ((a * (a["age"] - 0.5)).sum("age") / a.sum("age")).values

    pooled = {t: d[f"care_home_admissions_{t}"].sel(period=slice(2017, 2021), age=slice(66, 110)).sum(["area", "sex", "period"])
              for t in types}
    row("mean age at admission 65+, 2016/17-2020/21", 87, "MPS 2017/18", mean_age(pooled["residential"] + pooled["nursing"]),
        "{:.1f}")
    for t, target in [("residential", 86.5), ("nursing", 84.3)]:
        row(f"mean age at admission, {t}", target, "Durham Insight 2015/16", mean_age(pooled[t]), "{:.1f}")
    los = d["care_home_stay_length"]
    for t, target in [("residential", 549), ("nursing", 313)]:
        row(f"mean completed stay, {t} (days), 2020/21", target, "Durham Insight 2015/16",
            los.sel(home_type=t, stay_statistic="mean_days", period=2021).values)
        row(f"median completed stay, {t} (days), 2020/21", "", "model",
            los.sel(home_type=t, stay_statistic="median_days", period=2021).values)
    n = los.sel(stay_statistic="completed_stays", period=2021)
    overall = (los.sel(stay_statistic="mean_days", period=2021) * n).sum("home_type") / n.sum("home_type")
    row("mean completed stay, all (days), 2020/21", "598 (not with 549 and 313)", "MPS 2017/18", overall.values)
    residents = sum(by_replicate(d, f"care_home_residents_31_march_{t}", period=2017) for t in types)
    row("permanent residents on 31 March 2017", "", "model", residents)


def other(d):
    row("emergency admissions for falls 65+, 2016/17", 2330, "MPS", by_replicate(d, "fall_admissions", period=2017))
    episodes = by_replicate(d, "reablement_episodes", period=2017)
    row("reablement episodes, 2016/17", "", "model", episodes)
    no_or_reduced = by_replicate(d, "reablement_no_ongoing_care", period=2017) + by_replicate(d, "reablement_reduced_care", period=2017)
    row("no or reduced ongoing care after reablement (%)", 89.7, "MPS (ASC survey 2017/18)", 100 * no_or_reduced / episodes, "{:.1f}")
    row("at home after reablement (%)", 85.7, "JHWS target (91 days)",
        100 * by_replicate(d, "reablement_at_home_91_days", period=2017) / episodes, "{:.1f}")
    row("people receiving home care, 2016", "", "model", by_replicate(d, "home_care", year=2016))
    cohorts = d["prevalence_cohorts"].sel(year=2016)
    for name, target, source in [("mental_health_need", 100000, "MPS: over 100,000 aged 18+"),
                                 ("lonely_mild_65_plus", 19000, "MPS: around 19,000"),
                                 ("lonely_intense_65_plus", 10000, "MPS: over 10,000"),
                                 ("learning_disability", "stable", "MPS"), ("physical_disability_18_64", "+500 by 2020", "MPS")]:
        row(f"{name}, 2016", target, source, cohorts.sel(cohort=name).values)
    change = (d["prevalence_cohorts"].sel(year=2020, cohort="physical_disability_18_64") -
              d["prevalence_cohorts"].sel(year=2016, cohort="physical_disability_18_64")).values
    row("physical disability 18-64, change 2016-2020", 500, "MPS", change)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = xr.open_dataset(sys.argv[1], engine="h5netcdf")
    sections = [("Dementia", dementia), ("Unpaid carers", carers), ("SEND", send), ("Care homes", care_homes),
                ("Falls, reablement and home care, prevalence-only cohorts", other)]
    for title, section in sections:
        print(f"\n### {title}\n")
        print("| figure | target | source | model mean (P5–P95) | difference |")
        print("|---|---|---|---|---|")
        section(d)


if __name__ == "__main__":
    main()
