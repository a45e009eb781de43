#!/usr/bin/python3
"""Writes the two-area test fixtures (Darlington E06000005 and Hartlepool E06000001, mid-2016) from the
England data pack. Run from this directory; the outputs are committed (small), this script says how."""
import csv, gzip, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
PACK = ROOT / "scenarios/data/england/mye_syoa_sex_utla_2011-2020.csv.gz"
CD_NET = ROOT / "scenarios/data/derived/cd_net_migration_2011_2016.csv"
AREAS = {"E06000005": "Darlington", "E06000001": "Hartlepool"}
ORDER = ["E06000005", "E06000001"]
SOURCE = ("# Slice of scenarios/data/england/mye_syoa_sex_utla_2011-2020.csv.gz (ONS mid-year estimates, original\n"
          "# releases; OGL v3, source: Office for National Statistics): year 2016, areas {}.\n")

with gzip.open(PACK, "rt") as f:
    rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))
            if r["year"] == "2016" and r["area_code"] in AREAS]
pop = {(r["area_code"], r["sex"], int(r["age"])): int(r["population"]) for r in rows}
total = {a: sum(v for (c, _, _), v in pop.items() if c == a) for a in AREAS}

def write(name, header, lines, note):
    with open(name, "w") as out:
        out.write(note + header + "\n" + "".join(l + "\n" for l in lines))

def base_lines(areas, with_area):
    return [(f"{a}," if with_area else "") + f"{age},{sex},{pop[(a, sex, age)]}"
            for a in areas for sex in ("female", "male") for age in range(91)]

write("base_two_areas_mid2016.csv", "area,age,sex,population", base_lines(ORDER, True), SOURCE.format("E06000005 Darlington, E06000001 Hartlepool"))
write("base_darlington_mid2016.csv", "age,sex,population", base_lines(["E06000005"], False), SOURCE.format("E06000005 Darlington"))
write("base_hartlepool_mid2016.csv", "area,age,sex,population", base_lines(["E06000001"], True), SOURCE.format("E06000001 Hartlepool"))

# Net migration: County Durham's 2011-2016 net by age and sex, scaled by each area's population
# relative to County Durham's 521,776 (a test input, not an estimate for these areas).
cd = [r for r in csv.DictReader(l for l in open(CD_NET) if not l.startswith("#"))]
NOTE = ("# Test input, not an estimate: County Durham's net migration (scenarios/data/derived/cd_net_migration_2011_2016.csv)\n"
        "# scaled by the area's mid-2016 population / 521,776.\n")
def net_lines(areas, with_area):
    return [(f"{a}," if with_area else "") + f"{r['age']},{r['sex']},{float(r['net_per_year']) * total[a] / 521776:.3f}"
            for a in areas for r in cd]
write("net_migration_two_areas.csv", "area,age,sex,net_per_year", net_lines(ORDER, True), NOTE)
write("net_migration_darlington.csv", "age,sex,net_per_year", net_lines(["E06000005"], False), NOTE)
write("net_migration_hartlepool.csv", "age,sex,net_per_year", net_lines(["E06000001"], False), NOTE)

HEAD = ("area,area_name,mortality_factor_male,mortality_factor_female,fertility_factor,ehc_plan_scale,"
        "care_home_admission_scale_65_plus,care_home_admission_scale_18_64,ehc_growth,sources")
PNOTE = "# Test values, not estimates: chosen to differ between the two areas.\n"
DARL = "E06000005,Darlington,1.05,1.10,1.02,1,1,1,0.03,mortality=test;fertility=test;migration=test;ehc=national;admissions=national"
HART = "E06000001,Hartlepool,1.25,1.20,1.15,1.3,0.8,1.2,0.05,mortality=test;fertility=test;migration=test;ehc=test;admissions=test"
write("area_parameters_two_areas.csv", HEAD, [DARL, HART], PNOTE)
write("area_parameters_hartlepool.csv", HEAD, [HART], PNOTE)
