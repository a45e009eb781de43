#include "report/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

#include "cohorts/modules.hpp"
#include "report/dataset_query.hpp"
#include "sim/replicate_statistics.hpp"

namespace carecast::report {
namespace {

constexpr int open_age = 1000;

IndicatorDefinition count(std::string id, std::string label, Theme theme, std::string unit,
                          std::vector<std::string> variables, int min_age = 0, int max_age = open_age,
                          bool headline = false) {
    IndicatorDefinition d;
    d.id = std::move(id);
    d.label = std::move(label);
    d.theme = theme;
    d.kind = NumberKind::count;
    d.unit = std::move(unit);
    d.variables = std::move(variables);
    d.min_age = min_age;
    d.max_age = max_age;
    d.headline = headline;
    return d;
}

IndicatorDefinition population_group(std::string id, std::string label, std::string indicator, bool headline) {
    auto d = count(std::move(id), std::move(label), Theme::population, "people", {"population_indicators"});
    d.select = {{"indicator", std::move(indicator)}};
    d.headline = headline;
    return d;
}

/// The ages of a coordinate of `population_indicators` (as engine/sim/population_indicators.hpp), to
/// take the same group from `population`, which has an area dimension.
std::pair<int, int> population_group_ages(const std::string& indicator) {
    if (indicator == "age_0_17") return {0, 17};
    if (indicator == "age_18_64") return {18, 64};
    if (indicator == "age_65_plus") return {65, open_age};
    if (indicator == "age_85_plus") return {85, open_age};
    return {0, open_age};
}

IndicatorDefinition expanded(std::string id, std::string label, Theme theme, NumberKind kind, std::string unit,
                             std::string variable, std::string dimension, std::string headline_coordinate = "") {
    IndicatorDefinition d;
    d.id = std::move(id);
    d.label = std::move(label);
    d.theme = theme;
    d.kind = kind;
    d.unit = std::move(unit);
    d.variables = {std::move(variable)};
    d.expand = std::move(dimension);
    d.headline_coordinate = std::move(headline_coordinate);
    return d;
}

Theme theme_of(std::string_view id) {
    for (const auto& t : all_themes())
        if (t.id == id) return t.theme;
    throw std::logic_error("a cohort module's report row names an unknown theme '" + std::string(id) + "'");
}

NumberKind kind_of(std::string_view kind) {
    if (kind == "count") return NumberKind::count;
    if (kind == "rate") return NumberKind::rate;
    if (kind == "days") return NumberKind::days;
    throw std::logic_error("a cohort module's report row has an unknown kind '" + std::string(kind) + "'");
}

std::vector<std::string> split_names(std::string_view names) {
    std::vector<std::string> out;
    while (!names.empty()) {
        const std::size_t space = names.find(' ');
        if (space != 0) out.emplace_back(names.substr(0, space));
        if (space == std::string_view::npos) break;
        names.remove_prefix(space + 1);
    }
    return out;
}

IndicatorDefinition from_row(const ReportRow& row) {
    IndicatorDefinition d;
    d.id = row.id;
    d.label = row.label;
    d.theme = theme_of(row.theme);
    d.kind = kind_of(row.kind);
    d.unit = row.unit;
    d.variables = split_names(row.variables);
    d.min_age = row.min_age;
    d.max_age = row.max_age;
    d.headline = row.headline;
    d.numerator = row.numerator;
    d.denominator = row.denominator;
    d.scale = row.scale;
    d.expand = row.expand;
    if (!row.select[0].empty()) d.select = {{std::string(row.select[0]), std::string(row.select[1])}};
    return d;
}

/// The cohort modules' rows (cohorts/modules.hpp), grouped by theme in the order of all_themes and in
/// the modules' order within a theme.
void add_module_rows(std::vector<IndicatorDefinition>& table) {
    std::vector<IndicatorDefinition> rows;
    for (const ReportRow& row : cohort_report_rows()) rows.push_back(from_row(row));
    const auto rank = [](Theme theme) {
        const auto& themes = all_themes();
        return std::find_if(themes.begin(), themes.end(), [theme](const ThemeInfo& t) { return t.theme == theme; }) -
               themes.begin();
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const IndicatorDefinition& a, const IndicatorDefinition& b) {
        return rank(a.theme) < rank(b.theme);
    });
    table.insert(table.end(), rows.begin(), rows.end());
}

std::vector<IndicatorDefinition> make_definitions() {
    using T = Theme;
    std::vector<IndicatorDefinition> t = {
        population_group("population_total", "Resident population", "total", true),
        population_group("population_0_17", "Children aged 0-17", "age_0_17", false),
        population_group("population_18_64", "Adults aged 18-64", "age_18_64", false),
        population_group("population_65_plus", "People aged 65 and over", "age_65_plus", true),
        population_group("population_85_plus", "People aged 85 and over", "age_85_plus", true),
        count("births", "Live births", T::population, "births a year", {"births"}),
        count("deaths", "Deaths", T::population, "deaths a year", {"deaths"}),
    };
    add_module_rows(t);
    const std::vector<IndicatorDefinition> money_and_market = {
        expanded("cost_cash", "Cost (cash)", T::money, NumberKind::money, "GBP", names::cost_cash, names::budget_line,
                 names::total_budget_line),
        expanded("cost_real", "Cost (real terms)", T::money, NumberKind::money, "GBP", names::cost_real,
                 names::budget_line),
        expanded("cost_cash_by_client_group", "Cost by client group (cash)", T::money, NumberKind::money, "GBP",
                 "cost_cash_by_client_group", names::client_group_line),
        expanded("budget_envelope", "Budget envelope", T::money, NumberKind::money, "GBP", names::budget_envelope,
                 names::budget_line),
        expanded("budget_savings", "Planned savings in force", T::money, NumberKind::money, "GBP", "budget_savings",
                 names::budget_line),
        expanded("mtfp_pressure", "MTFP pressure (cash)", T::money, NumberKind::money, "GBP", names::mtfp_pressure,
                 names::budget_line, names::total_budget_line),
        expanded("mtfp_pressure_real", "MTFP pressure (real terms)", T::money, NumberKind::money, "GBP",
                 "mtfp_pressure_real", names::budget_line),
        expanded("unit_price", "Unit price (cash)", T::money, NumberKind::price, "GBP", "unit_price", "priced_line"),

        expanded("market_capacity", "Capacity", T::market, NumberKind::count, "", names::market_capacity,
                 names::service),
        expanded("market_demand", "Demand", T::market, NumberKind::count, "", names::market_demand, names::service),
        expanded("market_occupancy", "Occupancy", T::market, NumberKind::ratio, "ratio", names::market_occupancy,
                 names::service),
        expanded("market_surplus", "Surplus (capacity minus demand; negative is a shortfall)", T::market,
                 NumberKind::count, "", names::market_surplus, names::service),
    };
    t.insert(t.end(), money_and_market.begin(), money_and_market.end());
    return t;
}

bool is_time_dimension(const std::string& name) {
    return name == "year" || name == "period" || name == names::financial_year;
}

/// A coordinate for people: the two budget totals by name, other names with spaces for '_'.
std::string coordinate_label(const std::string& coordinate) {
    if (coordinate == names::total_budget_line) return "adult social care total";
    if (coordinate == names::high_needs_total) return "high-needs total (EHC plans)";
    std::string text = coordinate;
    std::replace(text.begin(), text.end(), '_', ' ');
    return text;
}

/// The unit a market service is counted in, from its name ("nursing_beds", "home_care_hours_per_week").
std::string service_unit(const std::string& service) {
    const auto ends_with = [&](const std::string& tail) {
        return service.size() >= tail.size() && service.compare(service.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends_with("_beds")) return "beds";
    if (ends_with("_hours_per_week")) return "hours a week";
    if (ends_with("_episodes_per_year") || ends_with("_episodes")) return "episodes a year";
    if (ends_with("_places")) return "places";
    if (ends_with("_units")) return "units";
    return "in the unit of the service's name";
}

/// The series `definition` gives for `breakdown` and, with `expand`, coordinate `expand_index`.
/// Returns nullopt and sets `why` if the dataset lacks what it needs.
std::optional<Series> compute_array(const output::Dataset& dataset, const IndicatorDefinition& definition,
                                    const Breakdown& breakdown, std::size_t expand_index, std::string& why) {
    Series s;
    s.id = definition.id;
    s.label = definition.label;
    s.unit = definition.unit;
    s.theme = definition.theme;
    s.kind = definition.kind;
    s.headline = definition.headline;
    const int min_age = std::max(definition.min_age, breakdown.min_age);
    const int max_age = std::min(definition.max_age, breakdown.max_age);
    bool first = true;
    for (const auto& name : definition.variables) {
        const auto* variable = find_variable(dataset, name);
        if (!variable) {
            why = "no variable " + name;
            return std::nullopt;
        }
        const auto shape = variable_shape(dataset, *variable);
        const auto rank = shape.size();
        // For each dimension: the allowed indices (empty = all), or the role of the axis.
        int replicate_axis = -1, time_axis = -1, area_axis = -1;
        std::size_t area_count = 1;
        std::vector<std::vector<char>> allowed(rank);
        for (std::size_t k = 0; k < rank; ++k) {
            const auto& dim_name = variable->dimensions[k];
            const auto* dim = find_dimension(dataset, dim_name);
            if (dim_name == "replicate") {
                replicate_axis = static_cast<int>(k);
                continue;
            }
            if (is_time_dimension(dim_name)) {
                if (time_axis >= 0) {
                    why = "variable " + name + " has two time dimensions";
                    return std::nullopt;
                }
                time_axis = static_cast<int>(k);
                continue;
            }
            std::vector<char> mask(shape[k], 1);
            if (dim_name == "area" && breakdown.area == Breakdown::each_area) {
                area_axis = static_cast<int>(k);
                area_count = shape[k];
            }
            if (dim_name == "age") {
                const auto ages = coordinate_labels(*dim);
                for (std::size_t i = 0; i < shape[k]; ++i) {
                    const int age = std::stoi(ages[i]);
                    mask[i] = age >= min_age && age <= max_age;
                }
            } else if (dim_name == "sex" && breakdown.sex >= 0) {
                std::fill(mask.begin(), mask.end(), 0);
                mask[static_cast<std::size_t>(breakdown.sex)] = 1;
            } else if (dim_name == "area" && breakdown.area >= 0) {
                std::fill(mask.begin(), mask.end(), 0);
                mask[static_cast<std::size_t>(breakdown.area)] = 1;
            } else if (dim_name == definition.expand) {
                std::fill(mask.begin(), mask.end(), 0);
                mask[expand_index] = 1;
            } else if (dim_name != "sex" && dim_name != "area") {
                const auto chosen = std::find_if(definition.select.begin(), definition.select.end(),
                                                 [&](const auto& p) { return p.first == dim_name; });
                if (chosen == definition.select.end()) {
                    why = "variable " + name + " has dimension " + dim_name + ", which the indicator does not select";
                    return std::nullopt;
                }
                const auto index = coordinate_index(*dim, chosen->second);
                if (!index) {
                    why = "dimension " + dim_name + " has no coordinate " + chosen->second;
                    return std::nullopt;
                }
                std::fill(mask.begin(), mask.end(), 0);
                mask[*index] = 1;
            }
            allowed[k] = std::move(mask);
        }
        if (time_axis < 0) {
            why = "variable " + name + " has no year, period or financial_year dimension";
            return std::nullopt;
        }
        if (breakdown.area == Breakdown::each_area && area_axis < 0) {
            why = "variable " + name + " has no area dimension";
            return std::nullopt;
        }
        const auto* time_dim = find_dimension(dataset, variable->dimensions[static_cast<std::size_t>(time_axis)]);
        std::vector<int> times(time_dim->int_coordinates.begin(), time_dim->int_coordinates.end());
        if (times.empty())
            for (std::size_t i = 0; i < time_dim->size; ++i) times.push_back(static_cast<int>(i));
        std::vector<int> replicates;
        if (replicate_axis >= 0) {
            const auto* rep_dim = find_dimension(dataset, "replicate");
            for (const auto& label : coordinate_labels(*rep_dim)) replicates.push_back(std::stoi(label));
        }
        if (first) {
            s.time_dimension = time_dim->name;
            s.times = times;
            s.replicates = replicates;
            s.values.assign(area_count * s.row_count() * s.times.size(), 0.0);
            first = false;
        } else if (s.time_dimension != time_dim->name || s.replicates != replicates ||
                   s.values.size() != area_count * s.row_count() * s.times.size()) {
            why = "variables of indicator " + definition.id + " have different dimensions";
            return std::nullopt;
        }
        auto data = values_as_double(*variable);
        // Money is stored exactly in integer pence; indicators are in pounds.
        if (variable->units == "pence")
            for (auto& v : data) v /= 100.0;
        std::vector<std::size_t> index(rank, 0);
        const auto n_times = s.times.size();
        for (std::size_t flat = 0; flat < data.size(); ++flat) {
            bool keep = true;
            for (std::size_t k = 0; k < rank && keep; ++k)
                if (!allowed[k].empty() && !allowed[k][index[k]]) keep = false;
            if (keep) {
                const std::size_t r = replicate_axis >= 0 ? index[static_cast<std::size_t>(replicate_axis)] : 0;
                const std::size_t a = area_axis >= 0 ? index[static_cast<std::size_t>(area_axis)] : 0;
                s.values[(a * s.row_count() + r) * n_times + index[static_cast<std::size_t>(time_axis)]] += data[flat];
            }
            for (std::size_t k = rank; k-- > 0;) {
                if (++index[k] < shape[k]) break;
                index[k] = 0;
            }
        }
    }
    return s;
}

/// Denominator at the numerator's time `time`: the same time, or for a period (mid-year p-1 to p)
/// against mid-year stocks, the mean of the stocks at p-1 and p.
double denominator_at(const Series& numerator, const Series& denominator, std::size_t r, int time) {
    const auto row = denominator.replicates.empty() ? 0 : r;
    if (numerator.time_dimension == "period" && denominator.time_dimension == "year") {
        const auto before = denominator.time_index(time - 1);
        const auto after = denominator.time_index(time);
        if (before && after) return 0.5 * (denominator.value(row, *before) + denominator.value(row, *after));
        if (after) return denominator.value(row, *after);
        if (before) return denominator.value(row, *before);
        return 0.0;
    }
    const auto same = denominator.time_index(time);
    return same ? denominator.value(row, *same) : 0.0;
}

Series compute_ratio(const IndicatorDefinition& d, const Series& numerator, const Series& denominator) {
    Series s;
    s.id = d.id;
    s.label = d.label;
    s.unit = d.unit;
    s.theme = d.theme;
    s.kind = d.kind;
    s.headline = d.headline;
    s.time_dimension = numerator.time_dimension;
    s.times = numerator.times;
    s.replicates = numerator.replicates;
    s.values.resize(numerator.values.size());
    for (std::size_t r = 0; r < numerator.row_count(); ++r)
        for (std::size_t t = 0; t < s.times.size(); ++t) {
            const double den = denominator_at(numerator, denominator, r, s.times[t]);
            s.values[r * s.times.size() + t] = den > 0 ? d.scale * numerator.value(r, t) / den : 0.0;
        }
    return s;
}

}  // namespace

const std::vector<ThemeInfo>& all_themes() {
    static const std::vector<ThemeInfo> themes = {
        {Theme::population, "population", "Population"},
        {Theme::need, "need", "Need for care"},
        {Theme::dementia, "dementia", "Dementia"},
        {Theme::carers, "carers", "Unpaid carers"},
        {Theme::send, "send", "SEND"},
        {Theme::care_homes, "care_homes", "Care homes"},
        {Theme::care_at_home, "care_at_home", "Care at home"},
        {Theme::money, "money", "Money"},
        {Theme::market, "market_position", "Market position"},
    };
    return themes;
}

const ThemeInfo& theme_info(Theme theme) {
    for (const auto& t : all_themes())
        if (t.theme == theme) return t;
    throw std::logic_error("unknown theme");
}

const std::vector<IndicatorDefinition>& indicator_definitions() {
    static const std::vector<IndicatorDefinition> table = make_definitions();
    return table;
}

double Series::value(std::size_t r, std::size_t t) const {
    return values[(replicates.empty() ? 0 : r) * times.size() + t];
}

std::vector<double> Series::at_time(std::size_t t) const {
    std::vector<double> out(row_count());
    for (std::size_t r = 0; r < out.size(); ++r) out[r] = value(r, t);
    return out;
}

std::string Series::time_label(std::size_t t) const {
    return time_dimension == names::financial_year ? financial_year_label(times[t]) : std::to_string(times[t]);
}

std::optional<std::size_t> Series::time_index(int time) const {
    const auto it = std::find(times.begin(), times.end(), time);
    if (it == times.end()) return std::nullopt;
    return static_cast<std::size_t>(it - times.begin());
}

std::string time_basis(const std::string& time_dimension) {
    if (time_dimension == "year") return "mid-year (30 June)";
    if (time_dimension == "period") return "year to mid-year";
    if (time_dimension == names::financial_year) return "financial year (April to March)";
    return time_dimension;
}

Summary summarise_at(const Series& series, std::size_t t) {
    auto values = series.at_time(t);
    // Undefined values (occupancy of a service without capacity) make every statistic undefined.
    if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); })) {
        const double nan = std::nan("");
        return {nan, nan, nan, nan};
    }
    const auto stats = summarise(values);
    return {stats[0], stats[1], stats[2], stats[3]};
}

const Series* IndicatorSet::find(const std::string& id) const {
    for (const auto& s : series)
        if (s.id == id) return &s;
    return nullptr;
}

std::string age_band_label(int min_age, int max_age) {
    if (min_age <= 0 && max_age >= open_age) return "all ages";
    if (max_age >= open_age) return std::to_string(min_age) + "+";
    return std::to_string(min_age) + "-" + std::to_string(max_age);
}

namespace {

/// The series of `d` for `breakdown`: one, or one per coordinate of `d.expand`; appends to `out`.
void compute_definition(const output::Dataset& dataset, const IndicatorDefinition& d, const Breakdown& breakdown,
                        std::vector<Series>& out, std::vector<std::string>& missing) {
    std::string why;
    if (d.expand.empty()) {
        if (auto s = compute_array(dataset, d, breakdown, 0, why))
            out.push_back(std::move(*s));
        else
            missing.push_back(d.label + ": not in this run (" + why + ")");
        return;
    }
    const auto* dim = find_dimension(dataset, d.expand);
    if (!dim) {
        missing.push_back(d.label + ": not in this run (no dimension " + d.expand + ")");
        return;
    }
    const auto labels = coordinate_labels(*dim);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto s = compute_array(dataset, d, breakdown, i, why);
        if (!s) {
            missing.push_back(d.label + ": not in this run (" + why + ")");
            return;
        }
        s->id = d.id + "." + labels[i];
        s->label = d.label + ": " + coordinate_label(labels[i]);
        if (d.expand == names::service && d.kind != NumberKind::ratio) s->unit = service_unit(labels[i]);
        s->headline = !d.headline_coordinate.empty() && labels[i] == d.headline_coordinate;
        out.push_back(std::move(*s));
    }
}

}  // namespace

void add_indicator(const output::Dataset& dataset, const IndicatorDefinition& definition, IndicatorSet& set) {
    compute_definition(dataset, definition, Breakdown{}, set.series, set.missing);
}

IndicatorSet compute_indicators(const output::Dataset& dataset) {
    IndicatorSet set;
    for (const auto& d : indicator_definitions()) {
        if (!d.numerator.empty()) {
            const auto* numerator = set.find(d.numerator);
            const auto* denominator = set.find(d.denominator);
            if (numerator && denominator)
                set.series.push_back(compute_ratio(d, *numerator, *denominator));
            else
                set.missing.push_back(d.label + ": not in this run (needs " + d.numerator + " and " + d.denominator +
                                      ")");
            continue;
        }
        compute_definition(dataset, d, Breakdown{}, set.series, set.missing);
    }
    return set;
}

namespace {

/// One row per area of `d` for all its ages and both sexes, from one pass over the data (all of
/// England has 152 areas).
void add_each_area(const output::Dataset& dataset, const IndicatorDefinition& d, const std::vector<std::string>& areas,
                   const std::string& age_band, std::vector<BreakdownSeries>& rows) {
    std::string why;
    const auto each = compute_array(dataset, d, {0, open_age, -1, Breakdown::each_area}, 0, why);
    if (!each) return;
    const std::size_t per_area = each->values.size() / areas.size();
    for (std::size_t a = 0; a < areas.size(); ++a) {
        Series s = *each;
        const auto from = each->values.begin() + static_cast<std::ptrdiff_t>(a * per_area);
        s.values.assign(from, from + static_cast<std::ptrdiff_t>(per_area));
        rows.push_back({age_band, "all", areas[a], std::move(s)});
    }
}

}  // namespace

std::vector<BreakdownSeries> compute_breakdowns(const output::Dataset& dataset) {
    struct Band {
        int min_age, max_age;
    };
    const Band bands[] = {{0, 17}, {18, 64}, {65, 74}, {75, 84}, {85, open_age}};
    const auto* sex_dim = find_dimension(dataset, "sex");
    const auto* area_dim = find_dimension(dataset, "area");
    const auto sexes = sex_dim ? coordinate_labels(*sex_dim) : std::vector<std::string>{};
    const auto areas = area_dim ? coordinate_labels(*area_dim) : std::vector<std::string>{};
    const std::string all_areas = areas.size() == 1 ? areas.front() : "all";

    const auto all = compute_indicators(dataset);
    std::vector<BreakdownSeries> rows;
    for (const auto& d : indicator_definitions()) {
        // The whole group first (also ratios and expanded series), from the one computation.
        for (const auto& s : all.series) {
            const bool mine = s.id == d.id || s.id.rfind(d.id + ".", 0) == 0;
            if (mine) rows.push_back({age_band_label(d.min_age, d.max_age), "all", all_areas, s});
        }
        // The population groups by area: the same ages of `population` (population_indicators has no area).
        if (areas.size() > 1 && d.variables == std::vector<std::string>{"population_indicators"}) {
            auto by_area = d;
            by_area.variables = {"population"};
            std::tie(by_area.min_age, by_area.max_age) = population_group_ages(d.select.front().second);
            by_area.select.clear();
            add_each_area(dataset, by_area, areas, age_band_label(d.min_age, d.max_age), rows);
            continue;
        }
        // Breakdowns only for people counted by area, sex and age.
        if (d.variables.empty() || !d.expand.empty()) continue;
        const auto* variable = find_variable(dataset, d.variables.front());
        if (!variable) continue;
        const auto& dims = variable->dimensions;
        if (std::find(dims.begin(), dims.end(), "age") == dims.end() ||
            std::find(dims.begin(), dims.end(), "sex") == dims.end())
            continue;
        std::vector<Breakdown> wanted;
        std::vector<std::string> band_labels;
        for (const auto& b : bands)
            if (b.min_age >= d.min_age && b.max_age <= d.max_age &&
                !(b.min_age == d.min_age && b.max_age == d.max_age)) {
                wanted.push_back({b.min_age, b.max_age, -1, -1});
                band_labels.push_back(age_band_label(b.min_age, b.max_age));
            }
        std::vector<std::pair<Breakdown, BreakdownSeries>> cuts;
        const auto whole = age_band_label(d.min_age, d.max_age);
        for (std::size_t b = 0; b < wanted.size(); ++b)
            cuts.push_back({wanted[b], {band_labels[b], "all", all_areas, {}}});
        for (std::size_t x = 0; x < sexes.size(); ++x) {
            cuts.push_back({{0, open_age, static_cast<int>(x), -1}, {whole, sexes[x], all_areas, {}}});
            for (std::size_t b = 0; b < wanted.size(); ++b)
                cuts.push_back({{wanted[b].min_age, wanted[b].max_age, static_cast<int>(x), -1},
                                {band_labels[b], sexes[x], all_areas, {}}});
        }
        for (auto& [breakdown, row] : cuts) {
            std::string why;
            if (auto s = compute_array(dataset, d, breakdown, 0, why)) {
                row.series = std::move(*s);
                rows.push_back(std::move(row));
            }
        }
        if (areas.size() > 1) add_each_area(dataset, d, areas, whole, rows);
    }
    return rows;
}

std::vector<BreakdownSeries> compute_population_by_age(const output::Dataset& dataset) {
    auto d = count("population_by_age", "Resident population", Theme::population, "people", {"population"});
    const auto* sex_dim = find_dimension(dataset, "sex");
    const auto* area_dim = find_dimension(dataset, "area");
    const auto sexes = sex_dim ? coordinate_labels(*sex_dim) : std::vector<std::string>{};
    const auto areas = area_dim ? coordinate_labels(*area_dim) : std::vector<std::string>{};
    const std::string all_areas = areas.size() == 1 ? areas.front() : "all";
    const std::pair<int, int> bands[] = {{0, 17}, {18, 64}, {65, 74}, {75, 84}, {85, open_age}};
    std::vector<BreakdownSeries> rows;
    for (int sex = -1; sex < static_cast<int>(sexes.size()); ++sex)
        for (const auto& [low, high] : bands) {
            std::string why;
            auto s = compute_array(dataset, d, {low, high, sex, -1}, 0, why);
            if (!s) return {};
            rows.push_back({age_band_label(low, high), sex < 0 ? "all" : sexes[static_cast<std::size_t>(sex)],
                            all_areas, std::move(*s)});
        }
    return rows;
}

}  // namespace carecast::report
