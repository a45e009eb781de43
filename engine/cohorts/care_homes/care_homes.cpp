#include "cohorts/care_homes/care_homes.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/care_homes/care_home_steady_state.hpp"
#include "cohorts/care_homes/self_funders.hpp"
#include "cohorts/dementia/dementia.hpp"
#include "cohorts/exits.hpp"
#include "cohorts/modules.hpp"
#include "cohorts/need/need.hpp"

namespace carecast {
namespace {

int home_type(const Population& population, std::size_t i) {
    return population.care_home[i] == 2 ? 1 : 0;
}

bool is_self_funded(const Population& population, std::size_t i) {
    return population.flags[i] & self_funded;
}

/// Occupancy of a stay [start, end) within the interval: bed-days, and presence on 31 March.
void count_occupancy(const YearContext& c, const PersonYear& p, const Population& population, Tally& tally) {
    const auto& ids = c.ids;
    const int type = home_type(population, p.index);
    const int start = std::max(population.stay_start[p.index], c.first_day);
    const int end = std::min(population.stay_end[p.index], c.end_day());
    const bool self = is_self_funded(population, p.index);
    if (end > start) tally.add(self ? ids.self_funded_bed_days[type] : ids.bed_days[type], p.cell_end, end - start);
    if (self) return;  // 31 March counts council-funded residents (SALT's year-end count)
    const int march = c.first_day + day_of_31_march;
    if (population.stay_start[p.index] <= march && march < population.stay_end[p.index])
        tally.add(ids.residents_31_march[type], p.cell_end);
}

/// Records a stay that ends within the interval (its stay_end set), by death or discharge, and ends it.
/// Completed stays are council-funded stays (from admission, or from the day the council took over a
/// self-funder's), as a council measures its length of stay.
void finish_stay(const YearContext& c, const PersonYear& p, Population& population, Tally& tally, bool death) {
    const int type = home_type(population, p.index);
    if (is_self_funded(population, p.index)) {
        tally.add(death ? c.ids.self_funded_deaths[type] : c.ids.self_funded_discharges[type], p.cell_end);
        population.flags[p.index] &= static_cast<std::uint8_t>(~self_funded);
    } else {
        tally.stays.push_back({c.interval, type, population.stay_end[p.index] - population.stay_start[p.index]});
        tally.add(death ? c.ids.home_deaths[type] : c.ids.discharges[type], p.cell_end);
    }
    population.care_home[p.index] = 0;
}

/// Ends a stay of a drawn length on its scheduled day within the interval: death or discharge.
void end_stay(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
    auto& flags = population.flags[p.index];
    const bool death = !(flags & stay_ends_in_discharge);
    flags &= static_cast<std::uint8_t>(~stay_ends_in_discharge);
    finish_stay(c, p, population, tally, death);
    if (!death) return;
    p.died = true;
    count_exit(c, p, population, tally);
}

/// With the need module only people at need level 3 are admitted: whether person i is below it.
bool below_admission_need(const CohortRates& rates, const Population& population, std::size_t i) {
    return rates.config.need.enabled && population.need[i] < static_cast<int>(NeedLevel::high);
}

/// Admission probability in the year of person i at home: 0 below_admission_need; with the need module
/// the table scaled to people at risk (CohortRates::need_admission_factor).
double admission_probability(const CohortRates& rates, const Population& population, std::size_t i) {
    if (below_admission_need(rates, population, i)) return 0.0;
    const auto& h = rates.config.care_homes;
    const std::size_t at = rates.at(population.sex[i], population.age[i]);
    double probability = rates.care_home_admission[at];
    if (rates.config.need.enabled) probability *= rates.need_admission_factor[at];
    if (population.dementia_years[i] > 0) {
        probability *= h.rr_dementia;
        const std::uint32_t partner = population.partner[i];
        const bool cared_for = partner != no_person && (population.carer[partner] & 4);
        if (!cared_for) probability *= h.rr_no_carer;
    }
    if (population.flags[i] & lost_carer) probability *= h.rr_lost_carer;
    if (population.flags[i] & fell) probability *= h.rr_fall;
    return std::min(probability, 1.0);
}

/// Starts a stay on `day` (days since the base mid-year) with a drawn type, length and ending. An
/// intervention on the length of stay multiplies the drawn length (same random numbers: paired runs).
void start_stay(const CareHomesConfig& h, double nursing_share, double stay_multiplier, DrawStream& stream, int day,
                Population& population, std::size_t i) {
    const bool nursing = stream.uniform() < nursing_share;
    const double u = 1.0 - stream.uniform();  // in (0, 1]
    int days = nursing ? stay_length_days(u, h.nursing_hazard_first_year, h.nursing_hazard_later)
                       : stay_length_days(u, h.residential_hazard_first_year, h.residential_hazard_later);
    if (stay_multiplier != 1.0) days = std::max(1, static_cast<int>(std::lround(days * stay_multiplier)));
    population.care_home[i] = static_cast<std::uint8_t>(nursing ? CareHome::nursing : CareHome::residential);
    population.stay_start[i] = day;
    population.stay_end[i] = day + days;
    if (stream.uniform() < h.discharge_share) population.flags[i] |= stay_ends_in_discharge;
}

/// With the need module: a stay starts on `day`, in nursing care with probability `nursing_share`, and
/// runs until death or discharge (drawn year by year).
void start_stay_with_need(double nursing_share, DrawStream& stream, int day, Population& population, std::size_t i) {
    const bool nursing = stream.uniform() < nursing_share;
    population.care_home[i] = static_cast<std::uint8_t>(nursing ? CareHome::nursing : CareHome::residential);
    population.stay_start[i] = day;
    population.stay_end[i] = open_stay;
}

/// With the need module: the base-year residents, a stationary stock of people at need level 3
/// (resident_share_of_high_need, with the person's own admission probability and leave hazard h); the
/// time already spent is exponential with hazard h (the stay has no memory), at most 15 years.
void initialise_residents_with_need(const DemographicRates& demography, const CohortRates& rates, const StreamKey& key,
                                    Population& population, std::size_t begin, std::size_t end) {
    const auto& h = rates.config.care_homes;
    for (std::size_t i = begin; i < end; ++i) {
        if (population.age[i] < 18 || below_admission_need(rates, population, i)) continue;
        const std::size_t at = rates.at(population.sex[i], population.age[i]);
        const double council = admission_probability(rates, population, i);
        const double admission = admission_chances(council, self_funded_share_at(rates, at)).all;
        if (admission <= 0) continue;
        const double q = death_with_need(rates, 0, population, i, true);  // as a resident dies
        const double hazard = resident_leave_hazard(h, q);
        const double e = high_need_entrants(rates, at, population.dementia_years[i] > 0);
        DrawStream stream(key, population.key[i], demography.base_year, RandomEvent::residence);
        const double q_home = death_with_need(rates, 0, population, i, false);
        const double scale = rates.high_need_resident_scale.empty() ? 1.0 : rates.high_need_resident_scale[at];
        if (stream.uniform() >= std::min(scale * resident_share_of_high_need(admission, hazard, e, q_home), 0.95))
            continue;
        const double elapsed_years = std::min(-std::log(1.0 - stream.uniform()) / std::max(hazard, 1e-12), 15.0);
        start_stay_with_need(h.nursing_share, stream, -static_cast<int>(elapsed_years * 365.0), population, i);
        // Self-funders at the published share of residents of their age.
        const auto& f = h.self_funders;
        if (f.enabled && stream.uniform() < f.share_of_residents(population.age[i])) population.flags[i] |= self_funded;
    }
}

/// Probability that person i is a resident in the base year: the steady-state shares of
/// care_home_steady_state.hpp (as the dementia derivation reckons them), with the person's own
/// admission and death probabilities, and their age's averages for the admissions in the year
/// dementia starts.
double resident_probability(const DemographicRates& demography, const CohortRates& rates, const Population& population,
                            std::size_t i) {
    const auto& config = rates.config;
    const int sex = population.sex[i], age = population.age[i];
    const std::size_t at = rates.at(sex, age);
    const bool dementia = config.dementia.enabled;
    SteadyStateAge s;
    s.mean_stay = stay_years(config.care_homes).first;
    s.q_without = dementia ? rates.death(0, 0, sex, age) : demography.death(0, sex, age);
    s.onset = dementia && config.dementia.incidence_multiplier > 0
                  ? rates.dementia_incidence[at] / config.dementia.incidence_multiplier
                  : 0.0;
    s.a_without = admission_without_dementia(rates, at);
    if (population.dementia_years[i] == 0) return resident_share_without_dementia(s);
    const double partner_cares = config.carers.enabled ? config.carers.partner_becomes_carer_probability : 0.0;
    const double own_cared = population.partner[i] != no_person ? partner_cares : 0.0;
    const double own_q = rates.death(dementia_mortality_state(population.dementia_years[i]), 0, sex, age);
    // Age averages: years since onset 1..5 (initialise_dementia).
    s.prevalence = rates.dementia_prevalence[at];
    s.q_with = 0.2 * rates.death(1, 0, sex, age) + 0.8 * rates.death(2, 0, sex, age);
    return resident_share_with_dementia(s, own_q, admission_with_dementia(config.care_homes, s.a_without, own_cared));
}

}  // namespace

int stay_length_days(double u, double h1, double h2) {
    const double cumulative = -std::log(u);  // cumulative hazard reached at the end of the stay
    const double years = cumulative < h1 || h2 <= 0 ? cumulative / std::max(h1, 1e-12) : 1.0 + (cumulative - h1) / h2;
    // Capped at 150 years (longer than any life): tiny hazards must not overflow into short stays.
    constexpr double longest_years = 150.0;
    return std::max(1, static_cast<int>(std::lround(std::min(years, longest_years) * 365.0)));
}

bool care_home_year_for_resident(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
    count_occupancy(c, p, population, tally);
    if (population.stay_end[p.index] < c.end_day()) {
        end_stay(c, p, population, tally);
        return false;
    }
    return true;
}

void care_home_year_with_need(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
    const std::size_t i = p.index;
    DrawStream stream(c.key(RandomModule::care_homes), p.key, c.year, RandomEvent::stay_length);
    const int day = c.first_day + static_cast<int>(stream() % 365);
    const bool discharged = !p.died && stream.uniform() < discharge_probability(c.cohorts.config.care_homes,
                                                                                death_with_need(c.cohorts, c.interval,
                                                                                                population, i, true));
    if (p.died || discharged) population.stay_end[i] = std::max(day, population.stay_start[i] + 1);
    count_occupancy(c, p, population, tally);
    if (p.died || discharged) {
        finish_stay(c, p, population, tally, p.died);
        return;
    }
    // A self-funder who stays: their money may run out (with the probability of their age group), and the
    // council funds the stay from the next interval (a council-funded stay that starts then).
    if (is_self_funded(population, i) &&
        stream.uniform() < c.cohorts.config.care_homes.self_funders.funds_run_out(p.age)) {
        population.flags[i] &= static_cast<std::uint8_t>(~self_funded);
        population.stay_start[i] = c.end_day();
        tally.add(c.ids.funds_run_out[home_type(population, i)], p.cell_end);
    }
}

void care_home_admission(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
    const auto& h = c.cohorts.config.care_homes;
    if (!h.enabled || p.age < 18) return;
    // No chance and no draw (most adults, with need): decided without the probability's table reads.
    if (below_admission_need(c.cohorts, population, p.index)) return;
    // One decision word: council-funded below the council's chance, self-funded between it and the
    // chance of admission in all.
    const std::size_t at = c.cohorts.at(p.sex, p.age);
    const double share = self_funded_share_at(c.cohorts, at);
    const auto chances = admission_chances(admission_probability(c.cohorts, population, p.index), share);
    if (!p.draws.bernoulli(slot::admission, chances.all)) return;
    const bool self = share > 0 && !DrawBlock::bernoulli_from_word(p.draws.word(slot::admission), chances.council);
    DrawStream stream(c.key(RandomModule::care_homes), p.key, c.year, RandomEvent::stay_length);
    const int day = c.first_day + static_cast<int>(stream() % 365);
    if (c.config.need.enabled) {
        // Admitted on `day`; a person who dies in the year (drawn before, with the same probability
        // whether admitted or not) dies in the home on a later day of it.
        start_stay_with_need(c.cohorts.nursing_share[at], stream, day, population, p.index);
        const int type = home_type(population, p.index);
        if (self) population.flags[p.index] |= self_funded;
        tally.add(self ? c.ids.self_funded_admissions[type] : c.ids.admissions[type], p.cell_end);
        auto& flags = population.flags[p.index];
        if (flags & home_care) {
            if (!p.died) tally.add(c.ids.home_care_ends, p.cell_end);  // a death counted it already
            flags &= static_cast<std::uint8_t>(~home_care);
        }
        if (p.died) population.stay_end[p.index] = day + 1 + static_cast<int>(stream() % (c.end_day() - day));
        count_occupancy(c, p, population, tally);
        if (p.died) finish_stay(c, p, population, tally, true);
        return;
    }
    const auto& rates = c.cohorts;
    start_stay(h, rates.nursing_share[rates.at(p.sex, p.age)], rates.stay_length_multiplier, stream, day, population,
               p.index);
    const int type = home_type(population, p.index);
    tally.add(c.ids.admissions[type], p.cell_end);
    auto& flags = population.flags[p.index];
    if (flags & home_care) {
        tally.add(c.ids.home_care_ends, p.cell_end);
        flags &= static_cast<std::uint8_t>(~home_care);
    }
    if (population.stay_end[p.index] < c.end_day()) {
        count_occupancy(c, p, population, tally);
        end_stay(c, p, population, tally);
    } else {
        count_occupancy(c, p, population, tally);
    }
}

void initialise_care_homes(const DemographicRates& demography, const CohortRates& rates, std::uint64_t seed,
                           std::uint32_t replicate, Population& population, std::size_t begin, std::size_t end) {
    const auto& h = rates.config.care_homes;
    if (!h.enabled) return;
    // Residents in a steady state (resident_probability). Elapsed time is drawn from the length-biased
    // stay distribution by rejection, the remaining time is the rest of that stay.
    const StreamKey key{seed, replicate, RandomModule::base_states};
    if (rates.config.need.enabled) {
        initialise_residents_with_need(demography, rates, key, population, begin, end);
        return;
    }
    const int base_year = demography.base_year;
    for (std::size_t i = begin; i < end; ++i) {
        if (population.age[i] < 18) continue;
        DrawStream stream(key, population.key[i], base_year, RandomEvent::residence);
        if (stream.uniform() >= resident_probability(demography, rates, population, i)) continue;
        for (int attempt = 0; attempt < 1000; ++attempt) {  // length-biased: accept a stay with prob. length / 15 years
            start_stay(h, h.nursing_share, 1.0, stream, 0, population, i);
            const int length = population.stay_end[i];
            if (stream.uniform() * 15 * 365 < length) {
                const int elapsed = static_cast<int>(stream.uniform() * length);
                population.stay_start[i] = -elapsed;
                population.stay_end[i] = length - elapsed;
                break;
            }
            population.care_home[i] = 0;
            population.flags[i] &= static_cast<std::uint8_t>(~stay_ends_in_discharge);
        }
    }
}

void CareHomesModule::register_measures(MeasureRegistry& r, Ids& m) {
    const char* types[2] = {"residential", "nursing"};
    for (int t = 0; t < 2; ++t) {
        const std::string type = types[t];
        m.residents[t] = add_stock(r, "care_home_residents_" + type,
                                   "council-funded permanent " + type + " care-home residents at mid-year",
                                   {"care_home_admissions_" + type, "funds_run_out_" + type},
                                   {"care_home_deaths_" + type, "care_home_discharges_" + type});
        m.admissions[t] = add_flow(r, "care_home_admissions_" + type,
                                   "council-funded permanent admissions to " + type + " care (ASCOF 2A)");
        m.home_deaths[t] =
            add_flow(r, "care_home_deaths_" + type, "deaths of council-funded " + type + " care-home residents");
        m.discharges[t] =
            add_flow(r, "care_home_discharges_" + type, "discharges of council-funded " + type + " residents");
        m.residents_31_march[t] =
            add_flow(r, "care_home_residents_31_march_" + type,
                     "council-funded permanent " + type + " residents on 31 March in the interval");
        // Zero without self-funders (care_homes.self_funders): the council-funded stock's inflow all the same.
        m.funds_run_out[t] = add_flow(r, "funds_run_out_" + type,
                                      "self-funded " + type +
                                          " residents whose money ran out, council-funded from the "
                                          "next interval");
        m.bed_days[t] = add_flow(r, "care_home_bed_days_" + type,
                                 "occupied " + type + " bed-days of council-funded residents in the interval", "day");
    }
}

std::span<const ReportRow> CareHomesModule::report_rows() {
    static constexpr std::string_view residents = "care_home_residents_residential care_home_residents_nursing";
    static constexpr std::string_view admissions = "care_home_admissions_residential care_home_admissions_nursing";
    static constexpr std::string_view theme = "care_homes";
    static constexpr ReportRow rows[] = {
        {.id = "care_home_residents",
         .label = "Permanent care-home residents",
         .theme = theme,
         .unit = "people",
         .variables = residents,
         .headline = true},
        {.id = "care_home_residents_residential",
         .label = "Residents in residential care",
         .theme = theme,
         .unit = "people",
         .variables = "care_home_residents_residential"},
        {.id = "care_home_residents_nursing",
         .label = "Residents in nursing care",
         .theme = theme,
         .unit = "people",
         .variables = "care_home_residents_nursing"},
        {.id = "care_home_admissions",
         .label = "Permanent care-home admissions (all ages)",
         .theme = theme,
         .unit = "admissions a year",
         .variables = admissions},
        {.id = "care_home_admissions_65_plus",
         .label = "Permanent care-home admissions, aged 65+",
         .theme = theme,
         .unit = "admissions a year",
         .variables = admissions,
         .min_age = 65,
         .headline = true},
        {.id = "care_home_admissions_18_64",
         .label = "Permanent care-home admissions, aged 18-64",
         .theme = theme,
         .unit = "admissions a year",
         .variables = admissions,
         .min_age = 18,
         .max_age = 64},
        {.id = "care_home_admissions_65_plus_rate",
         .label = "Care-home admissions per 100,000 aged 65+",
         .theme = theme,
         .unit = "per 100,000 aged 65+ a year",
         .variables = "",
         .headline = true,
         .numerator = "care_home_admissions_65_plus",
         .denominator = "population_65_plus",
         .scale = 100000.0,
         .kind = "rate"},
        {.id = "care_home_deaths",
         .label = "Deaths of care-home residents",
         .theme = theme,
         .unit = "people a year",
         .variables = "care_home_deaths_residential care_home_deaths_nursing"},
        {.id = "care_home_discharges",
         .label = "Discharges from care homes",
         .theme = theme,
         .unit = "people a year",
         .variables = "care_home_discharges_residential care_home_discharges_nursing"},
        {.id = "care_home_bed_days",
         .label = "Occupied care-home bed-days",
         .theme = theme,
         .unit = "bed-days a year",
         .variables = "care_home_bed_days_residential care_home_bed_days_nursing"},
        {.id = "stay_median_days",
         .label = "Median completed stay",
         .theme = theme,
         .unit = "days",
         .variables = "care_home_stay_length",
         .expand = "home_type",
         .select = {"stay_statistic", "median_days"},
         .kind = "days"},
        {.id = "stay_mean_days",
         .label = "Mean completed stay",
         .theme = theme,
         .unit = "days",
         .variables = "care_home_stay_length",
         .expand = "home_type",
         .select = {"stay_statistic", "mean_days"},
         .kind = "days"},
    };
    return rows;
}

}  // namespace carecast
