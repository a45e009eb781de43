#pragma once
// The money and market sections of a scenario resolved into plain values: defaults filled in, every
// range checked, money held exactly (int64 pence, basis points). Defaults and their sources are
// documented in proto/carecast/finance.proto; the arithmetic is in engine/finance.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/cohort_config.hpp"
#include "scenario/intervention_config.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/schema_rules.hpp"

namespace carecast {

/// Budget lines, in the order of the output's budget_line dimension (before the two totals). Every line
/// but ehc_plans is in the adult social care (ASC) budget; ehc_plans is the schools' high-needs block
/// and never in the ASC total.
enum class BudgetLine : int {
    residential_care = 0,
    nursing_care,
    home_care,
    direct_payments,
    reablement,
    carer_support,
    interventions,
    ehc_plans
};
inline constexpr int budget_line_count = 8;
inline constexpr const char* budget_line_names[budget_line_count] = {
    "residential_care", "nursing_care",  "home_care",     "direct_payments",
    "reablement",       "carer_support", "interventions", "ehc_plans"};
/// Names of the two totals after the lines: adult social care (every line but ehc_plans) and high needs.
inline constexpr const char* asc_total_name = "asc_total";
inline constexpr const char* high_needs_total_name = "high_needs_total";

/// True for the line paid from the high-needs block (EHC plans), not the adult social care budget.
constexpr bool is_high_needs(BudgetLine line) {
    return line == BudgetLine::ehc_plans;
}

/// Client groups the care lines (care homes, home care, direct payments, reablement) are split into, by the
/// age of the person counted. The model does not distinguish learning disability, physical support and
/// mental health among adults under 65: they are one group.
enum class ClientGroup : int { older_people_65_plus = 0, adults_18_64 };
inline constexpr int client_group_count = 2;
inline constexpr const char* client_group_names[client_group_count] = {"older_people_65_plus", "adults_18_64"};
/// True for the lines split by client group.
constexpr bool is_client_group_line(BudgetLine line) {
    return line == BudgetLine::residential_care || line == BudgetLine::nursing_care || line == BudgetLine::home_care ||
           line == BudgetLine::direct_payments || line == BudgetLine::reablement;
}

/// Services of the market position, in the order of the output's service dimension.
enum class MarketService : int {
    residential_beds = 0,
    nursing_beds,
    home_care_hours_per_week,
    reablement_episodes_per_year,
    special_school_places,
    extra_care_units
};
inline constexpr int market_service_count = 6;
inline constexpr const char* market_service_names[market_service_count] = {
    "residential_beds",      "nursing_beds",    "home_care_hours_per_week", "reablement_episodes_per_year",
    "special_school_places", "extra_care_units"};

inline constexpr std::int32_t basis_points = 10000;  // 100%

struct YearBp {
    std::int32_t financial_year = 0;  // start year: 2020 = 2020/21
    std::int32_t bp = 0;
};

struct YearPence {
    std::int32_t financial_year = 0;
    std::int64_t pence = 0;
};

/// Scalar money parameters a schedule may change by year (Money.schedule).
enum class MoneyParameter : int {
    residential_funded_share_bp = 0,
    nursing_funded_share_bp,
    home_care_funded_share_bp,
    reablement_funded_share_bp,
    ehc_plan_funded_share_bp,
    carers_supported_share_bp,
    direct_payment_share_bp,
    home_care_hours_per_week
};
inline constexpr int money_parameter_count = 8;
inline constexpr const char* money_parameter_names[money_parameter_count] = {
    "residential_funded_share_bp", "nursing_funded_share_bp",  "home_care_funded_share_bp",
    "reablement_funded_share_bp",  "ehc_plan_funded_share_bp", "carers_supported_share_bp",
    "direct_payment_share_bp",     "home_care_hours_per_week"};

/// A parameter's value from `from_year` (step) or reached linearly by `full_year`, in its internal unit
/// (basis points; hundredths of an hour a week for home_care_hours_per_week).
struct ScheduleConfig {
    MoneyParameter parameter = MoneyParameter::residential_funded_share_bp;
    std::int32_t from_year = 0;
    std::int32_t full_year = 0;
    std::int64_t value = 0;
};

/// Names of the unit costs' prices in money.schedule, by budget line ("" for interventions, unpriced).
inline constexpr const char* unit_cost_schedule_names[budget_line_count] = {"residential_care.pence",
                                                                            "nursing_care.pence",
                                                                            "home_care.pence",
                                                                            "direct_payment.pence",
                                                                            "reablement.pence",
                                                                            "carer_support.pence",
                                                                            "",
                                                                            "ehc_plan.pence"};
/// Names of the unit costs' uplifts in uncertainty.money, by budget line ("" for interventions).
inline constexpr const char* unit_cost_uplift_names[budget_line_count] = {"residential_care.uplift_bp",
                                                                          "nursing_care.uplift_bp",
                                                                          "home_care.uplift_bp",
                                                                          "direct_payment.uplift_bp",
                                                                          "reablement.uplift_bp",
                                                                          "carer_support.uplift_bp",
                                                                          "",
                                                                          "ehc_plan.uplift_bp"};

/// The schema's default council-funded share of each budget line (Money's *_funded_share_bp; 100% for
/// lines without one).
std::array<std::int32_t, budget_line_count> default_funded_shares_bp();
/// The schema's default unit price of each budget line in pence (Money's UnitCost fields; 0 for
/// interventions, which have no unit price).
std::array<std::int64_t, budget_line_count> default_prices_pence();
/// home_care.home_care_hours_per_week's default, in hundredths of an hour a week.
std::int64_t default_home_care_centihours();

/// A unit price in pence in `price_year` and its uplifts (the price path is in finance/prices.hpp).
struct UnitPrice {
    std::int64_t pence = 0;
    std::int32_t price_year = 0;
    std::int32_t uplift_bp = 0;          // every year without an override
    std::vector<YearBp> uplift_by_year;  // overrides, sorted by year, one per year
    // money.schedule entries of this price (value in pence), sorted by from_year: the price in cash in
    // full_year (ramping from the year before from_year), later years uplifted from it.
    std::vector<ScheduleConfig> schedules;
};

struct EnvelopeConfig {
    std::int64_t base_pence = 0;     // in the run's first financial year
    std::int32_t growth_bp = 0;      // each year over the year before
    std::vector<YearPence> by_year;  // set values, sorted by year, one per year
};

/// A recurring saving from `financial_year` on; line -1 means "total", spread over the ASC lines by
/// envelope shares.
struct SavingConfig {
    std::int32_t financial_year = 0;
    int line = -1;
    std::int64_t pence = 0;
    std::string name;
};

/// The general deflator of real terms: yearly rises of the price level.
struct DeflatorConfig {
    std::string source = schema_default_text<Deflator>(Deflator::kSourceFieldNumber);
    std::int32_t rate_bp = schema_default<Deflator, std::int32_t>(Deflator::kRateBpFieldNumber);
    std::vector<YearBp> by_year;  // overrides, sorted by year
};

/// The cash cost of an intervention from `first_year` to `last_year`, uplifted each later year.
struct InterventionCostConfig {
    std::string name;
    std::int32_t first_year = 0;
    std::int32_t last_year = 0;
    std::int64_t pence = 0;  // in first_year
    std::int32_t uplift_bp = 0;
};

/// A money assumption drawn per replicate (uncertainty.money): a shift of the parameter in every year,
/// normal with 95% interval [lower95, upper95], rounded to a whole basis point.
struct MoneyDrawConfig {
    std::string name;       // keys the random stream
    std::string parameter;  // as written: "home_care.uplift_bp", "deflator.rate_bp", "residential_funded_share_bp"
    int uplift_line = -1;   // BudgetLine whose uplifts shift, or -1
    bool deflator = false;  // the deflator's rates shift
    int share = -1;         // MoneyParameter (a share) that shifts, or -1
    double lower95 = 0;
    double upper95 = 0;
    std::string source;
};

struct MoneyConfig {
    bool enabled = false;
    std::int32_t first_year = 0;                      // run.base_year: first financial year (base_year/base_year+1)
    std::int32_t last_year = 0;                       // run.horizon_year - 1: last financial year
    std::int32_t price_base_year = 0;                 // financial year of "base-year prices"
    std::array<bool, budget_line_count> costed{};     // the line's cohort section is in the scenario
    std::array<UnitPrice, budget_line_count> prices;  // per week, hour, episode or year (see finance.proto)
    // Council-funded shares; direct_payments and carer_support use the two shares below instead.
    // Lines without a share of their own (direct payments, carer support, interventions) are paid in full.
    std::array<std::int32_t, budget_line_count> funded_share_bp = default_funded_shares_bp();
    std::int32_t carers_supported_share_bp =
        schema_default<Money, std::int32_t>(Money::kCarersSupportedShareBpFieldNumber);
    // Interventions on rate CARERS_SUPPORTED ("more carers supported"), applied by
    // finance::carers_supported_share_bp; set by resolve_model_config.
    std::vector<InterventionConfig> carer_support_changes;
    std::int32_t direct_payment_share_bp = schema_default<Money, std::int32_t>(Money::kDirectPaymentShareBpFieldNumber);
    std::int64_t home_care_centihours_per_week = default_home_care_centihours();  // home_care_hours_per_week x 100
    std::array<EnvelopeConfig, budget_line_count> envelopes;
    std::vector<SavingConfig> savings;
    DeflatorConfig deflator;
    std::vector<InterventionCostConfig> intervention_costs;
    std::vector<ScheduleConfig> schedules;  // sorted by from_year
    std::vector<MoneyDrawConfig> draws;     // uncertainty.money, in the order written
    // A replicate's drawn shifts of the shares (finance::money_for_replicate), added after the schedules;
    // zero in the scenario's own config.
    std::array<std::int32_t, money_parameter_count> share_shift_bp{};
};

struct CapacityConfig {
    bool given = false;                                          // the service is in the market position
    std::int64_t base = 0;                                       // in the run's first financial year
    std::vector<std::pair<std::int32_t, std::int64_t>> changes;  // (financial year, amount), sorted by year
};

struct MarketConfig {
    bool enabled = false;
    std::int32_t first_year = 0;
    std::array<CapacityConfig, market_service_count> capacity;
    std::int32_t special_school_share_bp =
        schema_default<Market, std::int32_t>(Market::kSpecialSchoolShareBpFieldNumber);
    std::int64_t home_care_centihours_per_week = default_home_care_centihours();
    std::vector<ScheduleConfig> hours_schedules;  // the money's home_care_hours_per_week schedules
};

struct FinanceConfig {
    MoneyConfig money;
    MarketConfig market;
};

/// Resolves the `money` and `market` sections; every problem goes to `diagnostics` at the field's
/// position. `base_year` and `horizon_year` are the run's: financial years base_year .. horizon_year - 1.
FinanceConfig resolve_finance_config(const ScenarioFile& file, std::int32_t base_year, std::int32_t horizon_year,
                                     const CohortConfig& cohorts, Diagnostics& diagnostics);

/// The cohort section a budget line or market service needs, e.g. "care_homes"; "" for none.
std::string section_for(BudgetLine line);
std::string section_for(MarketService service);

}  // namespace carecast
