#include "scenario/intervention_config.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "core/text.hpp"
#include "scenario/field_checks.hpp"

namespace carecast {
namespace {

const google::protobuf::FieldDescriptor& intervention_field(int number) {
    return schema_field(*Intervention::descriptor(), number);
}

/// Checks the parts every rate reference shares: a known rate whose section is simulated.
bool check_rate(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& at, Rate rate,
                const CohortConfig& cohorts) {
    if (rate == RATE_UNSPECIFIED) {
        file.error_at(diagnostics, at + ".rate",
                      "is required: the rate to change (see docs/scenario_reference.md, enum Rate)");
        return false;
    }
    if (!Rate_IsValid(rate)) {
        file.error_at(diagnostics, at + ".rate",
                      std::to_string(static_cast<int>(rate)) + " is not a rate (see enum Rate)");
        return false;
    }
    const RateSection section = rate_info(rate).section;
    if (!section_simulated(section, cohorts)) {
        file.error_at(
            diagnostics, at + ".rate",
            rate_name(rate) + " cannot change: this scenario does not simulate `" + section_name(section) + "`");
        return false;
    }
    return true;
}

void check_name(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& at, const std::string& name,
                std::set<std::string>& seen) {
    if (!is_plain_name(name))
        file.error_at(diagnostics, at + ".name", "is required: letters, digits, '_' and '-' only");
    else if (!seen.insert(name).second)
        file.error_at(diagnostics, at + ".name", "'" + name + "' is used twice; names must be unique");
}

InterventionConfig resolve_one(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& at,
                               const Intervention& in, const CohortConfig& cohorts, int base_year, int horizon_year,
                               int max_age) {
    InterventionConfig out;
    out.name = in.name();
    out.description = in.description();
    out.rate = in.rate();
    out.max_age = max_age;
    const bool rate_ok = check_rate(file, diagnostics, at, in.rate(), cohorts);
    if (!in.has_start_year()) {
        file.error_at(diagnostics, at + ".start_year", "is required: the first year (mid-year) the change acts");
    } else {
        out.start_year = in.start_year();
        check_relation(file, diagnostics, at + ".start_year", intervention_field(Intervention::kStartYearFieldNumber),
                       out.start_year, base_year, horizon_year - 1,
                       "start_year (a year of the run before the horizon)");
    }
    out.full_effect_year = in.has_full_effect_year() ? in.full_effect_year() : out.start_year;
    const auto& full_effect_year = intervention_field(Intervention::kFullEffectYearFieldNumber);
    if (in.has_full_effect_year())
        check_relation(file, diagnostics, at + ".full_effect_year", full_effect_year, out.full_effect_year,
                       out.start_year, static_cast<int>(schema_max(full_effect_year)),
                       "full_effect_year (from start_year on)");
    if (in.has_multiplier() == in.has_target_level()) {
        file.error_at(diagnostics, at, "give exactly one of `multiplier` and `target_level`");
        return out;
    }
    const bool table = is_table_rate(in.rate());
    if (!table && (in.has_min_age() || in.has_max_age()))
        file.error_at(diagnostics, at + (in.has_min_age() ? ".min_age" : ".max_age"),
                      "applies to table rates only; " + rate_name(in.rate()) + " is a single parameter");
    if (table) {
        if (in.has_min_age()) out.min_age = in.min_age();
        if (in.has_max_age()) out.max_age = in.max_age();
        check_relation(file, diagnostics, at + ".min_age", intervention_field(Intervention::kMinAgeFieldNumber),
                       out.min_age, 0, max_age, "min_age");
        check_relation(file, diagnostics, at + ".max_age", intervention_field(Intervention::kMaxAgeFieldNumber),
                       out.max_age, out.min_age, max_age, "max_age (at least min_age)");
    }
    if (in.has_multiplier()) {
        if (in.has_baseline_level())
            file.error_at(diagnostics, at + ".baseline_level", "goes with target_level, not with multiplier");
        out.full_multiplier = in.multiplier();
        return out;
    }
    if (!rate_ok) return out;
    if (rate_info(in.rate()).shape == RateShape::multiplier_only) {
        file.error_at(diagnostics, at + ".target_level",
                      rate_name(in.rate()) + " takes a `multiplier`, not a target level");
        return out;
    }
    if (table) {
        if (!in.has_baseline_level()) {
            file.error_at(diagnostics, at + ".baseline_level",
                          "is required with target_level for a table rate: the level the baseline gives, in the "
                          "unit of target_level (e.g. 762.7 admissions per 100,000 aged 65+)");
            return out;
        }
        const auto& target = intervention_field(Intervention::kTargetLevelFieldNumber);
        const auto& multiplier = intervention_field(Intervention::kMultiplierFieldNumber);
        if (in.baseline_level() > 0) out.full_multiplier = in.target_level() / in.baseline_level();
        // The multiplier the two levels give is in the range of `multiplier`.
        if (within_schema_range(target, in.target_level()) && !within_schema_range(multiplier, out.full_multiplier))
            file.error_at(diagnostics, at + ".target_level",
                          out_of_schema_range(multiplier, out.full_multiplier, "target_level / baseline_level"));
        return out;
    }
    const auto scalar = scalar_rate(in.rate(), cohorts);
    if (in.has_baseline_level())
        file.error_at(diagnostics, at + ".baseline_level",
                      std::string("is for table rates; the baseline of ") + rate_name(in.rate()) + " is " +
                          scalar->field + " = " + format_number(scalar->value));
    // A scalar rate's target is a value of its parameter, in the parameter's range.
    const auto& parameter = *schema_field_at(*Scenario::descriptor(), scalar->field);
    if (within_schema_range(intervention_field(Intervention::kTargetLevelFieldNumber), in.target_level())) {
        if (!within_schema_range(parameter, in.target_level()))
            file.error_at(
                diagnostics, at + ".target_level",
                out_of_schema_range(parameter, in.target_level(), std::string("a value of ") + scalar->field));
        else if (in.target_level() > scalar->hi)
            file.error_at(diagnostics, at + ".target_level",
                          "value " + format_number(in.target_level()) + " is out of range: a value of " +
                              scalar->field + " must be in [" + format_number(schema_min(parameter)) + ", " +
                              format_number(scalar->hi) + "] (" + scalar->hi_reason + ")");
    }
    if (scalar->value == 0.0) {
        file.error_at(diagnostics, at + ".target_level",
                      std::string("cannot be reached from ") + scalar->field + " = 0 by a multiplier; set " +
                          scalar->field + " in the scenario instead");
        return out;
    }
    out.full_multiplier = in.target_level() / scalar->value;
    return out;
}

}  // namespace

double InterventionConfig::ramp_fraction(int year) const {
    if (year < start_year) return 0.0;
    if (year >= full_effect_year) return 1.0;
    return static_cast<double>(year - start_year + 1) / static_cast<double>(full_effect_year - start_year + 1);
}

double InterventionConfig::multiplier_in(int year) const {
    return 1.0 + (full_multiplier - 1.0) * ramp_fraction(year);
}

double combined_multiplier(const std::vector<InterventionConfig>& interventions, Rate rate, int year, int age) {
    double m = 1.0;
    for (const auto& i : interventions)
        if (i.rate == rate && i.applies_to_age(age)) m *= i.multiplier_in(year);
    return m;
}

std::string rate_name(Rate rate) {
    std::string name = Rate_Name(rate);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return name;
}

std::vector<InterventionConfig> resolve_interventions(const ScenarioFile& file, const CohortConfig& cohorts,
                                                      int base_year, int horizon_year, int max_age,
                                                      Diagnostics& diagnostics) {
    std::vector<InterventionConfig> out;
    std::set<std::string> names;
    int growth_interventions = 0;
    for (int k = 0; k < file.scenario.interventions_size(); ++k) {
        const auto at = "interventions[" + std::to_string(k) + "]";
        const auto& in = file.scenario.interventions(k);
        check_name(file, diagnostics, at, in.name(), names);
        if (in.rate() == EHC_PLAN_GROWTH && ++growth_interventions > 1)
            file.error_at(diagnostics, at + ".rate", "ehc_plan_growth may be changed by one intervention only");
        out.push_back(resolve_one(file, diagnostics, at, in, cohorts, base_year, horizon_year, max_age));
    }
    return out;
}

UncertaintyConfig resolve_uncertainty(const ScenarioFile& file, const CohortConfig& cohorts, Diagnostics& diagnostics) {
    UncertaintyConfig out;
    const auto& in = file.scenario.uncertainty();
    out.dementia_prevalence = in.dementia_prevalence();
    if (out.dementia_prevalence && !cohorts.dementia.enabled)
        file.error_at(diagnostics, "uncertainty.dementia_prevalence", "needs the `dementia` section");
    std::set<std::string> names;
    for (int k = 0; k < in.rates_size(); ++k) {
        const auto at = "uncertainty.rates[" + std::to_string(k) + "]";
        const auto& r = in.rates(k);
        check_name(file, diagnostics, at, r.name(), names);
        check_rate(file, diagnostics, at, r.rate(), cohorts);
        RateUncertaintyConfig c{r.name(), r.rate(), r.lower95(), r.upper95(), r.source()};
        if (!r.has_lower95() || !r.has_upper95()) {
            file.error_at(diagnostics, at, "needs lower95 and upper95: the 95% interval of the multiplier");
        } else if (!(c.lower95 < c.upper95)) {
            file.error_at(diagnostics, at + ".lower95",
                          "the interval [" + format_number(c.lower95) + ", " + format_number(c.upper95) +
                              "] must satisfy lower95 < upper95");
        }
        out.rates.push_back(std::move(c));
    }
    return out;
}

}  // namespace carecast
