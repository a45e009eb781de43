#pragma once
// Special educational needs and disabilities, 0-25: SEN support (school ages) and EHC plans, with
// starts that keep the base-year age profile (EHC starts growing by ehc_growth a year), plans ending
// at 16-25 or at 26, and the move of some plan holders to adult learning-disability services.
//
// Reads: age, sex, send. Writes: send.
#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
// RandomModule::social block (ages 0-25); words 4-7 are free.
inline constexpr SlotAddress ehc_start{"EHC plan start", RandomModule::social, 0};
inline constexpr SlotAddress ehc_stop{"EHC plan end", RandomModule::social, 1};
inline constexpr SlotAddress sen_support{"SEN support start or end", RandomModule::social, 2};
inline constexpr SlotAddress adult_learning_disability{"move to adult learning-disability services",
                                                       RandomModule::social, 3};
}  // namespace slot

/// SEND transitions for a person alive and resident at the end of the interval.
void send_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// SEN support and EHC plans among new people by age and sex: the base-year prevalence; for arrivals
/// the EHC prevalence of the year they arrive in (ehc_prevalence_in).
void initialise_send(const NewPeople& people, Population& population);

/// EHC-plan prevalence [sex][age] in the year after intervals 0..growth.size()-1, each with new plans at
/// the base-year rate times its growth factor: the base profile carried forward a year at a time,
///   P_{k+1}(a+1) = P_k(a) (1 - exit(a)) + (1 - P_k(a)) start(a) growth[k],  P_{k+1}(0) = P_0(0),
/// with the exits of the SEND year (ehc_exit_16_25 at 16-25, all at 26). Without growth it is the base
/// profile (which the starts keep), so arrivals hold plans as often as residents of their age.
std::vector<double> ehc_prevalence_in(const CohortRates& rates, std::span<const double> growth);

/// The SEND module's declaration (cohorts/cohort_module.hpp).
struct SendModule {
    static constexpr std::string_view name = "send";
    struct Ids {
        MeasureId sen_support = -1, sen_support_starts = -1, sen_support_ends = -1, sen_support_arrivals = -1;
        MeasureId ehc_plans = -1, ehc_plan_starts = -1, ehc_plan_ends = -1, ehc_to_adult_ld = -1,
                  ehc_plan_arrivals = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.send.enabled; }
    static constexpr std::tuple columns{&Population::send};
    static constexpr std::array slots{slot::ehc_start, slot::ehc_stop, slot::sen_support,
                                      slot::adult_learning_disability};
    static constexpr std::array streams{
        StreamAddress{"base year: SEND", RandomModule::base_states, RandomEvent::sen_support_start}};
    /// Its tables (send.*_prevalence_csv) and rates [sex][age]: the base-year prevalence of SEN support and
    /// EHC plans, and the starts that keep it.
    struct Inputs {
        AgeSexTable sen_support_prevalence;
        AgeSexTable ehc_plan_prevalence;
    };
    struct Rates {
        std::vector<double> sen_support_prevalence;
        std::vector<double> ehc_prevalence;
        std::vector<double> sen_support_start;
        std::vector<double> ehc_start;  // base year; grows by (1 + ehc_growth) a year
    };
    static void read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics);
    static void build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                            Rates& rates);
    static void change_rates(const RateChanges& changes, CohortConfig& config, Rates& rates);
    static void register_measures(MeasureRegistry& registry, Ids& ids);
    static std::span<const ReportRow> report_rows();
    static constexpr bool initialise_per_person = true;
    static void initialise(const NewPeople& people, Population& population) { initialise_send(people, population); }
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.left()) send_year(c, p, population, tally);
    }
    static void count_exit(const Ids& ids, const PersonYear& p, const Population& population, Tally& tally) {
        const std::uint8_t state = population.send[p.index];
        if (state == static_cast<std::uint8_t>(SendState::sen_support)) tally.add(ids.sen_support_ends, p.cell_end);
        if (state == static_cast<std::uint8_t>(SendState::ehc_plan)) tally.add(ids.ehc_plan_ends, p.cell_end);
    }
    static void count_stocks(const Ids& ids, const Population& population, std::size_t i, const StockCount& count) {
        const std::uint8_t state = population.send[i];
        if (state == static_cast<std::uint8_t>(SendState::sen_support)) count(ids.sen_support);
        if (state == static_cast<std::uint8_t>(SendState::ehc_plan)) count(ids.ehc_plans);
    }
};

}  // namespace carecast
