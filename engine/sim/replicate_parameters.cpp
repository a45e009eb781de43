#include "sim/replicate_parameters.hpp"

#include <cmath>
#include <numbers>

namespace carecast {
namespace {

/// z for a two-sided 95% interval.
constexpr double z95 = 1.959963984540054;

/// Start ages of the dementia prevalence bands, by sex: an age whose (prevalence, lower, upper)
/// differs from the previous age's starts a band (the CFAS II table has one row per band).
std::vector<std::pair<int, int>> prevalence_bands(const CohortInputs& in) {
    std::vector<std::pair<int, int>> bands;
    const auto& p = in.dementia_prevalence;
    if (p.empty() || in.dementia_prevalence_lower95.empty()) return bands;
    for (int sex = 0; sex < sex_count; ++sex)
        for (int age = 0; age <= p.max_age; ++age) {
            if (p.at(sex, age) <= 0) continue;
            const bool same_as_before =
                age > 0 && p.at(sex, age - 1) == p.at(sex, age) &&
                in.dementia_prevalence_lower95.at(sex, age - 1) == in.dementia_prevalence_lower95.at(sex, age) &&
                in.dementia_prevalence_upper95.at(sex, age - 1) == in.dementia_prevalence_upper95.at(sex, age);
            if (!same_as_before) bands.emplace_back(sex, age);
        }
    return bands;
}

/// Stable key of a parameter's stream: FNV-1a of its name.
std::uint64_t name_key(const std::string& name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char ch : name) {
        h ^= ch;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string band_name(int sex, int age) {
    return std::string("dementia_prevalence_") + (sex == static_cast<int>(Sex::male) ? "M_" : "F_") +
           std::to_string(age);
}

/// Log-normal multiplier of the point value `mid` with 95% interval [lo, hi] (lo > 0): median mid.
double lognormal_multiplier(double z, double lo, double hi) {
    return std::exp(z * (std::log(hi) - std::log(lo)) / (2 * z95));
}

std::string format_shift(double bp) {
    const auto whole = static_cast<long long>(std::llround(bp));
    return static_cast<double>(whole) == bp ? std::to_string(whole) : std::to_string(bp);
}

}  // namespace

double standard_normal(DrawStream& stream) {
    const double u1 = 1.0 - stream.uniform();  // (0, 1]
    const double u2 = stream.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::vector<DrawnParameter> drawn_parameters(const Model& model) {
    std::vector<DrawnParameter> out;
    if (model.uncertainty.dementia_prevalence && model.cohort_inputs)
        for (const auto& [sex, age] : prevalence_bands(*model.cohort_inputs))
            out.push_back({band_name(sex, age),
                           "multiplier of the CFAS II dementia prevalence of the band starting at age " +
                               std::to_string(age) + (sex == static_cast<int>(Sex::male) ? ", men" : ", women") +
                               " (log-normal from the 95% CI)"});
    for (const auto& r : model.uncertainty.rates)
        out.push_back({r.name, "multiplier of " + rate_name(r.rate) + " (log-normal, 95% interval " +
                                   std::to_string(r.lower95) + " to " + std::to_string(r.upper95) +
                                   (r.source.empty() ? "" : "; " + r.source) + ")"});
    return out;
}

std::vector<double> draw_parameter_values(const Model& model, std::uint64_t seed, std::uint32_t replicate) {
    std::vector<double> values;
    const StreamKey key{seed, replicate, RandomModule::parameters};
    auto z_for = [&](const std::string& name) {
        DrawStream stream(key, name_key(name), 0, RandomEvent::decisions);
        return standard_normal(stream);
    };
    if (model.uncertainty.dementia_prevalence && model.cohort_inputs) {
        const auto& in = *model.cohort_inputs;
        for (const auto& [sex, age] : prevalence_bands(in)) {
            const double mid = in.dementia_prevalence.at(sex, age);
            const double lo = in.dementia_prevalence_lower95.at(sex, age);
            const double hi = in.dementia_prevalence_upper95.at(sex, age);
            const double z = z_for(band_name(sex, age));
            // Log-normal when the interval allows it; otherwise normal, kept at or above zero.
            values.push_back(lo > 0 && hi > lo ? lognormal_multiplier(z, lo, hi)
                                               : std::max(0.0, 1.0 + z * (hi - lo) / (2 * z95) / mid));
        }
    }
    for (const auto& r : model.uncertainty.rates)
        values.push_back(std::sqrt(r.lower95 * r.upper95) * lognormal_multiplier(z_for(r.name), r.lower95, r.upper95));
    return values;
}

std::vector<double> draw_money_shifts(const MoneyConfig& money, std::uint64_t seed, std::uint32_t replicate) {
    std::vector<double> shifts;
    const StreamKey key{seed, replicate, RandomModule::parameters};
    for (const auto& d : money.draws) {
        DrawStream stream(key, name_key("money." + d.name), 0, RandomEvent::decisions);
        const double z = standard_normal(stream);
        shifts.push_back(std::round((d.lower95 + d.upper95) / 2 + z * (d.upper95 - d.lower95) / (2 * z95)));
    }
    return shifts;
}

Model model_for_replicate(const Model& model, const std::vector<double>& values) {
    Model out = model;
    std::size_t next = 0;
    if (model.uncertainty.dementia_prevalence && model.cohort_inputs) {
        CohortInputs inputs = *model.cohort_inputs;
        auto& table = inputs.dementia_prevalence;
        const auto bands = prevalence_bands(*model.cohort_inputs);
        for (std::size_t b = 0; b < bands.size(); ++b) {
            const auto [sex, start] = bands[b];
            const int end = b + 1 < bands.size() && bands[b + 1].first == sex ? bands[b + 1].second : table.max_age + 1;
            for (int age = start; age < end; ++age) {
                auto& v = table.values[static_cast<std::size_t>(sex) * static_cast<std::size_t>(table.max_age + 1) +
                                       static_cast<std::size_t>(age)];
                v = std::min(v * values[next], 1.0);
            }
            ++next;
        }
        out.cohorts = build_cohort_rates(inputs, model.cohorts.config, model.demography);
    }
    for (const auto& r : model.uncertainty.rates) {
        InterventionConfig change;
        change.name = r.name;
        change.rate = r.rate;
        change.start_year = change.full_effect_year = model.demography.base_year;
        change.full_multiplier = values[next++];
        out.interventions.push_back(change);
    }
    return out;
}

std::string uncertainty_sources(const Model& model) {
    std::string out = "Monte-Carlo (replicates)";
    if (model.uncertainty.dementia_prevalence)
        out +=
            "; parameters drawn per replicate: dementia prevalence by band and sex (CFAS II 95% confidence "
            "intervals, log-normal, independent between bands)";
    for (const auto& r : model.uncertainty.rates)
        out += std::string(model.uncertainty.dementia_prevalence ? ", " : "; parameters drawn per replicate: ") +
               rate_name(r.rate) + " multiplier in [" + std::to_string(r.lower95) + ", " + std::to_string(r.upper95) +
               "] (95%, log-normal" + (r.source.empty() ? "" : ", " + r.source) + ")";
    const auto& money = model.finance.money;
    if (!money.enabled) return out;
    if (money.draws.empty())
        return out +
               "; money assumptions are not drawn (fee uplifts, funded shares and the deflator are fixed at the "
               "scenario's values: money intervals do not include their uncertainty)";
    out += "; money assumptions drawn per replicate: ";
    for (std::size_t i = 0; i < money.draws.size(); ++i) {
        const auto& d = money.draws[i];
        out += (i ? ", " : "") + d.parameter + " shifted within [" + format_shift(d.lower95) + ", " +
               format_shift(d.upper95) + "] bp (95%, normal; " + d.source + ")";
    }
    return out;
}

}  // namespace carecast
