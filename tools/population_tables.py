#!/usr/bin/python3
"""Markdown tables of the headline population indicators in a carecast output file.

    tools/population_tables.py RUN.nc [--years 2016,2020,...]

Prints, per year, the mean and 5th-95th percentile range across replicates of the total population,
0-17, 65+ and 85+, and the 65+ share; used for docs/validation.md. Needs Debian's python3-xarray.
"""
import argparse

import numpy as np
import xarray as xr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run")
    parser.add_argument("--years", default="")
    args = parser.parse_args()
    data = xr.open_dataset(args.run, engine="h5netcdf")
    indicators = data["population_indicators"]
    years = [int(y) for y in args.years.split(",")] if args.years else [int(y) for y in data["year"].values]
    share = 100 * indicators.sel(indicator="age_65_plus") / indicators.sel(indicator="total")
    print("| year | total | 0-17 | 65+ | 85+ | 65+ share |")
    print("|---|---|---|---|---|---|")
    for year in years:
        cells = []
        for name in ["total", "age_0_17", "age_65_plus", "age_85_plus"]:
            values = indicators.sel(indicator=name, year=year).values
            cells.append(f"{values.mean():,.0f} ({np.percentile(values, 5):,.0f}–{np.percentile(values, 95):,.0f})")
        s = share.sel(year=year).values
        cells.append(f"{s.mean():.1f}% ({np.percentile(s, 5):.1f}–{np.percentile(s, 95):.1f})")
        print(f"| {year} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
