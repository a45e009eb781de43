#pragma once
// Numbers for people: thousands separators, pounds in millions, percentages, financial years
// ("2019/20"), and the escaping that CSV and HTML need.
#include <string>
#include <string_view>

namespace carecast::report {

/// What a number measures, which decides how it is shown.
enum class NumberKind {
    count,  // people, admissions, bed-days: "12,345"
    rate,   // per 100,000 and other rates: "585.6"
    money,  // pounds: "£12.3m" in text, "£12,345,678" in a workbook
    price,  // pounds for one unit (a week, an hour, an episode): "£812.50"
    ratio,  // a share or occupancy: "85.2%"
    days,   // lengths of stay: "549"
};

/// `value` rounded to `decimals` places with comma thousands separators and a minus sign; "–" for NaN.
std::string format_number(double value, int decimals = 0);

/// A count of people or events: rounded to a whole number with thousands separators.
std::string format_count(double value);

/// Pounds in millions: one decimal from £1m ("£12.3m", "-£1.4m"), two below ("£0.08m").
std::string format_money(double pounds);

/// Pounds for one unit, with pence ("£812.50", "-£3.20").
std::string format_price(double pounds);

/// A ratio as a percentage with one decimal ("85.2%").
std::string format_percent(double ratio);

/// `value` formatted for its kind.
std::string format_value(NumberKind kind, double value);

/// A signed difference formatted for its kind ("+1,234", "-£0.4m").
std::string format_difference(NumberKind kind, double value);

/// The financial year starting in April of `start_year`: 2019 -> "2019/20".
std::string financial_year_label(int start_year);

/// Shortest decimal text that reads back as exactly `value` (for CSV); "" for NaN.
std::string exact_number(double value);

/// `text` as one CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

/// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace carecast::report
