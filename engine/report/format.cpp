#include "report/format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace carecast::report {

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) return "\u2013";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    std::string digits(buffer);
    const auto point = digits.find('.');
    std::string whole = digits.substr(0, point);
    const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    // No "-0" after rounding.
    const bool negative = value < 0 && (grouped + fraction).find_first_not_of("0,.") != std::string::npos;
    return (negative ? "-" : "") + grouped + fraction;
}

std::string format_count(double value) {
    return format_number(value, 0);
}

std::string format_money(double pounds) {
    if (!std::isfinite(pounds)) return "\u2013";
    const bool negative = pounds < 0;
    const double magnitude = std::fabs(pounds);
    std::string text = "\u00a3" + format_number(magnitude / 1e6, magnitude < 1e6 ? 2 : 1) + "m";
    if (negative && text.find_first_of("123456789") != std::string::npos) text = "-" + text;
    return text;
}

std::string format_price(double pounds) {
    if (!std::isfinite(pounds)) return "\u2013";
    const std::string text = "\u00a3" + format_number(std::fabs(pounds), 2);
    return pounds < 0 && text.find_first_of("123456789") != std::string::npos ? "-" + text : text;
}

std::string format_percent(double ratio) {
    if (!std::isfinite(ratio)) return "\u2013";
    return format_number(ratio * 100.0, 1) + "%";
}

std::string format_value(NumberKind kind, double value) {
    switch (kind) {
        case NumberKind::count:
            return format_count(value);
        case NumberKind::rate:
            return format_number(value, 1);
        case NumberKind::money:
            return format_money(value);
        case NumberKind::price:
            return format_price(value);
        case NumberKind::ratio:
            return format_percent(value);
        case NumberKind::days:
            return format_number(value, 0);
    }
    return format_number(value, 1);
}

std::string format_difference(NumberKind kind, double value) {
    const std::string text = format_value(kind, value);
    if (std::isfinite(value) && value > 0 && text.find_first_of("123456789") != std::string::npos) return "+" + text;
    return text;
}

std::string financial_year_label(int start_year) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%d/%02d", start_year, ((start_year + 1) % 100 + 100) % 100);
    return buffer;
}

std::string exact_number(double value) {
    if (!std::isfinite(value)) return "";
    if (value == 0) return "0";
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : std::string();
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace carecast::report
