#pragma once
// Couples: partner links made in the base year (adults partnered with the shares by age and sex, men
// matched to women `mean_age_gap` years younger), then each year:
// - separation: a couple both living at home at the end of the year separates with the probability of
//   the woman's age (drawn by her in pass 1); both become single;
// - formation: a single person 16+ living at home at the end of the year forms a partnership with the
//   probability of their age and sex (drawn in pass 1); after pass 1 the women forming, in index order,
//   are matched to the men forming in their area, the man `mean_age_gap` years older (nearest available
//   age within 10 years, lowest index first). People left unmatched stay single that year.
// Both steps run between pass 1 and pass 2 (couples_year), in a fixed order that no thread count can
// change; carers (pass 2) then see the new links. Partnerships also end by death or departure (counted
// by the carers module, which registers the partnered stock and needs couples).
//
// Reads: age, sex, area, care_home. Writes: partner (an index column, remapped at compaction).
#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
// RandomModule::couples block: a single adult forming a partnership; a couple separating (drawn by
// the woman of the couple).
inline constexpr SlotAddress partnership_formation{"partnership formation", RandomModule::couples, 0};
inline constexpr SlotAddress partnership_dissolution{"partnership dissolution", RandomModule::couples, 1};
}  // namespace slot

/// Couples among new people: adults partnered with the shares by age and sex, men matched to women
/// `mean_age_gap` years younger (nearest available age), both among the same new people (the base
/// year's population, or one area's arrivals of a year: arrivals partner each other, never a resident).
void initialise_couples(const NewPeople& people, Population& population);

/// Pass 1 for a person: a single person 16+ at home at the end draws formation; a woman at home at the
/// end with a partner draws separation. Sets Outcome bits forms_partnership / separates in p.outcome.
void couples_own_year(const YearContext& c, PersonYear& p, const Population& population);

/// After pass 1, before pass 2: separations (when the partner is at home at the end too), then the
/// matching of the people forming partnerships. The matching is serial, in index order; the separations,
/// the links and the counts (into the threads' `tallies`) are made in parallel, each person's by one
/// thread: bit-identical for any thread count. `changing`: the people whose Outcome has forms_partnership
/// or separates, in index order (pass 1 lists them, so this step need not scan everyone).
void couples_year(const YearContext& c, Population& population, const std::vector<std::uint8_t>& outcomes,
                  std::span<const std::uint32_t> changing, TallyPerThread& tallies);

/// The couples module's declaration (cohorts/cohort_module.hpp). It registers the flows of partnerships
/// formed and dissolved; the partnered stock and partnership ends by death or departure are registered
/// and counted by the carers module, which needs couples.
struct CouplesModule {
    static constexpr std::string_view name = "couples";
    struct Ids {
        MeasureId partnerships_formed = -1, partnerships_dissolved = -1, partnership_unmatched = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.couples.enabled; }
    static constexpr std::tuple columns{&Population::partner};
    static constexpr std::array slots{slot::partnership_formation, slot::partnership_dissolution};
    static constexpr std::array streams{
        StreamAddress{"base year: couples", RandomModule::base_states, RandomEvent::partnered}};
    /// Its tables (couples.*_csv) and rates [sex][age]: the share partnered; a single person's probability
    /// of forming a partnership and a couple's of separating, by the woman's age (multipliers applied;
    /// 0 without a table).
    struct Inputs {
        AgeSexTable partnered_share;
        AgeSexTable partnership_formation;    // empty without formation_probability_csv
        AgeSexTable partnership_dissolution;  // by the woman's age; empty without dissolution_probability_csv
    };
    struct Rates {
        std::vector<double> partnered_share;
        std::vector<double> partnership_formation;
        std::vector<double> partnership_dissolution;
    };
    static void read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics);
    static void build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                            Rates& rates);
    static void change_rates(const RateChanges& changes, CohortConfig& config, Rates& rates);
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows() { return {}; }
    static void initialise(const NewPeople& people, Population& population) { initialise_couples(people, population); }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally&) {
        couples_own_year(c, p, population);
    }
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const Ids&, const Population&, std::size_t, const StockCount&) {}
};

}  // namespace carecast
