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

/// Couples among new people: adults partnered with the shares by age and sex, men matched to women
/// `mean_age_gap` years younger (nearest available age), both among the same new people (the base
/// year's population, or one area's arrivals of a year: arrivals partner each other, never a resident).
void initialise_couples(const NewPeople& people, Population& population);

/// Pass 1 for a person: a single person 16+ at home at the end draws formation; a woman at home at the
/// end with a partner draws separation. Sets Outcome bits forms_partnership / separates in p.outcome.
void couples_own_year(const YearContext& c, PersonYear& p, const Population& population);

/// After pass 1, before pass 2: separations (when the partner is at home at the end too), then the
/// matching of the people forming partnerships. Serial, in index order: bit-identical for any thread count.
/// `changing`: the people whose Outcome has forms_partnership or separates, in index order (pass 1
/// lists them, so this step need not scan everyone).
void couples_year(const YearContext& c, Population& population, const std::vector<std::uint8_t>& outcomes,
                  std::span<const std::uint32_t> changing, Tally& tally);

/// The couples module's declaration (cohorts/cohort_module.hpp). It registers the flows of partnerships
/// formed and dissolved; the partnered stock and partnership ends by death or departure are registered
/// and counted by the carers module, which needs couples.
struct CouplesModule {
    static constexpr std::string_view name = "couples";
    static bool enabled(const CohortConfig& config) { return config.couples.enabled; }
    static constexpr std::tuple columns{&Population::partner};
    static constexpr std::array slots{Slot::partnership_formation, Slot::partnership_dissolution};
    static constexpr std::array streams{RandomEvent::partnered};
    static void register_measures(MeasureRegistry& registry, MeasureIds& ids);
    static std::span<const ReportRow> report_rows() { return {}; }
    static void initialise(const NewPeople& people, Population& population) { initialise_couples(people, population); }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally&) {
        couples_own_year(c, p, population);
    }
    static void count_exit(const YearContext&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const MeasureIds&, const Population&, std::size_t, const StockCount&) {}
};

}  // namespace carecast
