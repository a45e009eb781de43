#include "cohorts/send/send.hpp"

#include <cmath>

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
        p.social.bernoulli(Slot::adult_learning_disability, c.cohorts.config.send.adult_learning_disability_share))
        tally.add(ids.ehc_to_adult_ld, p.cell_end);
}

}  // namespace

void send_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally) {
    const auto& rates = c.cohorts;
    const auto& s = rates.config.send;
    if (!s.enabled || p.age > 25) return;
    const auto& ids = c.ids;
    auto& state = population.send[p.index];
    if (state == plan) {
        if (p.age_at_end >= 26 || (p.age >= 16 && p.social.bernoulli(Slot::ehc_stop, s.ehc_exit_16_25)))
            end_plan(c, p, population, tally);
        return;
    }
    const double growth = c.ehc_growth_factor;
    if (p.social.bernoulli(Slot::ehc_start, rates.ehc_start[rates.at(p.sex, p.age)] * growth)) {
        if (state == support) tally.add(ids.sen_support_ends, p.cell_end);
        state = plan;
        tally.add(ids.ehc_plan_starts, p.cell_end);
        return;
    }
    if (state == support) {
        if (p.age_at_end >= 17 || p.social.bernoulli(Slot::sen_support, s.sen_support_exit)) {
            state = 0;
            tally.add(ids.sen_support_ends, p.cell_end);
        }
        return;
    }
    if (p.social.bernoulli(Slot::sen_support, rates.sen_support_start[rates.at(p.sex, p.age)])) {
        state = support;
        tally.add(ids.sen_support_starts, p.cell_end);
    }
}

void initialise_send(const CohortRates& rates, std::uint64_t seed, std::uint32_t replicate, int base_year,
                     Population& population) {
    if (!rates.config.send.enabled) return;
    const StreamKey key{seed, replicate, RandomModule::base_states};
    for (std::size_t i = 0; i < population.size(); ++i) {
        if (population.age[i] > 25) continue;
        const auto at = rates.at(population.sex[i], population.age[i]);
        const double u = DrawStream(key, population.key[i], base_year, RandomEvent::sen_support_start).uniform();
        if (u < rates.ehc_prevalence[at])
            population.send[i] = plan;
        else if (u < rates.ehc_prevalence[at] + rates.sen_support_prevalence[at])
            population.send[i] = support;
    }
}

void SendModule::register_measures(MeasureRegistry& r, MeasureIds& m) {
    m.sen_support = add_stock(r, "sen_support", "children and young people on SEN support at mid-year",
                              {"sen_support_starts"}, {"sen_support_ends"});
    m.sen_support_starts = add_flow(r, "sen_support_starts", "starts of SEN support in the interval");
    m.sen_support_ends =
        add_flow(r, "sen_support_ends",
                 "ends of SEN support (no longer needed, moved to an EHC plan, left school, died, moved away)");
    m.ehc_plans = add_stock(r, "ehc_plans", "children and young people (0-25) with an EHC plan at mid-year",
                            {"ehc_plan_starts"}, {"ehc_plan_ends"});
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

}  // namespace carecast
