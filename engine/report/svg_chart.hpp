#pragma once
// Chart primitives drawn as inline SVG text: fan and line charts over years, bar charts with
// intervals, a population pyramid and quartile ranges. Every chart has a title, axis labels with
// units and a legend, and carries class="chart" so the browser test can find it. No scripts, no
// external resources: the SVG is complete as written.
#include <string>
#include <vector>

#include "report/format.hpp"

namespace carecast::report::svg {

/// A shaded band between `low` and `high` (e.g. the 5th and 95th percentiles).
struct Band {
    std::string name;
    std::vector<double> low;
    std::vector<double> high;
    std::string colour;
    double opacity = 0.25;
};

/// A line through `values` (NaN leaves a gap).
struct Line {
    std::string name;
    std::vector<double> values;
    std::string colour;
    bool dashed = false;
};

/// Markers at `values` (NaN: no marker), drawn as open circles over the lines: figures that were
/// published, shown beside a projection.
struct Points {
    std::string name;
    std::vector<double> values;
    std::string colour;
};

/// A chart over years: bands underneath, lines on top, then points, all over the same `x` (years).
struct XYChart {
    std::string title;
    std::string x_label;
    std::string y_label;  // with the unit: "people", "£ (cash)"
    NumberKind kind = NumberKind::count;
    std::vector<int> x;
    std::vector<Band> bands;
    std::vector<Line> lines;
    std::vector<Points> points;
    bool zero_line = false;                  // draw y = 0 (for differences)
    bool include_zero = false;               // make the y axis reach 0
    std::vector<std::string> x_tick_labels;  // optional, one per x ("2019/20"); default the year
};
std::string xy_chart(const XYChart& chart);

/// One bar with an optional interval [low, high] (NaN for none).
struct Bar {
    std::string label;
    double value = 0;
    double low = 0;
    double high = 0;
};
struct BarChart {
    std::string title;
    std::string x_label;
    std::string y_label;
    NumberKind kind = NumberKind::count;
    std::vector<Bar> bars;
    std::string value_name = "Mean";
    std::string interval_name = "5th\u201395th percentile";
    std::string colour = "#3b6fb6";
};
std::string bar_chart(const BarChart& chart);

/// A population pyramid: males to the left, females to the right, one row per age group; the first
/// year as filled bars, the second as outlines.
struct Pyramid {
    std::string title;
    std::vector<std::string> groups;  // youngest first
    std::vector<double> male_first, female_first, male_second, female_second;
    std::string first_name, second_name;  // "2016", "2040"
};
std::string pyramid_chart(const Pyramid& chart);

/// Quartile ranges: a box from p25 to p75 with the median marked and the mean as a dot.
struct Range {
    std::string label;
    double p25 = 0, median = 0, p75 = 0, mean = 0;
};
struct RangeChart {
    std::string title;
    std::string x_label;  // "days"
    std::vector<Range> ranges;
};
std::string range_chart(const RangeChart& chart);

/// About `count` round tick values covering [low, high].
std::vector<double> nice_ticks(double low, double high, int count = 5);

}  // namespace carecast::report::svg
