#!/usr/bin/python3
"""Writes the cohort assumption tables in scenarios/data/assumptions/ from published figures.

    tools/cohort_tables.py            (re)write the tables and print the scalings used

Every table is an age table (`min_age,max_age,sex,value`) whose header says where the figures come
from and how they were scaled to County Durham. Shapes marked "approximate" are read off published
charts and tables, not transcribed cell by cell; docs/cohorts.md lists them as known limitations.
Only the Python standard library is used.
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "scenarios" / "data"
OUT = DATA / "assumptions"

# --- Calibration by simulation -------------------------------------------------------------------------
# Factors that no published table gives, found by running scenarios/county_durham_baseline.txtpb (8
# replicates while searching) and comparing with the targets through tools/cohort_report.py. The result
# given with each is the 20-replicate run of docs/validation.md section 6 (mean, P5-P95). After changing
# one: re-run this script, the baseline and the report, and update the comment.

# Falls: the published rates applied to the whole base population give 2,330 admissions, but in the model
# only people living at home who survive the year can be admitted for a fall, so the simulated count came
# out 9% low (2,118). Found by simulation: x1.104 gives 2,346 (2,267-2,428) in 2016/17.
FALLS_SIMULATED_FACTOR = 1.104
# Care homes: base admission probability at 65-69 and its ratio per five years of age (bands 65-69 ...
# 90+). Found by simulation: a ratio of 2.3 gives a mean age at admission (people 65+) of 86.6 (86.4-86.7;
# the previous doubling every five years gave about 84), and 0.00052 at 65-69 gives 754 (705-797)
# admissions per 100,000 aged 65+ in 2016/17 (targets 741.6 in 2015/16, 762.7 in 2017/18). Dementia (x4,
# x1.5 without a partner-carer), falls (x2.5) and losing a carer (x2) multiply these rates, so the realised
# age gradient is steeper than the table's.
CARE_HOME_BASE_65_69 = 0.00052
CARE_HOME_RATIO_PER_FIVE_YEARS = 2.3
# Carers 85+: the Census shares count every carer, but the model adds partner-carers of people with
# dementia on top of this table (about 2% of people 85+), so 10.0% of people 85+ cared against 8.8% (ONS
# 2013). Found by simulation: x0.845 on the 85+ band gives 8.8% (8.4-9.2).
CARER_85_PLUS_FACTOR = 0.845
# EHC plans under 5: County Durham's SEN2 count fell from 155 (January 2016) to 143 (2017) and 92 (2018)
# while the model's onset rates only grow; the base table uses the 2016-2018 mean (130) rather than 155.
EHC_UNDER_5_PLANS = round((155 + 143 + 92) / 3)
# Calibrated in the scenario rather than in a table (scenarios/county_durham_baseline.txtpb):
# - send.ehc_exit_16_25 = 0.04 (was 0.17), found by simulation: 3,002 (2,931-3,096) plans and statements
#   in 2018 against 2,994, and 121 (110-140) aged 20-25 against 123; 0.17 gave 2,900 and 95.
# - dementia.prevalence_scale = 1.1230 is not found by simulation: main() below prints it (7,000 / the
#   CFAS II expectation for mid-2016); the simulated base year has 7,012 (6,898-7,129).


def base_population():
    """County Durham mid-2016 by (sex, age), 90 = 90+."""
    pop = {}
    with open(DATA / "cd_base_mid2016_syoa_sex.csv") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            pop[(row["sex"], int(row["age"]))] = int(row["population"])
    return pop


def people(pop, sex, lo, hi):
    sexes = ["M", "F"] if sex == "*" else [sex]
    return sum(pop.get((s, a), 0) for s in sexes for a in range(lo, min(hi, 90) + 1))


def write(name, header, rows, columns=("min_age", "max_age", "sex", "value")):
    path = OUT / name
    with open(path, "w") as f:
        for line in header:
            f.write(f"# {line}\n")
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join(str(round(v, 6)) if isinstance(v, float) else str(v) for v in row) + "\n")


def bands_expected(pop, rows):
    return sum(people(pop, s, lo, hi) * v for lo, hi, s, v in rows)


def dementia_early_onset():
    # Doubling every 5 years from 30-34, anchored so that 45-64 averages 98 and 30-64 about 54 per 100,000.
    rates = [(30 + 5 * k, 34 + 5 * k, "*", 26e-5 * 2 ** (k - 3)) for k in range(7)]
    write("dementia_early_onset_prevalence.csv",
          ["Early-onset dementia prevalence (ages 30-64, both sexes), proportion of the population.",
           "Source: Harvey, Skelton-Robinson & Rossor, JNNP 2003 (54 per 100,000 at 30-64; 98 per 100,000 at 45-64),",
           "spread over 5-year bands by doubling every five years of age (carecast assumption; tools/cohort_tables.py)."],
          rates)


PARTNERED_WOMEN = [(18, 24, .12), (25, 29, .45), (30, 34, .65), (35, 44, .72), (45, 54, .72), (55, 64, .72),
                   (65, 69, .68), (70, 74, .60), (75, 79, .48), (80, 84, .32), (85, 89, .17), (90, 110, .06)]
PARTNERED_MEN = [(18, 24, .07), (25, 29, .33), (30, 34, .57), (35, 44, .70), (45, 54, .74), (55, 64, .76),
                 (65, 69, .78), (70, 74, .77), (75, 79, .73), (80, 84, .66), (85, 89, .55), (90, 110, .38)]
# Separation of a couple per year by the woman's age (carecast assumption). ONS "Divorces in England and
# Wales" gives about 9-11 divorces a year per 1,000 married people in 2012-2016 (10.8 in 2012), highest in
# the late twenties and thirties (mean age at divorce 42 for women, 45 for men in 2012); divorce statistics
# leave out separations without divorce and cohabiting couples, who separate several times as often and are
# most couples under 30. The schedule below is the divorce shape raised where cohabitation is common.
DISSOLUTION_WOMEN = [(18, 24, .060), (25, 29, .045), (30, 34, .035), (35, 44, .025), (45, 54, .015), (55, 64, .007),
                     (65, 74, .003), (75, 110, .001)]
MEAN_AGE_GAP = 2  # couples.mean_age_gap of the baselines: the man is 2 years older
MORTALITY_YEAR = 2016  # England & Wales (HMD), the calibration baseline's base year


def band_value(bands, age):
    return next((v for lo, hi, v in bands if lo <= age <= hi), 0.0)


def interpolated_share(bands, age):
    """Partnered share at single year `age`: linear between band midpoints (the open band's at 92), 0 at
    17.5 and below, and beyond the last midpoint along the last segment's slope (not below 0)."""
    points = [(17.5, 0.0)] + [((lo + min(hi, 94)) / 2, v) for lo, hi, v in bands]
    if age >= points[-1][0]:
        (x0, y0), (x1, y1) = points[-2], points[-1]
        return max(0.0, y1 + (y1 - y0) * (age - x1) / (x1 - x0))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= age <= x1:
            return y0 + (y1 - y0) * (age - x0) / (x1 - x0)
    return 0.0


def death_probabilities():
    """q(sex, age) = 1 - exp(-m) from the HMD England & Wales rates of MORTALITY_YEAR."""
    import math
    q = {}
    with open(DATA / "ew_hmd_mx_2011-2016.csv") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            if int(row["year"]) == MORTALITY_YEAR:
                age = int(row["age"].rstrip("+"))
                q[("F", age)] = 1 - math.exp(-float(row["mx_female"]))
                q[("M", age)] = 1 - math.exp(-float(row["mx_male"]))
    return q


def formation_rates():
    """Formation probability f(sex, age) that keeps the partnered share s stationary along a cohort:
    s(a+1) = s(a) (1 - d(a) - w(a)) + (1 - s(a)) f(a), with d the separation and w the widowhood
    (partner's death) probability of a partnered person of age a; f = 0 where s falls faster than d + w can
    explain (old age: cohort differences the model does not reproduce)."""
    q = death_probabilities()
    shares = {"F": PARTNERED_WOMEN, "M": PARTNERED_MEN}
    f = {}
    for sex in "FM":
        for age in range(16, 111):
            s0, s1 = interpolated_share(shares[sex], age), interpolated_share(shares[sex], age + 1)
            if sex == "F":
                d, w = band_value(DISSOLUTION_WOMEN, age), q[("M", min(age + MEAN_AGE_GAP, 110))]
            else:
                d, w = band_value(DISSOLUTION_WOMEN, age - MEAN_AGE_GAP), q[("F", max(age - MEAN_AGE_GAP, 0))]
            f[(sex, age)] = max(0.0, (s1 - s0 * (1 - d - w)) / (1 - s0)) if s0 < 1 else 0.0
    return f


def singles(pop, sex, age):
    """Single people of `sex` and `age` in County Durham mid-2016 (the 90+ count spread over 90-100)."""
    shares = {"F": PARTNERED_WOMEN, "M": PARTNERED_MEN}
    return pop.get((sex, min(age, 90)), 0) / (11 if age >= 90 else 1) * (1 - interpolated_share(shares[sex], age))


def balanced_formation_rates(pop):
    """Women's rates keep their shares stationary (formation_rates); men's are set so that, band by band,
    the men forming equal the women forming MEAN_AGE_GAP years younger (County Durham mid-2016 singles), as
    the matching pairs them. The Census shares by sex are not a two-sex stationary state (men's rates
    derived like women's outnumber the women forming by a growing pool of unmatched men)."""
    f = formation_rates()
    for lo, hi in FORMATION_BANDS:
        women = sum(f[("F", a - MEAN_AGE_GAP)] * singles(pop, "F", a - MEAN_AGE_GAP) for a in range(lo, min(hi, 100) + 1)
                    if a - MEAN_AGE_GAP >= 16)
        men = sum(singles(pop, "M", a) for a in range(lo, min(hi, 100) + 1))
        for a in range(lo, hi + 1):
            f[("M", a)] = min(1.0, women / men) if men > 0 else 0.0
    return f


def formation_balance(pop, f):
    """Expected partnerships formed in the base year by women and by men (County Durham mid-2016 singles)."""
    return {sex: sum(singles(pop, sex, a) * f[(sex, a)] for a in range(16, 101)) for sex in "FM"}


FORMATION_BANDS = [(16, 16), (17, 17), (18, 18), (19, 19), (20, 20), (21, 21), (22, 22), (23, 23), (24, 24), (25, 26),
                   (27, 28), (29, 30), (31, 32), (33, 34)] + [(a, a + 4) for a in range(35, 90, 5)] + [(90, 110)]


def couples(pop):
    write("partnered_share.csv",
          ["Share of people living as a couple (married, civil partnership or cohabiting), by age band and sex.",
           "Source: ONS Census 2011 England & Wales living arrangements (approximate reading; carecast assumption)."],
          [(lo, hi, "F", v) for lo, hi, v in PARTNERED_WOMEN] + [(lo, hi, "M", v) for lo, hi, v in PARTNERED_MEN])
    write("partnership_dissolution.csv",
          ["Probability per year that a couple living at home separates, by the woman's age (rows for women only).",
           "carecast assumption: the age shape of ONS 'Divorces in England and Wales' (about 9-11 divorces a year per",
           "1,000 married people in 2012-2016, highest in the late 20s and 30s) raised at younger ages, where most",
           "couples cohabit and cohabiting couples separate several times as often (tools/cohort_tables.py)."],
          [(lo, hi, "F", v) for lo, hi, v in DISSOLUTION_WOMEN])
    f = balanced_formation_rates(pop)
    rows = []
    for sex in "FM":
        for lo, hi in FORMATION_BANDS:
            rows.append((lo, hi, sex, sum(f[(sex, a)] for a in range(lo, hi + 1)) / (hi - lo + 1)))
    write("partnership_formation.csv",
          ["Probability per year that a single person living at home forms a partnership, by age band and sex.",
           "Derived (tools/cohort_tables.py), not observed. Women: the rates that keep the partnered shares of",
           "partnered_share.csv (interpolated between band midpoints) stationary along each cohort, given the",
           "separations of partnership_dissolution.csv and widowhood from England & Wales 2016 death rates (HMD) of a",
           f"partner {MEAN_AGE_GAP} years older; 0 where the shares fall faster than that (75-84); unweighted mean of",
           f"single years within each band. Men: band by band, the women forming {MEAN_AGE_GAP} years younger divided by",
           "the single men (County Durham mid-2016 population), so that the matching leaves few unmatched."],
          rows)
    return f


def carers(pop):
    women = [(16, 24, .052), (25, 34, .070), (35, 49, .132), (50, 64, .224), (65, 74, .158), (75, 84, .098), (85, 110, .052)]
    men = [(16, 24, .044), (25, 34, .048), (35, 49, .090), (50, 64, .160), (65, 74, .140), (75, 84, .118), (85, 110, .120)]
    rows = [(lo, hi, "F", v) for lo, hi, v in women] + [(lo, hi, "M", v) for lo, hi, v in men]
    rows = [(lo, hi, s, v * (CARER_85_PLUS_FACTOR if lo >= 85 else 1.0)) for lo, hi, s, v in rows]
    # About 1,500 partner-carers of people with dementia are modelled separately (docs/cohorts.md).
    target = 59_000 - 1_500
    scale = target / bands_expected(pop, rows)
    write("carer_prevalence.csv",
          ["Share of people providing unpaid care (other than partner-carers of people with dementia), by age band and sex.",
           "Shape: ONS Census 2011 England & Wales provision of unpaid care by age and sex (approximate reading);",
           f"85+ times {CARER_85_PLUS_FACTOR} (found by simulation: 8.8% of people 85+ care, partner-carers included; ONS 2013);",
           f"scaled by {scale:.4f} so that County Durham mid-2016 has about 59,000 adult carers (MPS 2019/21; Census 2011 59,800)."],
          [(lo, hi, s, v * scale) for lo, hi, s, v in rows])
    return scale


# England age shapes, DfE "Special educational needs in England" 2018-2020 (approximate reading):
# SEN support peaks about 15% at age 10; EHC plans 2.4% at 5, 3.8% at 10, 4.0% at 15; boys ~64% of SEN
# support and ~73% of EHC plans.
SUPPORT = {4: .06, 5: .09, 6: .115, 7: .13, 8: .14, 9: .148, 10: .15, 11: .145, 12: .135, 13: .13, 14: .125, 15: .12, 16: .06}
EHC = {0: .0005, 1: .002, 2: .006, 3: .011, 4: .016, 5: .024, 6: .027, 7: .030, 8: .033, 9: .036, 10: .038, 11: .0385,
       12: .039, 13: .0395, 14: .040, 15: .040, 16: .030, 17: .025, 18: .018, 19: .012, 20: .004, 21: .003, 22: .002,
       23: .0015, 24: .001, 25: .001}
SEN2_2016 = [(0, 4, EHC_UNDER_5_PLANS), (5, 10, 931), (11, 15, 1147), (16, 19, 339), (20, 25, 0)]


def by_sex(shape, boys_share):
    return {("M", a): v * 2 * boys_share for a, v in shape.items()} | {("F", a): v * 2 * (1 - boys_share) for a, v in shape.items()}


def send(pop):
    ehc = by_sex(EHC, 0.73)
    rows = []
    for lo, hi, count in SEN2_2016:
        expected = sum(pop[(s, a)] * ehc[(s, a)] for s in "MF" for a in range(lo, hi + 1))
        scale = max(count, 1) / expected
        rows += [(a, a, s, ehc[(s, a)] * scale) for s in "FM" for a in range(lo, hi + 1)]
    write("ehc_plan_prevalence.csv",
          ["EHC plans and statements by single year of age and sex, proportion of the population, January 2016.",
           "Shape: DfE 'Special educational needs in England' 2018-2020 (approximate; boys 73% of plans);",
           "scaled band by band to County Durham's SEN2 caseload, January 2016 (cd_sen2_statements_ehcp_caseload_2010-2018.csv),",
           f"except under 5: {EHC_UNDER_5_PLANS}, the mean of January 2016-2018 (155, 143, 92), as the model cannot make that count fall."],
          rows)
    ehc_school = sum(pop[(s, a)] * v for a, a2, s, v in rows if 4 <= a <= 15)
    support = by_sex(SUPPORT, 0.64)
    target = 10_400 - ehc_school
    scale = target / sum(pop[(s, a)] * v for (s, a), v in support.items() if a <= 15)
    write("sen_support_prevalence.csv",
          ["SEN support by single year of age and sex, proportion of the population.",
           "Shape: DfE 'Special educational needs in England' 2018-2020 (approximate; boys 64% of SEN support);",
           f"scaled by {scale:.4f} so that with EHC plans 14.5% of County Durham pupils (about 10,400) have SEND (MPS 2019/21)."],
          [(a, a, s, support[(s, a)] * scale) for s in "FM" for a in sorted(SUPPORT)])
    return scale


def falls(pop):
    england = [(65, 79, "*", 0.0101), (80, 110, "*", 0.0560)]
    scale = 2330 / bands_expected(pop, england) * FALLS_SIMULATED_FACTOR
    write("fall_admission_probability.csv",
          ["Probability per year of an emergency hospital admission for a fall, people 65+ living at home.",
           "Shape: PHE Fingertips, emergency admissions due to falls, England 2016/17: about 1,010 per 100,000 at 65-79,",
           f"5,600 at 80+ (approximate); scaled by {scale:.4f} to County Durham's 2,330 admissions in 2016/17 (MPS 2019/21),",
           f"which includes a factor {FALLS_SIMULATED_FACTOR} found by simulation (only people at home who survive the year can fall)."],
          [(lo, hi, s, v * scale) for lo, hi, s, v in england])
    return scale


def care_homes():
    bands = [(65, 69), (70, 74), (75, 79), (80, 84), (85, 89), (90, 110)]
    shape = [(18, 64, "*", 0.00008)] + [(lo, hi, "*", CARE_HOME_BASE_65_69 * CARE_HOME_RATIO_PER_FIVE_YEARS ** k)
                                        for k, (lo, hi) in enumerate(bands)]
    write("care_home_admission_probability.csv",
          ["Base probability per year of a permanent care-home admission for people at home with no dementia, no fall",
           "and no loss of carer (the relative risks in the scenario multiply it), by age band, both sexes.",
           f"65+: {CARE_HOME_BASE_65_69} at 65-69 times {CARE_HOME_RATIO_PER_FIVE_YEARS} per five years of age, both found by",
           "simulation (tools/cohort_tables.py) so that County Durham has about 750 admissions per 100,000 aged 65+ at a mean",
           "age of about 86.5 (MPS 2019/21; Durham Insight JSNA). 18-64: carecast assumption (docs/cohorts.md)."],
          shape)


def home_care():
    write("reablement_probability.csv",
          ["Probability per year of a reablement episode for people 65+ at home (carecast assumption; docs/cohorts.md)."],
          [(65, 74, "*", 0.01), (75, 84, "*", 0.03), (85, 110, "*", 0.06)])
    write("home_care_start_probability.csv",
          ["Probability per year of starting domiciliary care without reablement, people 65+ (carecast assumption)."],
          [(65, 74, "*", 0.005), (75, 84, "*", 0.015), (85, 110, "*", 0.04)])


def prevalence_cohorts():
    rows = [("learning_disability", 18, 64, "M", 0.026), ("learning_disability", 18, 64, "F", 0.020),
            ("learning_disability", 65, 110, "M", 0.019), ("learning_disability", 65, 110, "F", 0.016),
            ("physical_disability_18_64", 18, 24, "*", 0.022), ("physical_disability_18_64", 25, 34, "*", 0.032),
            ("physical_disability_18_64", 35, 44, "*", 0.048), ("physical_disability_18_64", 45, 54, "*", 0.085),
            ("physical_disability_18_64", 55, 64, "*", 0.128),
            ("mental_health_need", 18, 110, "*", 0.25),
            ("lonely_mild_65_plus", 65, 110, "*", 0.20), ("lonely_intense_65_plus", 65, 110, "*", 0.11)]
    write("prevalence_cohorts.csv",
          ["Prevalence of cohorts with no known dynamics, applied to the simulated population each year (POPPI/PANSI method).",
           "learning_disability: PANSI/POPPI (Emerson & Hatton 2004), approximate; physical_disability_18_64: PANSI moderate or",
           "serious physical disability (Health Survey for England 2001), approximate; mental_health_need: 1 in 4 adults;",
           "lonely_mild_65_plus 20% and lonely_intense_65_plus 11% (MPS 2019/21 key JSNA messages)."],
          rows, columns=("cohort", "min_age", "max_age", "sex", "value"))


def main():
    OUT.mkdir(exist_ok=True)
    pop = base_population()
    dementia_early_onset()
    balance = formation_balance(pop, couples(pop))
    print(f"couples: partnerships formed in mid-2016, expected: women {balance['F']:,.0f}, men {balance['M']:,.0f}")
    print(f"carers: scale {carers(pop):.4f}")
    print(f"SEN support: scale {send(pop):.4f}")
    print(f"falls: scale {falls(pop):.4f}")
    care_homes()
    home_care()
    prevalence_cohorts()
    cfas = {}
    with open(DATA / "cfas2_dementia_prevalence_rates.csv") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            cfas[(row["age_band"], row["sex"])] = float(row["prevalence"])
    expected = sum(people(pop, s, int(b[:2]), 110 if b.endswith("+") else int(b[3:])) * v for (b, s), v in cfas.items())
    print(f"dementia: CFAS II rates give {expected:,.0f} people 65+ in mid-2016; scale for 7,000: {7000 / expected:.4f}")


if __name__ == "__main__":
    main()
