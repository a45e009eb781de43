#pragma once
// Emergency hospital admissions for falls, people 65+ living at home. A fall raises the person's
// care-home admission hazard in the same year and their chance of a reablement episode.
//
// Reads: age, sex. Writes: flags (fell).
#include "cohorts/cohort_module.hpp"

namespace carecast {

namespace slot {
inline constexpr SlotAddress fall{"emergency admission for a fall", RandomModule::demography, 1};
}  // namespace slot

/// Emergency admission for a fall, for people 65+ living at home; sets `fell` for this year (and
/// clears last year's).
void falls_year(const YearContext& c, const PersonYear& p, Population& population, Tally& tally);

/// The falls module's declaration (cohorts/cohort_module.hpp): a flow and the `fell` flag, no stock.
struct FallsModule {
    static constexpr std::string_view name = "falls";
    struct Ids {
        MeasureId fall_admissions = -1;
    };
    static bool enabled(const CohortConfig& config) { return config.falls.enabled; }
    static constexpr std::tuple<> columns{};  // flags: fell
    static constexpr std::array slots{slot::fall};
    static constexpr std::array<StreamAddress, 0> streams{};
    /// Its table (falls.admission_probability_csv) and the yearly probability [sex][age].
    struct Inputs {
        AgeSexTable fall_admission;
    };
    struct Rates {
        std::vector<double> fall_admission;
    };
    static void read_inputs(const CohortConfig& config, int max_age, Inputs& in, Diagnostics& diagnostics);
    static void build_rates(const Inputs& in, const CohortConfig& config, const DemographicRates& demography,
                            Rates& rates);
    static void change_rates(const RateChanges& changes, CohortConfig& config, Rates& rates);
    static void register_measures(MeasureRegistry& registry, Ids& ids) {
        ids.fall_admissions = add_flow(registry, "fall_admissions", "emergency hospital admissions for falls");
    }
    static std::span<const ReportRow> report_rows();
    static void initialise(const NewPeople&, Population&) {}  // no state before a first fall
    static void own_year(const YearContext& c, PersonYear& p, Population& population, Tally& tally) {
        if (!p.left() && !p.resident) falls_year(c, p, population, tally);
    }
    static void count_exit(const Ids&, const PersonYear&, const Population&, Tally&) {}
    static void count_stocks(const Ids&, const Population&, std::size_t, const StockCount&) {}
};

}  // namespace carecast
