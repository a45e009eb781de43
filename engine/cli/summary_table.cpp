#include "cli/summary_table.hpp"

#include "finance/finance_rates.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "sim/population_indicators.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::cli {
namespace {

std::string thousands(double value) {
    const auto n = static_cast<long long>(std::llround(value));
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (n < 0 ? "-" : "") + digits;
}

std::vector<int> summary_years(const RunResults& r) {
    std::vector<int> years{r.base_year};
    for (int y = (r.base_year / 5 + 1) * 5; y < r.horizon_year; y += 5) years.push_back(y);
    if (years.back() != r.horizon_year) years.push_back(r.horizon_year);
    return years;
}

}  // namespace

void print_summary_table(std::ostream& out, const RunResults& results) {
    const auto indicators = compute_population_indicators(results);
    const std::size_t reps = results.replicates.size();
    const auto years = static_cast<std::size_t>(results.year_count());
    const char* shown[] = {"total", "age_0_17", "age_65_plus", "age_85_plus"};
    const char* headings[] = {"Total", "Aged 0-17", "Aged 65+", "Aged 85+"};
    char line[160];
    std::snprintf(line, sizeof line, "%-6s", "Year");
    out << line;
    for (const char* h : headings) {
        std::snprintf(line, sizeof line, " | %-27s", h);
        out << line;
    }
    out << "\n" << std::string(6 + 4 * 30, '-') << "\n";
    for (int year : summary_years(results)) {
        std::snprintf(line, sizeof line, "%-6d", year);
        out << line;
        for (const char* name : shown) {
            int k = 0;
            while (std::string(population_indicators[k].name) != name) ++k;
            std::vector<double> values;
            for (std::size_t r = 0; r < reps; ++r)
                values.push_back(indicators[(r * years + static_cast<std::size_t>(year - results.base_year)) *
                                                population_indicator_count +
                                            static_cast<std::size_t>(k)]);
            const auto s = summarise(values);
            std::snprintf(line, sizeof line, " | %-27s",
                          (thousands(s[0]) + " (" + thousands(s[1]) + "-" + thousands(s[3]) + ")").c_str());
            out << line;
        }
        out << "\n";
    }
    out << "Mean across " << reps << " replicates, with the 5th-95th percentile range in brackets.\n";
    if (const auto schedules = finance::run_schedules(results); !schedules.empty()) {
        out << "Schedules (value in each year it changes):\n";
        for (const auto& s : schedules) out << "  " << s << "\n";
    }
}

}  // namespace carecast::cli
