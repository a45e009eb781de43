// The need module against arithmetic: the base year draws each level with the table's shares, the
// population keeps them as it ages, and need (not the setting) decides death: a what-if that admits
// fewer people to care homes hardly changes deaths or the oldest population, and the people it keeps
// at home are cared for at home (docs/validation.md, "Need").
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "cohort_test_support.hpp"
#include "cohorts/dementia/dementia.hpp"
#include "cohorts/need/need.hpp"
#include "demography/base_population.hpp"
#include "sim/year_step.hpp"

using namespace carecast;
using namespace carecast::test;

namespace {

struct NeedBand {
    int first, last;
};
constexpr NeedBand need_bands[] = {{18, 64}, {65, 69}, {70, 74}, {75, 79}, {80, 84}, {85, 110}};

/// A stock or flow of replicate r summed over area, over sexes `sex` (-1 both) and ages in `band`, at
/// time index t (stocks: mid-year base + t; flows: the interval t).
double need_sum_at(const RunResults& results, std::size_t r, const std::string& name, int t, NeedBand band,
                   int sex = -1) {
    const auto& grid = results.grid;
    const auto m = static_cast<std::size_t>(measure_id(results, name));
    const auto offset = static_cast<std::size_t>(t) * grid.cell_count();
    double total = 0;
    for (std::size_t area = 0; area < grid.areas.size(); ++area)
        for (int s = 0; s < sex_count; ++s) {
            if (sex >= 0 && s != sex) continue;
            for (int age = band.first; age <= std::min(band.last, grid.max_age); ++age)
                total += results.replicates[r].values[m][offset + grid.cell(area, s, age)];
        }
    return total;
}

/// People at need level `level` or above.
double need_share_count(const RunResults& results, std::size_t r, int level, int t, NeedBand band, int sex) {
    static const char* names[] = {"need_iadl", "need_adl", "need_high"};
    double total = 0;
    for (int k = level; k <= 3; ++k) total += need_sum_at(results, r, names[k - 1], t, band, sex);
    return total;
}

/// Care-home residents (council-funded and self-funded; all at high need).
double residents_at(const RunResults& results, std::size_t r, int t, NeedBand band, int sex = -1) {
    double total = 0;
    for (const char* name : {"care_home_residents_residential", "care_home_residents_nursing",
                             "self_funded_residents_residential", "self_funded_residents_nursing"})
        for (const auto& measure : results.registry.measures())  // self-funders' only with them
            if (measure.name == name) total += need_sum_at(results, r, name, t, band, sex);
    return total;
}

/// People living at home.
double at_home(const RunResults& results, std::size_t r, int t, NeedBand band, int sex) {
    return need_sum_at(results, r, "population", t, band, sex) - residents_at(results, r, t, band, sex);
}

/// The need table's mean share over a band (of people at home), weighted by the people at home in it at
/// time t.
double need_table_share(const Model& model, const RunResults& results, int level, int t, NeedBand band, int sex) {
    double people = 0, expected = 0;
    for (int age = band.first; age <= std::min(band.last, results.grid.max_age); ++age) {
        const double n = at_home(results, 0, t, {age, age}, sex);
        people += n;
        expected +=
            n * model.cohorts.need_at_least_at_home[static_cast<std::size_t>(level - 1)][model.cohorts.at(sex, age)];
    }
    return people > 0 ? expected / people : 0.0;
}

}  // namespace

TEST_CASE(
    "need: the people at home in the base year and ten years on have the table's shares at each level by "
    "age band and sex",
    "[statistical][need]") {
    auto loaded = load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + 10;
    const Model model = build_model(loaded);
    REQUIRE(model.config().need.enabled);
    const RunResults results = simulate(model, {loaded.config.run.seed, 0, 1, nullptr});
    for (int t : {0, 10})
        for (int sex = 0; sex < sex_count; ++sex)
            for (const NeedBand band : need_bands)
                for (int level = 1; level <= 3; ++level) {
                    // The table is of private households: care-home residents (all at high need) come on
                    // top of it, so the people at home have the table's shares (drawn out of it before, the
                    // people at home at 85+ had too few at high need).
                    const double people = at_home(results, 0, t, band, sex);
                    const double share =
                        (need_share_count(results, 0, level, t, band, sex) - residents_at(results, 0, t, band, sex)) /
                        people;
                    const double expected = need_table_share(model, results, level, t, band, sex);
                    const double se = std::sqrt(expected * (1 - expected) / people);
                    INFO("year " << loaded.config.run.base_year + t << ", " << sex_names[sex] << " " << band.first
                                 << "-" << band.last << ", level " << level << "+: " << share << " against the table's "
                                 << expected << " (se " << se << ")");
                    // The base year is a draw from the table's shares: sampling error only. Ten years on the
                    // yearly moves keep them along each cohort within 10% (the derivation follows a
                    // cohort with the base year's mortality; arrivals come with no need).
                    if (level == 2 && (band.first == 65 || band.first == 85))
                        WARN("need " << loaded.config.run.base_year + t << " " << sex_names[sex] << " " << band.first
                                     << "-" << band.last << " ADL+: " << share << " (table " << expected << ")");
                    if (t == 0)
                        CHECK(std::abs(share - expected) < 4 * se + 1e-9);
                    else
                        CHECK(std::abs(share - expected) < 0.10 * expected + 4 * se);
                }
}

TEST_CASE("need: admitting 15% fewer people 65+ to care homes from 2020 moves care, not deaths",
          "[statistical][need][diversion]") {
    auto loaded = load_baseline();
    REQUIRE(loaded.config.run.horizon_year == 2040);
    const std::uint32_t replicates = 2;
    const Model baseline = build_model(loaded);
    InterventionConfig cut;
    cut.name = "extra_care";
    cut.rate = CARE_HOME_ADMISSION;
    cut.start_year = cut.full_effect_year = 2020;
    cut.full_multiplier = 0.85;
    cut.min_age = 65;
    loaded.config.interventions.push_back(cut);
    const Model whatif = build_model(loaded);
    const RunResults base = simulate(baseline, {loaded.config.run.seed, 0, replicates, nullptr});
    const RunResults cut_run = simulate(whatif, {loaded.config.run.seed, 0, replicates, nullptr});
    const int from = 2020 - base.base_year, to = 2040 - base.base_year;  // intervals 2020/21 .. 2039/40
    const NeedBand old{65, 110}, oldest{85, 110};
    double deaths[2] = {0, 0}, admissions[2] = {0, 0}, home_care[2] = {0, 0}, oldest_2040[2] = {0, 0};
    double residents[2] = {0, 0}, partner_carers[2] = {0, 0};
    for (std::size_t r = 0; r < replicates; ++r) {
        const RunResults* runs[2] = {&base, &cut_run};
        for (int k = 0; k < 2; ++k) {
            for (int t = from; t < to; ++t) {
                deaths[k] += need_sum_at(*runs[k], r, "deaths", t, {66, 110});  // flows at the age reached
                admissions[k] += need_sum_at(*runs[k], r, "care_home_admissions_residential", t, {66, 110}) +
                                 need_sum_at(*runs[k], r, "care_home_admissions_nursing", t, {66, 110});
            }
            home_care[k] += need_sum_at(*runs[k], r, "home_care", to, old);
            residents[k] += need_sum_at(*runs[k], r, "care_home_residents_residential", to, old) +
                            need_sum_at(*runs[k], r, "care_home_residents_nursing", to, old);
            partner_carers[k] += need_sum_at(*runs[k], r, "partner_carers", to, {0, 110});
            oldest_2040[k] += need_sum_at(*runs[k], r, "population", to, oldest);
        }
    }
    const double deaths_change = deaths[1] / deaths[0] - 1;
    const double oldest_change = oldest_2040[1] / oldest_2040[0] - 1;
    const double admissions_change = admissions[1] / admissions[0] - 1;
    const double home_care_change = home_care[1] / home_care[0] - 1;
    const double residents_change = residents[1] / residents[0] - 1;
    const double partner_carers_change = partner_carers[1] / partner_carers[0] - 1;
    INFO("2020-2040, " << replicates << " paired replicates: deaths 65+ " << deaths[0] << " -> " << deaths[1] << " ("
                       << 100 * deaths_change << "%), population 85+ in 2040 " << oldest_2040[0] << " -> "
                       << oldest_2040[1] << " (" << 100 * oldest_change << "%), admissions 65+ " << admissions[0]
                       << " -> " << admissions[1] << " (" << 100 * admissions_change << "%), home care 65+ in 2040 "
                       << home_care[0] << " -> " << home_care[1] << " (" << 100 * home_care_change
                       << "%), residents 65+ in 2040 " << residents[0] << " -> " << residents[1] << " ("
                       << 100 * residents_change << "%), partner-carers in 2040 " << partner_carers[0] << " -> "
                       << partner_carers[1] << " (" << 100 * partner_carers_change << "%)");
    CHECK(std::abs(deaths_change) < 0.01);
    CHECK(std::abs(oldest_change) < 0.005);
    // A 15% lower yearly probability admits fewer people, but fewer than 15% fewer: a person not admitted
    // one year is still at risk the next.
    CHECK(admissions_change < -0.05);
    CHECK(residents_change < -0.05);
    CHECK(home_care_change > 0);  // the people kept at home are cared for there
    WARN("diversion: deaths 65+ " << 100 * deaths_change << "%, population 85+ 2040 " << 100 * oldest_change
                                  << "%, admissions 65+ " << 100 * admissions_change << "%, residents 65+ 2040 "
                                  << 100 * residents_change << "%, home care 65+ 2040 " << 100 * home_care_change
                                  << "%, partner-carers 2040 " << 100 * partner_carers_change << "%");
}

TEST_CASE("need: the base year's expected deaths by need equal the life table's", "[statistical][need]") {
    auto loaded = load_baseline();
    loaded.config.run.horizon_year = loaded.config.run.base_year + 1;
    const Model model = build_model(loaded);
    Population population = make_population(model.demography.grid, model.demography.base_counts);
    initialise_cohort_states(model, 7, 0, population);
    double by_need[3] = {0, 0, 0}, by_table[3] = {0, 0, 0}, by_dementia[3] = {0, 0, 0};
    for (std::size_t i = 0; i < population.size(); ++i) {
        const int age = population.age[i], sex = population.sex[i];
        const int band = age < 65 ? 0 : age < 85 ? 1 : 2;
        by_need[band] += death_with_need(model.cohorts, 0, population, i, population.care_home[i] != 0);
        by_dementia[band] += model.cohorts.death(dementia_mortality_state(population.dementia_years[i]), 0, sex, age);
        by_table[band] += model.demography.death(0, sex, age);
    }
    for (int band = 0; band < 3; ++band) {
        INFO("band " << band << ": by need " << by_need[band] << ", by dementia " << by_dementia[band]
                     << ", life table " << by_table[band]);
        CHECK(std::abs(by_need[band] / by_table[band] - 1) < 0.03);
    }
}

TEST_CASE("need: the base-year care-home stock is steady and council admissions meet the calibration target",
          "[statistical][need][care_homes]") {
    // County Durham 2016 check: admissions drawn among people at high need at home (the admission factor
    // rescaled for those already in homes) meet 762.7 per 100,000 aged 65+ in 2017/18 (MPS; TARGETS.md),
    // and the base year's residents are the steady state of those flows: the stock moves by less than its
    // population's growth in the first year (it rose 19% in the first year before the base-year draw
    // counted the people who reach high need during a year).
    auto loaded = load_baseline();
    loaded.config.run.horizon_year = 2018;
    const Model model = build_model(loaded);
    const std::uint32_t replicates = 4;
    const RunResults run = simulate(model, {loaded.config.run.seed, 0, replicates, nullptr});
    const NeedBand everyone{18, 110}, old{65, 110};
    double residents[2] = {0, 0}, admissions = 0, people_65 = 0;
    for (std::size_t r = 0; r < replicates; ++r) {
        for (int t = 0; t < 2; ++t)
            residents[t] += need_sum_at(run, r, "care_home_residents_residential", t, everyone) +
                            need_sum_at(run, r, "care_home_residents_nursing", t, everyone);
        // 2017/18 is interval 1 (mid-2017 to mid-2018), its rate per people 65+ at mid-2017; an admission
        // at 65+ is counted at the age reached at the end of the interval (66+).
        admissions += need_sum_at(run, r, "care_home_admissions_residential", 1, {66, 110}) +
                      need_sum_at(run, r, "care_home_admissions_nursing", 1, {66, 110});
        people_65 += need_sum_at(run, r, "population", 1, old);
    }
    const double rate = 1e5 * admissions / people_65, first_year_change = residents[1] / residents[0] - 1;
    WARN("admissions 65+ per 100,000 in 2017/18: "
         << rate << " (target 762.7); residents mid-2016 " << residents[0] / replicates << ", mid-2017 "
         << residents[1] / replicates << " (" << 100 * first_year_change << "%)");
    // The council's admissions are the table's for the people at home, with and without dementia, a
    // fall's relative risk included (scale_admissions_to_people_at_home): 774 per 100,000 here (+1.5%;
    // `carecast export`, 8 replicates, which averages the population over the year: 762, -0.1%), residents
    // +4.3% in the first year. 820 (+7.5%) when the rescaling aimed at the table over everyone and left
    // the fall's relative risk out; 739 and +3.4% when the residents were drawn out of the need table.
    CHECK(std::abs(rate / 762.7 - 1) < 0.05);
    CHECK(std::abs(first_year_change) < 0.06);
}

TEST_CASE(
    "need: on the shipped 2020 baseline, with self-funders, council admissions 65+ meet ASCOF 2A2 and the "
    "residents come on top of the need table's people at home",
    "[statistical][need][care_homes]") {
    // The need table (HSE: private households) is of people at home, and the residents come on top of it.
    // Drawn out of it before, the people at high need at 85+ were too few for the council to admit
    // 658.7 per 100,000 aged 65+ (ASCOF 2A2, County Durham 2020/21) besides the self-funders: 590
    // (-10.4%), with 1,462 residents 65+, 1.31% of the people 65+ (Census 2021, North East: 2.9%).
    auto loaded = load_scenario(source_path("scenarios/county_durham_baseline.txtpb"));
    REQUIRE(loaded.config.cohorts.care_homes.self_funders.enabled);
    loaded.config.run.horizon_year = loaded.config.run.base_year + 1;
    const Model model = build_model(loaded);
    const std::uint32_t replicates = 4;
    const RunResults run = simulate(model, {loaded.config.run.seed, 0, replicates, nullptr});
    const NeedBand old{65, 110};
    double admissions = 0, people_65 = 0, residents = 0;
    for (std::size_t r = 0; r < replicates; ++r) {
        admissions += need_sum_at(run, r, "care_home_admissions_residential", 0, {66, 110}) +
                      need_sum_at(run, r, "care_home_admissions_nursing", 0, {66, 110});
        people_65 += need_sum_at(run, r, "population", 0, old);
        residents += residents_at(run, r, 0, old);
    }
    const double rate = 1e5 * admissions / people_65, resident_share = residents / people_65;
    WARN("shipped baseline: council admissions 65+ per 100,000 in 2020/21 "
         << rate << " (ASCOF 658.7); residents 65+ mid-2020 " << residents / replicates << ", " << 100 * resident_share
         << "% of people 65+ (Census 2021 North East 2.9%)");
    // Measured 657 (-0.3%) and 1.41% of people 65+ in homes (1,574 residents). 735 (+11.6%) and 1,763
    // residents when `carecast init` scaled the table by Durham's 2020-21 rate over itself (1.0) though it
    // is calibrated to Durham's 741.6 of 2015/16 (now 658.7 / 741.6 = 0.888); the residents are the
    // admissions times the stays, so they fell with them. Drawn out of the need table, 1.31%.
    CHECK(std::abs(rate / 658.7 - 1) < 0.05);
    CHECK(resident_share > 0.0135);
}
