#include "scenario/parameter_schedules.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scenario/field_checks.hpp"
#include "scenario/finance_config.hpp"
#include "scenario/suggestions.hpp"

namespace carecast {
namespace {

/// A schedulable parameter: its path, and the section that must be simulated. Its range is its field's
/// in the schema (schema_rules.hpp).
struct ParameterInfo {
    const char* name;
    const char* section;
};

// Never reorder: the index is stored in ParameterSchedule. New parameters go at the end.
constexpr ParameterInfo parameters[] = {
    {"dementia.annual_diagnosis_probability", "dementia"},
    {"carers.annual_stop_probability", "carers"},
    {"carers.partner_becomes_carer_probability", "carers"},
    {"send.ehc_growth", "send"},
    {"send.ehc_exit_16_25", "send"},
    {"send.adult_learning_disability_share", "send"},
    {"send.sen_support_exit", "send"},
    {"care_homes.relative_risk_dementia", "care_homes"},
    {"care_homes.relative_risk_no_carer", "care_homes"},
    {"care_homes.relative_risk_lost_carer", "care_homes"},
    {"care_homes.relative_risk_fall", "care_homes"},
    {"care_homes.nursing_share", "care_homes"},
    {"care_homes.residential_hazard_first_year", "care_homes"},
    {"care_homes.residential_hazard_later", "care_homes"},
    {"care_homes.nursing_hazard_first_year", "care_homes"},
    {"care_homes.nursing_hazard_later", "care_homes"},
    {"care_homes.discharge_share", "care_homes"},
    {"home_care.reablement_after_fall", "home_care"},
    {"home_care.no_ongoing_care_share", "home_care"},
    {"home_care.reduced_care_share", "home_care"},
    {"home_care.home_care_stop_probability", "home_care"},
};
constexpr int parameter_count = static_cast<int>(std::size(parameters));
constexpr int no_ongoing_index = 18;
constexpr int reduced_index = 19;

bool section_enabled(const CohortConfig& c, const std::string& section) {
    if (section == "dementia") return c.dementia.enabled;
    if (section == "carers") return c.carers.enabled;
    if (section == "send") return c.send.enabled;
    if (section == "care_homes") return c.care_homes.enabled;
    if (section == "home_care") return c.home_care.enabled;
    return false;
}

std::vector<std::string> money_schedule_names() {
    std::vector<std::string> names(money_parameter_names, money_parameter_names + money_parameter_count);
    for (const auto* n : unit_cost_schedule_names)
        if (*n) names.emplace_back(n);
    return names;
}

}  // namespace

const std::vector<std::string>& model_parameter_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& p : parameters) out.emplace_back(p.name);
        return out;
    }();
    return names;
}

double& parameter_value(CohortConfig& c, int parameter) {
    switch (parameter) {
        case 0:
            return c.dementia.annual_diagnosis_probability;
        case 1:
            return c.carers.annual_stop_probability;
        case 2:
            return c.carers.partner_becomes_carer_probability;
        case 3:
            return c.send.ehc_growth;
        case 4:
            return c.send.ehc_exit_16_25;
        case 5:
            return c.send.adult_learning_disability_share;
        case 6:
            return c.send.sen_support_exit;
        case 7:
            return c.care_homes.rr_dementia;
        case 8:
            return c.care_homes.rr_no_carer;
        case 9:
            return c.care_homes.rr_lost_carer;
        case 10:
            return c.care_homes.rr_fall;
        case 11:
            return c.care_homes.nursing_share;
        case 12:
            return c.care_homes.residential_hazard_first_year;
        case 13:
            return c.care_homes.residential_hazard_later;
        case 14:
            return c.care_homes.nursing_hazard_first_year;
        case 15:
            return c.care_homes.nursing_hazard_later;
        case 16:
            return c.care_homes.discharge_share;
        case 17:
            return c.home_care.reablement_after_fall;
        case 18:
            return c.home_care.no_ongoing_care_share;
        case 19:
            return c.home_care.reduced_care_share;
        case 20:
            return c.home_care.home_care_stop_probability;
        default:
            throw std::logic_error("parameter_value: unknown parameter " + std::to_string(parameter));
    }
}

double parameter_value(const CohortConfig& config, int parameter) {
    return parameter_value(const_cast<CohortConfig&>(config), parameter);
}

double scheduled_value(double base, const std::vector<ParameterSchedule>& schedules, int parameter, int year) {
    std::vector<const ParameterSchedule*> mine;
    for (const auto& s : schedules)
        if (s.parameter == parameter) mine.push_back(&s);
    // The value of the first n schedules in year y, the nth ramping from the value the year before it.
    const auto value_of = [&](auto&& self, std::size_t n, int y) -> double {
        if (n == 0) return base;
        const auto& s = *mine[n - 1];
        if (y < s.from_year) return self(self, n - 1, y);
        if (y >= s.full_year) return s.value;
        const double before = self(self, n - 1, s.from_year - 1);
        return before + (s.value - before) * static_cast<double>(y - s.from_year + 1) /
                            static_cast<double>(s.full_year - s.from_year + 1);
    };
    return value_of(value_of, mine.size(), year);
}

bool schedules_change(const CohortConfig& config, const std::vector<ParameterSchedule>& schedules, int year) {
    return std::any_of(schedules.begin(), schedules.end(), [&](const ParameterSchedule& s) {
        const double base = parameter_value(config, s.parameter);
        return scheduled_value(base, schedules, s.parameter, year) != base;
    });
}

void apply_schedules(CohortConfig& config, const std::vector<ParameterSchedule>& schedules, int year) {
    const CohortConfig before = config;
    for (const auto& s : schedules)
        parameter_value(config, s.parameter) =
            scheduled_value(parameter_value(before, s.parameter), schedules, s.parameter, year);
}

std::vector<ParameterSchedule> resolve_parameter_schedules(const ScenarioFile& file, const CohortConfig& cohorts,
                                                           int base_year, int horizon_year, Diagnostics& diagnostics) {
    std::vector<ParameterSchedule> out;
    const auto& names = model_parameter_names();
    const auto& list = file.scenario.schedules();
    for (int i = 0; i < list.size(); ++i) {
        const auto& s = list.Get(i);
        const auto at = "schedules[" + std::to_string(i) + "]";
        const auto found = std::find(names.begin(), names.end(), s.parameter());
        const int parameter = found == names.end() ? -1 : static_cast<int>(found - names.begin());
        const auto money_names = money_schedule_names();
        if (parameter < 0 && std::find(money_names.begin(), money_names.end(), s.parameter()) != money_names.end()) {
            file.error_at(diagnostics, at + ".parameter",
                          "'" + s.parameter() + "' is a money parameter: schedule it in money.schedule");
        } else if (parameter < 0) {
            file.error_at(
                diagnostics, at + ".parameter",
                (s.parameter().empty() ? std::string("is required") : "unknown parameter '" + s.parameter() + "'") +
                    did_you_mean(s.parameter(), names) + "; one of " + join_words(names) +
                    " (money parameters go in money.schedule)");
        } else if (!section_enabled(cohorts, parameters[parameter].section)) {
            file.error_at(diagnostics, at + ".parameter",
                          s.parameter() + " cannot be scheduled: this scenario does not simulate `" +
                              parameters[parameter].section + "`");
        }
        bool year_ok = s.has_from_year();
        if (!year_ok)
            file.error_at(diagnostics, at + ".from_year", "is required: the first year (from mid-year) the value acts");
        else if (s.from_year() < base_year || s.from_year() > horizon_year - 1) {
            // A year outside the schema's range is reported by check_schema_ranges.
            if (within_schema_range(schema_field(*Schedule::descriptor(), Schedule::kFromYearFieldNumber),
                                    s.from_year()))
                file.error_at(diagnostics, at + ".from_year",
                              "year " + std::to_string(s.from_year()) + " is outside " + std::to_string(base_year) +
                                  ".." + std::to_string(horizon_year - 1) +
                                  ": a schedule acts only in the run's years (run.base_year .. run.horizon_year - 1)");
            year_ok = false;
        }
        const int full = s.has_full_year() ? s.full_year() : s.from_year();
        const auto& full_year = schema_field(*Schedule::descriptor(), Schedule::kFullYearFieldNumber);
        if (s.has_full_year() && year_ok)
            check_relation(file, diagnostics, at + ".full_year", full_year, full, s.from_year(),
                           static_cast<int>(schema_max(full_year)),
                           "the year the value is reached (from from_year on)");
        if (!s.has_value()) {
            file.error_at(diagnostics, at + ".value",
                          "is required: the value from full_year on, in the parameter's unit");
            continue;
        }
        if (parameter < 0) continue;
        const auto& info = parameters[parameter];
        const auto& field = *schema_field_at(*Scenario::descriptor(), info.name);
        if (!within_schema_range(field, s.value()))
            file.error_at(diagnostics, at + ".value",
                          out_of_schema_range(field, s.value(), std::string("a value of ") + info.name));
        if (year_ok) out.push_back({parameter, s.from_year(), full, s.value()});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.from_year < b.from_year; });
    // Reablement outcomes: the two shares may never add up to more than 1 in any year.
    for (int year = base_year; year < horizon_year && !out.empty(); ++year) {
        const double no_ongoing = scheduled_value(cohorts.home_care.no_ongoing_care_share, out, no_ongoing_index, year);
        const double reduced = scheduled_value(cohorts.home_care.reduced_care_share, out, reduced_index, year);
        if (no_ongoing + reduced > 1 + 1e-12) {
            file.error_at(diagnostics, "schedules",
                          "in " + std::to_string(year) + " home_care.no_ongoing_care_share (" +
                              format_number(no_ongoing) + ") plus home_care.reduced_care_share (" +
                              format_number(reduced) +
                              ") is above 1: the two shares of reablement outcomes must sum to at most 1");
            break;
        }
    }
    return out;
}

std::vector<std::string> describe_parameter_schedules(const CohortConfig& config,
                                                      const std::vector<ParameterSchedule>& schedules, int last_year) {
    std::vector<std::string> lines;
    for (int p = 0; p < parameter_count; ++p) {
        std::vector<const ParameterSchedule*> mine;
        for (const auto& s : schedules)
            if (s.parameter == p) mine.push_back(&s);
        if (mine.empty()) continue;
        const double base = parameter_value(config, p);
        std::string line = std::string(parameters[p].name) + ": " + format_number(base);
        double previous = base;
        const int first = mine.front()->from_year;
        for (int y = first; y <= last_year; ++y) {
            const double v = scheduled_value(base, schedules, p, y);
            if (v != previous) line += "; " + std::to_string(y) + " " + format_number(v);
            previous = v;
        }
        lines.push_back(line + " (scheduled; years from mid-year, as financial years)");
    }
    return lines;
}

}  // namespace carecast
