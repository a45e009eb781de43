#include "cohorts/send/send.hpp"

#include <algorithm>
#include <cmath>

#include "cohorts/modules.hpp"
#include "core/philox_batch.hpp"

namespace carecast {
namespace {

constexpr auto support = static_cast<std::uint8_t>(SendState::sen_support);
constexpr auto plan = static_cast<std::uint8_t>(SendState::ehc_plan);

/// A plan ends: counted, and perhaps followed by adult learning-disability services (19+).
void end_plan(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    const auto& ids = c.ids;
    population.send[p.index] = 0;
    tally.add(ids.ehc_plan_ends, p.cell_end);
    if (p.age_at_end >= 19 &&
        p.social.bernoulli(slot::adult_learning_disability, c.cohorts.config.send.adult_learning_disability_share))
        tally.add(ids.ehc_to_adult_ld, p.cell_end);
}

}  // namespace

void send_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    const auto& rates = c.cohorts;
    const auto& s = rates.config.send;
    if (!s.enabled || p.age > social_decisions_to_age) return;
    const auto& ids = c.ids;
    auto& state = population.send[p.index];
    if (state == plan) {
        if (p.age_at_end >= 26 || (p.age >= 16 && p.social.bernoulli(slot::ehc_stop, s.ehc_exit_16_25)))
            end_plan(c, p, population, tally);
        return;
    }
    const double growth = c.ehc_growth_factor;
    if (p.social.bernoulli(slot::ehc_start, rates.ehc_start[rates.at(p.sex, p.age)] * growth)) {
        if (state == support) tally.add(ids.sen_support_ends, p.cell_end);
        state = plan;
        tally.add(ids.ehc_plan_starts, p.cell_end);
        return;
    }
    if (state == support) {
        if (p.age_at_end >= 17 || p.social.bernoulli(slot::sen_support, s.sen_support_exit)) {
            state = 0;
            tally.add(ids.sen_support_ends, p.cell_end);
        }
        return;
    }
    if (p.social.bernoulli(slot::sen_support, rates.sen_support_start[rates.at(p.sex, p.age)])) {
        state = support;
        tally.add(ids.sen_support_starts, p.cell_end);
    }
}

std::vector<double> ehc_prevalence_in(const CohortRates& rates, std::span<const double> growth) {
    std::vector<double> now = rates.ehc_prevalence;
    if (growth.empty()) return now;
    const auto& s = rates.config.send;
    const int n = rates.age_count;
    std::vector<double> next = now;  // ages past 26 keep the table's values (none hold plans)
    for (const double factor : growth) {
        for (int sex = 0; sex < sex_count; ++sex) {
            next[rates.at(sex, 0)] = rates.ehc_prevalence[rates.at(sex, 0)];
            for (int a = 0; a + 1 < n && a < 26; ++a) {
                const double p = now[rates.at(sex, a)];
                const double exit = a + 1 >= 26 ? 1.0 : a >= 16 ? s.ehc_exit_16_25 : 0.0;
                next[rates.at(sex, a + 1)] =
                    std::min(p * (1 - exit) + (1 - p) * std::min(rates.ehc_start[rates.at(sex, a)] * factor, 1.0), 1.0);
            }
        }
        std::swap(now, next);
    }
    return now;
}

void initialise_send(const NewPeople& people, Population& population) {
    const auto& rates = people.rates;
    if (!rates.config.send.enabled) return;
    const std::vector<double> ehc_prevalence = ehc_prevalence_in(rates, people.ehc_growth_factors);
    const StreamKey key{people.seed, people.replicate, RandomModule::base_states};
    for_each_stream(
        key, people.year, RandomEvent::sen_support_start, population.key, people.begin, people.end,
        [&](std::size_t i) { return population.age[i] <= 25; },
        [&](std::size_t i, DrawStream& stream) {
            const auto at = rates.at(population.sex[i], population.age[i]);
            const double u = stream.uniform();
            const double ehc = ehc_prevalence[at];
            if (u < ehc) {
                population.send[i] = plan;
                people.count(people.ids->ehc_plan_arrivals, i);
            } else if (u < ehc + rates.sen_support_prevalence[at]) {
                population.send[i] = support;
                people.count(people.ids->sen_support_arrivals, i);
            }
        });
}

void SendModule::register_measures(MeasureRegistry& r, Ids& m) {
    m.sen_support = add_stock(r, "sen_support", "children and young people on SEN support at mid-year",
                              {"sen_support_starts", "sen_support_arrivals"}, {"sen_support_ends"});
    m.sen_support_arrivals = add_flow(r, "sen_support_arrivals", "people on SEN support among those moving in");
    m.sen_support_starts = add_flow(r, "sen_support_starts", "starts of SEN support in the interval");
    m.sen_support_ends =
        add_flow(r, "sen_support_ends",
                 "ends of SEN support (no longer needed, moved to an EHC plan, left school, died, moved away)");
    m.ehc_plans = add_stock(r, "ehc_plans", "children and young people (0-25) with an EHC plan at mid-year",
                            {"ehc_plan_starts", "ehc_plan_arrivals"}, {"ehc_plan_ends"});
    m.ehc_plan_arrivals = add_flow(r, "ehc_plan_arrivals", "people with an EHC plan among those moving in");
    m.ehc_plan_starts = add_flow(r, "ehc_plan_starts", "new EHC plans in the interval");
    m.ehc_plan_ends = add_flow(r, "ehc_plan_ends", "EHC plans ending (ceased, aged out at 26, died, moved away)");
    m.ehc_to_adult_ld = add_flow(r, "ehc_to_adult_learning_disability",
                                 "young people moving from an EHC plan to adult learning-disability services");
}

std::span<const ReportRow> SendModule::report_rows() {
    static constexpr ReportRow rows[] = {
        {.id = "sen_support",
         .label = "Pupils on SEN support",
         .theme = "send",
         .unit = "children and young people",
         .variables = "sen_support"},
        {.id = "ehc_plans",
         .label = "Children and young people with an EHC plan",
         .theme = "send",
         .unit = "children and young people",
         .variables = "ehc_plans",
         .headline = true},
        {.id = "ehc_plan_starts",
         .label = "New EHC plans",
         .theme = "send",
         .unit = "plans a year",
         .variables = "ehc_plan_starts"},
    };
    return rows;
}

void SendModule::read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics) {
    const auto& c = config.send;
    const AgeTableSpec probability;  // value in [0, 1]
    in.sen_support_prevalence = read_age_table(c.sen_support_prevalence_csv, max_age, probability, diagnostics);
    in.ehc_plan_prevalence = read_age_table(c.ehc_plan_prevalence_csv, max_age, probability, diagnostics);
}

void SendModule::build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                             Rates& rates) {
    if (!config.send.enabled) return;
    const auto& c = config.send;
    const int n = demography.grid.age_count();
    rates.sen_support_prevalence = copy_table(in.sen_support_prevalence, n);
    rates.ehc_prevalence = copy_table(in.ehc_plan_prevalence, n);
    // EHC plans: entries keep the base profile up to 15; from 16 plans only end (ehc_exit_16_25 a year).
    std::vector<double> ehc_exit(static_cast<std::size_t>(n), 0.0), support_exit(static_cast<std::size_t>(n), 0.0);
    for (int a = 16; a < n; ++a) ehc_exit[static_cast<std::size_t>(a)] = a <= 25 ? c.ehc_exit_16_25 : 1.0;
    rates.ehc_start = entries_for(rates.ehc_prevalence, ehc_exit, n);
    for (int sex = 0; sex < sex_count; ++sex)
        for (int a = 15; a < n; ++a) rates.ehc_start[static_cast<std::size_t>(sex * n + a)] = 0.0;
    // SEN support: ends at sen_support_exit a year, or by moving to a plan; school ages only.
    for (int a = 0; a < n; ++a)
        support_exit[static_cast<std::size_t>(a)] = a >= 5 && a <= 16 ? c.sen_support_exit : 0.0;
    rates.sen_support_start = entries_for(rates.sen_support_prevalence, support_exit, n);
}

void SendModule::change_rates(const RateChanges& changes, CohortConfig&, Rates& rates) {
    changes.scale_table(rates.sen_support_start, SEN_SUPPORT_START);
    changes.scale_table(rates.ehc_start, EHC_PLAN_START);
}

}  // namespace carecast
