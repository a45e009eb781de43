#include "report/observed_figures.hpp"

#include <cmath>

#include "report/dataset_query.hpp"
#include "report/format.hpp"
#include "results/observed_dataset.hpp"

namespace carecast::report {
namespace {

struct AgeGroup {
    const char* id;
    const char* label;
    int min_age;
    int max_age;
};

// The same groups and labels as the population key indicators (report/indicators.cpp).
constexpr AgeGroup population_groups[] = {
    {"population_total", "Resident population", 0, 1000},
    {"population_0_17", "Children aged 0-17", 0, 17},
    {"population_18_64", "Adults aged 18-64", 18, 64},
    {"population_65_plus", "People aged 65 and over", 65, 1000},
    {"population_85_plus", "People aged 85 and over", 85, 1000},
};

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

/// Sums `values` ([area][year][inner]) over the selected areas and inner cells; NaN if any is NaN.
std::vector<double> sum_by_year(const std::vector<double>& values, const std::vector<std::size_t>& shape,
                                const std::vector<std::size_t>& areas, const std::vector<std::size_t>& inner_cells) {
    const std::size_t years = shape[1];
    std::size_t inner = 1;
    for (std::size_t k = 2; k < shape.size(); ++k) inner *= shape[k];
    std::vector<double> out(years, 0.0);
    for (std::size_t y = 0; y < years; ++y)
        for (const auto a : areas)
            for (const auto c : inner_cells) out[y] += values[(a * years + y) * inner + c];  // NaN propagates
    return out;
}

std::vector<std::vector<std::size_t>> area_selections(std::size_t area_count, bool by_area) {
    std::vector<std::size_t> all(area_count);
    for (std::size_t a = 0; a < area_count; ++a) all[a] = a;
    std::vector<std::vector<std::size_t>> out = {all};
    if (by_area && area_count > 1)
        for (std::size_t a = 0; a < area_count; ++a) out.push_back({a});
    return out;
}

void add_population(const output::Dataset& d, bool by_area, std::vector<ObservedFigure>& out) {
    const auto* variable = find_variable(d, output::observed_population_name);
    const auto* years = find_dimension(d, output::observed_year_dimension);
    const auto* ages = find_dimension(d, output::observed_age_dimension);
    const auto* areas = find_dimension(d, "area");
    if (!variable || !years || !ages || !areas) return;
    const auto shape = variable_shape(d, *variable);  // area, year, sex, age
    const auto values = values_as_double(*variable);
    const auto area_labels = coordinate_labels(*areas);
    const auto& age_values = int_coordinates(*ages);
    for (const auto& group : population_groups) {
        std::vector<std::size_t> cells;
        for (std::size_t s = 0; s < shape[2]; ++s)
            for (std::size_t k = 0; k < shape[3]; ++k)
                if (age_values[k] >= group.min_age && age_values[k] <= group.max_age) cells.push_back(s * shape[3] + k);
        for (const auto& selection : area_selections(shape[0], by_area)) {
            ObservedFigure f{group.id,
                             group.label,
                             "published estimate (ONS mid-year)",
                             "30 June",
                             selection.size() == 1 ? area_labels[selection[0]] : "all",
                             first_line(variable_attribute(*variable, "source")),
                             {years->int_coordinates.begin(), years->int_coordinates.end()},
                             sum_by_year(values, shape, selection, cells)};
            out.push_back(std::move(f));
        }
    }
}

void add_ehc_plans(const output::Dataset& d, bool by_area, std::vector<ObservedFigure>& out) {
    const auto* variable = find_variable(d, output::observed_ehc_plans_name);
    const auto* years = find_dimension(d, output::observed_ehc_year_dimension);
    const auto* bands = find_dimension(d, output::ehc_age_band_dimension);
    const auto* areas = find_dimension(d, "area");
    if (!variable || !years || !bands || !areas) return;
    const auto shape = variable_shape(d, *variable);  // area, year, band
    const auto values = values_as_double(*variable);
    const auto area_labels = coordinate_labels(*areas);
    const auto band_labels = coordinate_labels(*bands);
    for (std::size_t b = 0; b < band_labels.size(); ++b) {
        const bool total = band_labels[b] == "total";
        for (const auto& selection : area_selections(shape[0], by_area)) {
            ObservedFigure f{total ? "ehc_plans" : "ehc_plans_" + band_labels[b],
                             total ? "Children and young people with an EHC plan"
                                   : "Children and young people with an EHC plan, age band " + band_labels[b],
                             "published (DfE SEN2, January)",
                             "January",
                             selection.size() == 1 ? area_labels[selection[0]] : "all",
                             first_line(variable_attribute(*variable, "source")),
                             {years->int_coordinates.begin(), years->int_coordinates.end()},
                             sum_by_year(values, shape, selection, {b})};
            out.push_back(std::move(f));
        }
    }
}

}  // namespace

std::vector<ObservedFigure> observed_figures(const output::Dataset& dataset, bool by_area) {
    std::vector<ObservedFigure> out;
    add_population(dataset, by_area, out);
    add_ehc_plans(dataset, by_area, out);
    return out;
}

bool has_observed_figures(const output::Dataset& dataset) {
    return find_variable(dataset, output::observed_population_name) ||
           find_variable(dataset, output::observed_ehc_plans_name);
}

const std::vector<std::string>& observed_columns() {
    static const std::vector<std::string> columns = {"area",      "year",  "year_basis", "indicator_id",
                                                     "indicator", "value", "unit",       "source"};
    return columns;
}

std::string observed_csv(const output::Dataset& dataset) {
    const auto line = [](const std::vector<std::string>& fields) {
        std::string text;
        for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_field(fields[i]);
        return text + "\r\n";
    };
    std::string text = "\xEF\xBB\xBF" + line(observed_columns());
    for (const auto& f : observed_figures(dataset, true))
        for (std::size_t y = 0; y < f.years.size(); ++y) {
            if (!std::isfinite(f.values[y])) continue;
            const bool ehc = f.indicator_id.rfind("ehc_plans", 0) == 0;
            text += line({f.area, std::to_string(f.years[y]), f.year_basis, f.indicator_id, f.label,
                          exact_number(f.values[y]), ehc ? "children and young people" : "people", f.source});
        }
    return text;
}

}  // namespace carecast::report
