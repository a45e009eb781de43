// Numbers for people: separators, money, percentages, financial years; CSV and HTML escaping.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "report/format.hpp"

using namespace carecast::report;

TEST_CASE("Counts get thousands separators and round to whole numbers") {
    CHECK(format_count(0) == "0");
    CHECK(format_count(999.4) == "999");
    CHECK(format_count(1000) == "1,000");
    CHECK(format_count(521776.49) == "521,776");
    CHECK(format_count(-1234567) == "-1,234,567");
    CHECK(format_count(-0.2) == "0");
    CHECK(format_number(585.64, 1) == "585.6");
    CHECK(format_number(12345.678, 2) == "12,345.68");
    CHECK(format_count(std::nan("")) == "\u2013");
}

TEST_CASE("Money is shown in millions of pounds") {
    CHECK(format_money(12345678) == "\u00a312.3m");
    CHECK(format_money(1234567891) == "\u00a31,234.6m");
    CHECK(format_money(-1400000) == "-\u00a31.4m");
    CHECK(format_money(-400000) == "-\u00a30.40m");
    CHECK(format_money(82047) == "\u00a30.08m");
    CHECK(format_money(-20) == "\u00a30.00m");
    CHECK(format_money(0) == "\u00a30.00m");
    // A unit price is in pounds and pence, not millions (it showed "£0.00m" in `carecast compare`).
    CHECK(format_price(812.5) == "\u00a3812.50");
    CHECK(format_price(1234.567) == "\u00a31,234.57");
    CHECK(format_price(-3.2) == "-\u00a33.20");
    CHECK(format_price(-0.001) == "\u00a30.00");
    CHECK(format_value(NumberKind::price, 20.25) == "\u00a320.25");
    CHECK(format_difference(NumberKind::money, 1.5e6) == "+\u00a31.5m");
    CHECK(format_difference(NumberKind::count, -12) == "-12");
    CHECK(format_difference(NumberKind::count, 0) == "0");
}

TEST_CASE("Ratios are percentages and financial years read 2019/20") {
    CHECK(format_percent(0.8523) == "85.2%");
    CHECK(format_value(NumberKind::ratio, 1.0) == "100.0%");
    CHECK(financial_year_label(2019) == "2019/20");
    CHECK(financial_year_label(1999) == "1999/00");
    CHECK(financial_year_label(2009) == "2009/10");
}

TEST_CASE("CSV numbers read back exactly and fields are quoted when needed") {
    for (const double v : {0.1, 1.0 / 3.0, 521776.0, -2.5e-7, 123456789.125}) CHECK(std::stod(exact_number(v)) == v);
    CHECK(exact_number(0.0) == "0");
    CHECK(exact_number(std::nan("")).empty());
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a, b") == "\"a, b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("HTML escaping covers markup and quotes") {
    CHECK(html_escape("<b>A & B's \"x\"</b>") == "&lt;b&gt;A &amp; B&#39;s &quot;x&quot;&lt;/b&gt;");
}
