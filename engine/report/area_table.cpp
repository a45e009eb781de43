#include "report/area_table.hpp"

#include <sstream>

#include "report/dataset_query.hpp"

namespace carecast::report {
namespace {

struct Column {
    const char* label;
    std::vector<const char*> variables;  // summed
    int min_age;
    bool last_year;
};

const Column columns[] = {
    {"Population", {"population"}, 0, false},
    {"Population", {"population"}, 0, true},
    {"Aged 65+", {"population"}, 65, true},
    {"Aged 85+", {"population"}, 85, true},
    {"Dementia 65+", {"dementia"}, 65, true},
    {"EHC plans", {"ehc_plans"}, 0, true},
    {"Care-home residents", {"care_home_residents_residential", "care_home_residents_nursing"}, 0, true},
};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

AreaTable area_table(const output::Dataset& dataset) {
    AreaTable table;
    const auto* area = find_dimension(dataset, "area");
    const auto* year = find_dimension(dataset, "year");
    const auto* population = find_variable(dataset, "population");
    if (!area || area->size < 2 || !year || year->int_coordinates.empty() || !population ||
        population->dimensions != std::vector<std::string>{"replicate", "year", "area", "sex", "age"})
        return table;
    table.codes = coordinate_labels(*area);
    table.names = split_lines(global_attribute(dataset, "area_names"));
    table.names.resize(table.codes.size());
    table.first_year = year->int_coordinates.front();
    table.last_year = year->int_coordinates.back();
    const auto shape = variable_shape(dataset, *population);  // replicate, year, area, sex, age
    const auto* ages = find_dimension(dataset, "age");
    const auto& age_values = int_coordinates(*ages);
    table.rows.assign(table.codes.size(), {});
    for (const auto& c : columns) {
        std::vector<double> sums(table.codes.size(), 0.0);
        bool found = true;
        for (const char* name : c.variables) {
            const auto* v = find_variable(dataset, name);
            if (!v || v->dimensions != population->dimensions) {
                found = false;
                break;
            }
            const auto data = values_as_double(*v);
            const std::size_t y = c.last_year ? shape[1] - 1 : 0;
            for (std::size_t r = 0; r < shape[0]; ++r)
                for (std::size_t a = 0; a < shape[2]; ++a)
                    for (std::size_t s = 0; s < shape[3]; ++s)
                        for (std::size_t k = 0; k < shape[4]; ++k) {
                            if (age_values[k] < c.min_age) continue;
                            const auto flat = (((r * shape[1] + y) * shape[2] + a) * shape[3] + s) * shape[4] + k;
                            sums[a] += data[flat] / static_cast<double>(shape[0]);
                        }
        }
        if (!found) continue;
        table.columns.push_back(std::string(c.label) + " " +
                                std::to_string(c.last_year ? table.last_year : table.first_year));
        double total = 0;
        for (std::size_t a = 0; a < sums.size(); ++a) {
            table.rows[a].push_back(sums[a]);
            total += sums[a];
        }
        table.total.push_back(total);
    }
    return table;
}

}  // namespace carecast::report
