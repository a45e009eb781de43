#include "report/run_information.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "report/dataset_query.hpp"

namespace carecast::report {

namespace {

/// What the intervals include: the run's own statement (which names the money draws, or says money is
/// not drawn), or for files written before it did, a note that money assumptions are not drawn.
std::string uncertainty_text(const output::Dataset& dataset) {
    auto text = global_attribute(dataset, "uncertainty_sources", "(not recorded)");
    if (text.find("money assumptions") == std::string::npos && find_variable(dataset, "cost_cash") != nullptr)
        text +=
            "; money assumptions (fee uplifts, funded shares, the deflator) are not drawn: money intervals do not "
            "include their uncertainty";
    return text;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> run_information(const output::Dataset& dataset) {
    const auto attr = [&](const char* name) { return global_attribute(dataset, name, "(not recorded)"); };
    const auto or_none = [&](const char* name, const char* none) {
        const auto value = global_attribute(dataset, name, "");
        return value.empty() ? std::string(none) : value;
    };
    std::string years = "(not recorded)";
    if (const auto* year = find_dimension(dataset, "year"); year && !year->int_coordinates.empty())
        years = std::to_string(year->int_coordinates.front()) + " to " + std::to_string(year->int_coordinates.back());
    std::string areas = "(not recorded)";
    if (const auto* area = find_dimension(dataset, "area")) {
        areas.clear();
        for (const auto& a : coordinate_labels(*area)) areas += (areas.empty() ? "" : ", ") + a;
    }
    std::string replicates = attr("replicates");
    // Below 20 replicates the 5th and 95th percentiles rest on one or two replicates each.
    if (const auto n = global_attribute(dataset, "replicates", "");
        !n.empty() && n.size() < 3 &&
        std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) && std::stoi(n) < 20)
        replicates += " (fewer than 20: the 5th\u201395th percentile ranges are rough)";
    if (const auto first = global_attribute(dataset, "first_replicate"); !first.empty() && first != "0")
        replicates += " (numbered from " + first + ")";
    return {
        {"Scenario", attr("scenario_name")},
        {"Description", attr("scenario_description")},
        {"Years", years},
        {"Areas", areas},
        {"Seed", attr("seed")},
        {"Replicates", replicates},
        {"Uncertainty sources", uncertainty_text(dataset)},
        {"Schedules", or_none("schedules", "(none)")},
        {"What-if changes from its parent", or_none("what_if_changes", "(none recorded: not a what-if)")},
        {"Warnings", or_none("warnings", "(none)")},
        {"carecast version", attr("carecast_version")},
        {"carecast git revision", attr("carecast_git_revision")},
        {"Scenario digest", attr("scenario_digest")},
        {"Results digest", attr("results_digest")},
        {"Command line", attr("command_line")},
    };
}

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

/// `line` without a trailing comment (a '#' outside double or single quotes).
std::string strip_comment(const std::string& line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#') {
            return line.substr(0, i);
        }
    }
    return line;
}

}  // namespace

std::vector<Assumption> run_assumptions(const output::Dataset& dataset) {
    std::string resolved = global_attribute(dataset, "resolved_scenario");
    if (resolved.empty()) resolved = global_attribute(dataset, "scenario_text");
    auto out = parse_assumptions(resolved);
    // The run's replicates and seed may differ from the scenario's (--replicates, --seed, shards).
    const auto set = [&](const char* key, const std::string& actual) {
        if (actual.empty()) return;
        for (auto& a : out)
            if (a.section == "run" && a.parameter == key) {
                if (a.value != actual) a.value = actual + " (run; the scenario says " + a.value + ")";
                return;
            }
        out.push_back({"run", key, actual + " (run; not set in the scenario)"});
    };
    set("replicates", global_attribute(dataset, "replicates", ""));
    set("seed", global_attribute(dataset, "seed", ""));
    return out;
}

std::vector<Assumption> parse_assumptions(const std::string& text) {
    std::vector<Assumption> out;
    std::vector<std::string> path;
    std::istringstream in(text);
    std::string raw;
    while (std::getline(in, raw)) {
        std::string line = trim(strip_comment(raw));
        while (!line.empty()) {
            if (line.front() == '}' || line.front() == '>') {
                if (!path.empty()) path.pop_back();
                line = trim(line.substr(1));
                continue;
            }
            const auto brace = line.find_first_of("{<");
            const auto colon = line.find(':');
            if (brace != std::string::npos && (colon == std::string::npos || colon > brace ||
                                               trim(line.substr(colon + 1, brace - colon - 1)).empty())) {
                std::string name = trim(line.substr(0, std::min(colon, brace)));
                path.push_back(name);
                line = trim(line.substr(brace + 1));
                continue;
            }
            if (colon == std::string::npos) break;
            const std::string key = trim(line.substr(0, colon));
            std::string value = trim(line.substr(colon + 1));
            // A closing brace on the same line ends the value; a quoted value ends at its closing quote.
            std::string rest;
            if (!value.empty() && value.front() == '"') {
                std::size_t j = 1;
                while (j < value.size() && value[j] != '"') j += value[j] == '\\' ? 2 : 1;
                rest = j + 1 < value.size() ? value.substr(j + 1) : "";
                value = value.substr(1, std::min(j, value.size()) - 1);
            } else if (const auto close = value.find_first_of("}>"); close != std::string::npos) {
                rest = value.substr(close);
                value = trim(value.substr(0, close));
            }
            std::string section = path.empty() ? "" : path.front();
            std::string parameter;
            for (std::size_t i = 1; i < path.size(); ++i) parameter += path[i] + ".";
            parameter += key;
            if (!out.empty() && out.back().section == section && out.back().parameter == parameter)
                out.back().value += ", " + value;
            else
                out.push_back({section, parameter, value});
            line = trim(rest);
        }
    }
    return out;
}

}  // namespace carecast::report
