#include "scenario/plausibility.hpp"

#include <google/protobuf/util/message_differencer.h>

namespace carecast {
namespace {

std::string shown(double value) {
    auto text = std::to_string(value);
    while (text.size() > 1 && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

void check_multiplier(const ScenarioFile& file, Diagnostics& diagnostics, const std::string& path, double value) {
    if (value >= plausible_multiplier_low && value <= plausible_multiplier_high) return;
    std::string hint;
    if (value > plausible_multiplier_high)
        hint = "; a multiplier multiplies the rate (1.15 is +15%, 0.85 is -15%): did you mean " +
               shown(1.0 + value / 100.0) + " or " + shown(1.0 - value / 100.0) + "?";
    else
        hint = "; a multiplier of " + shown(value) + " removes " + shown((1.0 - value) * 100.0) +
               "% of the rate: did you mean " + shown(1.0 - value) + "?";
    file.warning_at(diagnostics, path,
                    "multiplier " + shown(value) + " is outside the plausible range " +
                        shown(plausible_multiplier_low) + ".." + shown(plausible_multiplier_high) + hint);
}

}  // namespace

void check_plausibility(const ScenarioFile& file, const ModelConfig& config, Diagnostics& diagnostics) {
    const auto& s = file.scenario;
    (void)config;
    for (int i = 0; i < s.interventions_size(); ++i)
        if (s.interventions(i).has_multiplier())
            check_multiplier(file, diagnostics, "interventions[" + std::to_string(i) + "].multiplier",
                             s.interventions(i).multiplier());
    for (int i = 0; i < s.uncertainty().rates_size(); ++i) {
        const auto& r = s.uncertainty().rates(i);
        const auto at = "uncertainty.rates[" + std::to_string(i) + "]";
        check_multiplier(file, diagnostics, at + ".lower95", r.lower95());
        check_multiplier(file, diagnostics, at + ".upper95", r.upper95());
    }
    if (file.parent) {
        Scenario mine = s;
        Scenario parent = file.parent->scenario;
        for (auto* m : {&mine, &parent}) {
            m->clear_name();
            m->clear_description();
            m->clear_extends();
            m->clear_list_edits();
        }
        if (google::protobuf::util::MessageDifferencer::Equals(mine, parent))
            file.warning_at(diagnostics, "extends",
                            "this what-if changes nothing: it resolves to the same scenario as '" +
                                file.parent->path.filename().string() +
                                "' (only name and description differ), so it will give the parent's results");
    }
}

}  // namespace carecast
