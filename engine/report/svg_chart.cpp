#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace carecast::report::svg {
namespace {

constexpr double width = 640;
constexpr double height = 360;
constexpr double left = 92;
constexpr double right = 18;
constexpr double top = 40;
constexpr double bottom = 92;  // x tick labels, x axis label, legend

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    return buffer;
}

int decimals_for(double step) {
    if (step >= 1) return 0;
    if (step >= 0.1) return 1;
    if (step >= 0.01) return 2;
    return 3;
}

std::string tick_label(NumberKind kind, double value, double step) {
    if (std::fabs(value) < step * 1e-9) value = 0;
    switch (kind) {
        case NumberKind::money: {
            const double m = std::fabs(value) / 1e6;
            const std::string text = "\u00a3" + format_number(m, decimals_for(step / 1e6)) + "m";
            return value < 0 ? "-" + text : text;
        }
        case NumberKind::price: {
            const std::string text = "\u00a3" + format_number(std::fabs(value), decimals_for(step));
            return value < 0 ? "-" + text : text;
        }
        case NumberKind::ratio:
            return format_number(value * 100, decimals_for(step * 100)) + "%";
        case NumberKind::count:
        case NumberKind::rate:
        case NumberKind::days:
            return format_number(value, decimals_for(step));
    }
    return format_number(value, decimals_for(step));  // not a NumberKind (unreachable)
}

/// Rough width in pixels of `text` in DejaVu Sans at `font_size` (0.62 em a character, 0.68 bold): used
/// to keep labels apart and inside the chart; the browser test measures the real boxes.
double text_width(const std::string& text, double font_size, bool bold = false) {
    std::size_t characters = 0;
    for (const unsigned char c : text) characters += (c & 0xC0) != 0x80;
    return static_cast<double>(characters) * font_size * (bold ? 0.68 : 0.62);
}

/// `text` split at the space nearest its middle (for a title or axis title too long for one line).
std::pair<std::string, std::string> split_in_two(const std::string& text) {
    const auto middle = text.size() / 2;
    std::size_t best = std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == ' ' && (best == std::string::npos || (i > middle ? i - middle : middle - i) <
                                                                (best > middle ? best - middle : middle - best)))
            best = i;
    if (best == std::string::npos) return {text, ""};
    return {text.substr(0, best), text.substr(best + 1)};
}

std::string open_svg(const std::string& title, double h = height) {
    std::string out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                      num(width) + " " + num(h) + "\" width=\"" + num(width) + "\" height=\"" + num(h) +
                      "\">\n<title>" + html_escape(title) + "</title>\n";
    const auto text = [&](const std::string& line, double y, double size) {
        return "<text class=\"chart-title\" x=\"" + num(width / 2) + "\" y=\"" + num(y) +
               "\" text-anchor=\"middle\" font-size=\"" + num(size) + "\" font-weight=\"bold\">" + html_escape(line) +
               "</text>\n";
    };
    const double room = width - 16;
    if (text_width(title, 15, true) <= room) return out + text(title, 22, 15);
    if (text_width(title, 13, true) <= room) return out + text(title, 22, 13);
    const auto [first, second] = split_in_two(title);
    return out + text(first, 15, 12.5) + text(second, 31, 12.5);
}

struct LegendItem {
    enum class Kind { band, line, dashed, bar, outline, dot, interval, marker } kind;
    std::string colour;
    std::string name;
    double opacity = 0.25;
};

std::string legend(const std::vector<LegendItem>& items, double y) {
    // Laid out left to right, wrapping to a second row if needed.
    std::string out = "<g class=\"legend\" font-size=\"12\">\n";
    double x = left;
    for (const auto& item : items) {
        const double item_width = text_width(item.name, 12) + 40;
        if (x + item_width > width - right && x > left) {
            x = left;
            y += 18;
        }
        const auto sx = num(x), sy = num(y);
        switch (item.kind) {
            case LegendItem::Kind::band:
                out += "<rect x=\"" + sx + "\" y=\"" + num(y - 9) + "\" width=\"20\" height=\"12\" fill=\"" +
                       item.colour + "\" fill-opacity=\"" + num(item.opacity) + "\"/>";
                break;
            case LegendItem::Kind::line:
            case LegendItem::Kind::dashed:
                out += "<line x1=\"" + sx + "\" y1=\"" + num(y - 3) + "\" x2=\"" + num(x + 20) + "\" y2=\"" +
                       num(y - 3) + "\" stroke=\"" + item.colour + "\" stroke-width=\"2.5\"" +
                       (item.kind == LegendItem::Kind::dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>";
                break;
            case LegendItem::Kind::bar:
                out += "<rect x=\"" + sx + "\" y=\"" + num(y - 9) + "\" width=\"20\" height=\"12\" fill=\"" +
                       item.colour + "\"/>";
                break;
            case LegendItem::Kind::outline:
                out += "<rect x=\"" + sx + "\" y=\"" + num(y - 9) +
                       "\" width=\"20\" height=\"12\" fill=\"none\" stroke=\"" + item.colour +
                       "\" stroke-width=\"2\"/>";
                break;
            case LegendItem::Kind::dot:
                out += "<circle cx=\"" + num(x + 10) + "\" cy=\"" + num(y - 3) + "\" r=\"4\" fill=\"" + item.colour +
                       "\"/>";
                break;
            case LegendItem::Kind::marker:
                out += "<circle cx=\"" + num(x + 10) + "\" cy=\"" + num(y - 3) +
                       "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" + item.colour + "\" stroke-width=\"2\"/>";
                break;
            case LegendItem::Kind::interval:
                out += "<line x1=\"" + num(x + 10) + "\" y1=\"" + num(y - 10) + "\" x2=\"" + num(x + 10) + "\" y2=\"" +
                       num(y + 4) + "\" stroke=\"" + item.colour + "\" stroke-width=\"1.5\"/>";
                break;
        }
        out += "<text x=\"" + num(x + 26) + "\" y=\"" + sy + "\">" + html_escape(item.name) + "</text>\n";
        x += item_width;
    }
    return out + "</g>\n";
}

/// A linear map from data to pixels.
struct Scale {
    double d0, d1, p0, p1;
    double operator()(double v) const { return d1 == d0 ? (p0 + p1) / 2 : p0 + (v - d0) * (p1 - p0) / (d1 - d0); }
};

void extend(double& lo, double& hi, double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
}

/// y axis with grid lines and tick labels; returns the scale.
Scale y_axis(std::string& out, double lo, double hi, NumberKind kind, const std::string& label, bool include_zero,
             double plot_bottom) {
    if (include_zero) {
        lo = std::min(lo, 0.0);
        hi = std::max(hi, 0.0);
    }
    if (!(lo < hi)) {
        const double pad = std::max(std::fabs(lo) * 0.1, 1.0);
        lo -= pad;
        hi += pad;
    }
    const auto ticks = nice_ticks(lo, hi, 5);
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    const Scale y{ticks.front(), ticks.back(), plot_bottom, top};
    out += "<g class=\"y-axis\" font-size=\"11\">\n";
    for (const double t : ticks) {
        const auto py = num(y(t));
        out += "<line x1=\"" + num(left) + "\" y1=\"" + py + "\" x2=\"" + num(width - right) + "\" y2=\"" + py +
               "\" stroke=\"#dddddd\"/>";
        out += "<text x=\"" + num(left - 6) + "\" y=\"" + num(y(t) + 4) + "\" text-anchor=\"end\">" +
               html_escape(tick_label(kind, t, step)) + "</text>\n";
    }
    // The title along the axis, on two lines if one would run past the plot's height.
    const double middle = (top + plot_bottom) / 2;
    const auto title_line = [&](const std::string& line, double x, double size) {
        return "<text class=\"axis-title\" x=\"" + num(x) + "\" y=\"" + num(middle) + "\" transform=\"rotate(-90 " +
               num(x) + " " + num(middle) + ")\" text-anchor=\"middle\" font-size=\"" + num(size) + "\">" +
               html_escape(line) + "</text>\n";
    };
    if (text_width(label, 12) <= plot_bottom - top + 20) {
        out += title_line(label, 14, 12);
    } else {
        const auto [first, second] = split_in_two(label);
        out += title_line(first, 12, 11) + title_line(second, 25, 11);
    }
    out += "</g>\n";
    // An axis that does not reach zero is marked as cut: a break on the axis and a note.
    if (ticks.front() > 0 || ticks.back() < 0) {
        const double at = ticks.front() > 0 ? plot_bottom - 6 : top + 6;
        out += "<g class=\"axis-cut\"><title>The y axis does not start at zero</title><path d=\"M" + num(left - 5) +
               "," + num(at + 3) + "L" + num(left + 5) + "," + num(at - 1) + "M" + num(left - 5) + "," + num(at + 7) +
               "L" + num(left + 5) + "," + num(at + 3) +
               "\" stroke=\"#a00000\" stroke-width=\"1.5\"/><text x=\"4\" y=\"" + num(plot_bottom + 36) +
               "\" font-size=\"10\" fill=\"#a00000\">y axis not from 0</text></g>\n";
    }
    return y;
}

std::string path_through(const std::vector<double>& xs, const std::vector<double>& ys) {
    std::string d;
    bool pen_down = false;
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) {
        if (!std::isfinite(ys[i])) {
            pen_down = false;
            continue;
        }
        d += (pen_down ? "L" : "M") + num(xs[i]) + "," + num(ys[i]);
        pen_down = true;
    }
    return d;
}

}  // namespace

std::vector<double> nice_ticks(double low, double high, int count) {
    if (!(high > low)) high = low + 1;
    const double raw = (high - low) / std::max(count, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude * (1 + 1e-9)) {
            step = m * magnitude;
            break;
        }
    const double first = std::floor(low / step + 1e-9) * step;
    const double last = std::ceil(high / step - 1e-9) * step;
    std::vector<double> ticks;
    for (double t = first; t <= last + step * 1e-6; t += step) ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    if (ticks.size() < 2) ticks.push_back(first + step);
    return ticks;
}

std::string xy_chart(const XYChart& c) {
    std::string out = open_svg(c.title);
    const double plot_bottom = height - bottom;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& b : c.bands)
        for (std::size_t i = 0; i < c.x.size(); ++i) {
            if (i < b.low.size()) extend(lo, hi, b.low[i]);
            if (i < b.high.size()) extend(lo, hi, b.high[i]);
        }
    for (const auto& l : c.lines)
        for (const double v : l.values) extend(lo, hi, v);
    for (const auto& p : c.points)
        for (const double v : p.values) extend(lo, hi, v);
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    const Scale y = y_axis(out, lo, hi, c.kind, c.y_label, c.include_zero || c.zero_line, plot_bottom);
    // x axis: years, with a label every 1, 2, 5 or 10 years so that at most about 10 show.
    const double x0 = c.x.empty() ? 0 : c.x.front(), x1 = c.x.empty() ? 1 : c.x.back();
    const Scale x{x0, x1, left + 8, width - right - 8};
    std::vector<double> px;
    for (const int v : c.x) px.push_back(x(v));
    const int span = static_cast<int>(x1 - x0);
    // Labels at least their own width (and a gap) apart: at most about 10, never overlapping.
    double label_room = 8;
    for (std::size_t i = 0; i < c.x.size(); ++i)
        label_room = std::max(
            label_room, text_width(i < c.x_tick_labels.size() ? c.x_tick_labels[i] : std::to_string(c.x[i]), 11) + 8);
    const double per_year = span > 0 ? (x.p1 - x.p0) / span : x.p1 - x.p0;
    int every = 1;
    for (const int e : {1, 2, 5, 10, 20, 50})
        if (span / e <= 9 && e * per_year >= label_room) {
            every = e;
            break;
        }
    out += "<g class=\"x-axis\" font-size=\"11\">\n<line x1=\"" + num(left) + "\" y1=\"" + num(plot_bottom) +
           "\" x2=\"" + num(width - right) + "\" y2=\"" + num(plot_bottom) + "\" stroke=\"#555555\"/>\n";
    for (std::size_t i = 0; i < c.x.size(); ++i) {
        // Round years are labelled (2020, 2025), and the ends when no label is near them.
        const int v = c.x[i];
        const int next_round = (v + every - 1) / every * every, previous_round = v / every * every;
        const bool far_first = i == 0 && (next_round - v) * per_year >= label_room;
        const bool far_last = i + 1 == c.x.size() && (v - previous_round) * per_year >= label_room;
        const bool labelled = v % every == 0 || far_first || far_last;
        out += "<line x1=\"" + num(px[i]) + "\" y1=\"" + num(plot_bottom) + "\" x2=\"" + num(px[i]) + "\" y2=\"" +
               num(plot_bottom + (labelled ? 5 : 3)) + "\" stroke=\"#555555\"/>";
        if (labelled) {
            const std::string label = i < c.x_tick_labels.size() ? c.x_tick_labels[i] : std::to_string(c.x[i]);
            out += "<text x=\"" + num(px[i]) + "\" y=\"" + num(plot_bottom + 18) + "\" text-anchor=\"middle\">" +
                   html_escape(label) + "</text>";
        }
        out += "\n";
    }
    out += "<text x=\"" + num((left + width - right) / 2) + "\" y=\"" + num(plot_bottom + 36) +
           "\" text-anchor=\"middle\" font-size=\"12\">" + html_escape(c.x_label) + "</text>\n</g>\n";
    std::vector<LegendItem> items;
    out += "<g class=\"data\">\n";
    if (c.zero_line)
        out += "<line class=\"zero\" x1=\"" + num(left) + "\" y1=\"" + num(y(0)) + "\" x2=\"" + num(width - right) +
               "\" y2=\"" + num(y(0)) + "\" stroke=\"#000000\" stroke-width=\"1\"/>\n";
    for (const auto& b : c.bands) {
        std::string d;
        bool any = false;
        for (std::size_t i = 0; i < px.size() && i < b.high.size(); ++i)
            if (std::isfinite(b.high[i])) {
                d += (any ? "L" : "M") + num(px[i]) + "," + num(y(b.high[i]));
                any = true;
            }
        for (std::size_t i = std::min(px.size(), b.low.size()); i-- > 0;)
            if (std::isfinite(b.low[i])) d += "L" + num(px[i]) + "," + num(y(b.low[i]));
        if (any)
            out += "<path class=\"band\" d=\"" + d + "Z\" fill=\"" + b.colour + "\" fill-opacity=\"" + num(b.opacity) +
                   "\" stroke=\"none\"/>\n";
        items.push_back({LegendItem::Kind::band, b.colour, b.name, b.opacity});
    }
    for (const auto& l : c.lines) {
        std::vector<double> py;
        for (const double v : l.values) py.push_back(std::isfinite(v) ? y(v) : v);
        const auto d = path_through(px, py);
        if (!d.empty())
            out += "<path class=\"line\" d=\"" + d + "\" fill=\"none\" stroke=\"" + l.colour +
                   "\" stroke-width=\"2.5\"" + (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>\n";
        // A single point still shows.
        if (px.size() == 1 && !l.values.empty() && std::isfinite(l.values[0]))
            out += "<circle cx=\"" + num(px[0]) + "\" cy=\"" + num(y(l.values[0])) + "\" r=\"3\" fill=\"" + l.colour +
                   "\"/>\n";
        items.push_back({l.dashed ? LegendItem::Kind::dashed : LegendItem::Kind::line, l.colour, l.name});
    }
    for (const auto& p : c.points) {
        for (std::size_t i = 0; i < px.size() && i < p.values.size(); ++i) {
            if (!std::isfinite(p.values[i])) continue;
            const std::string label = i < c.x_tick_labels.size() ? c.x_tick_labels[i] : std::to_string(c.x[i]);
            out += "<circle class=\"point\" cx=\"" + num(px[i]) + "\" cy=\"" + num(y(p.values[i])) +
                   "\" r=\"4.5\" fill=\"#ffffff\" stroke=\"" + p.colour + "\" stroke-width=\"2\"><title>" +
                   html_escape(p.name + ", " + label + ": " + format_value(c.kind, p.values[i])) +
                   "</title></circle>\n";
        }
        items.push_back({LegendItem::Kind::marker, p.colour, p.name});
    }
    out += "</g>\n" + legend(items, height - 34) + "</svg>\n";
    return out;
}

std::string bar_chart(const BarChart& c) {
    std::string out = open_svg(c.title);
    const double plot_bottom = height - bottom;
    double lo = 0, hi = 0;
    bool intervals = false;
    for (const auto& b : c.bars) {
        extend(lo, hi, b.value);
        if (std::isfinite(b.low) && std::isfinite(b.high) && (b.low != b.value || b.high != b.value)) {
            intervals = true;
            extend(lo, hi, b.low);
            extend(lo, hi, b.high);
        }
    }
    const Scale y = y_axis(out, lo, hi, c.kind, c.y_label, true, plot_bottom);
    const double slot = (width - right - left) / std::max<double>(1, static_cast<double>(c.bars.size()));
    const double bar_width = std::max(2.0, slot * 0.7);
    double label_room = 8;
    for (const auto& b : c.bars) label_room = std::max(label_room, text_width(b.label, 11) + 8);
    const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil(label_room / slot)));
    out += "<g class=\"data\">\n";
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        const auto& b = c.bars[i];
        const double cx = left + slot * (static_cast<double>(i) + 0.5);
        const double y0 = y(0), y1 = y(b.value);
        const double h = std::max(std::fabs(y1 - y0), 0.5);
        out += "<rect class=\"bar\" x=\"" + num(cx - bar_width / 2) + "\" y=\"" + num(std::min(y0, y1)) +
               "\" width=\"" + num(bar_width) + "\" height=\"" + num(h) + "\" fill=\"" + c.colour + "\"><title>" +
               html_escape(b.label + ": " + format_value(c.kind, b.value)) + "</title></rect>\n";
        if (intervals && std::isfinite(b.low) && std::isfinite(b.high)) {
            const auto x = num(cx);
            out += "<line class=\"interval\" x1=\"" + x + "\" y1=\"" + num(y(b.low)) + "\" x2=\"" + x + "\" y2=\"" +
                   num(y(b.high)) + "\" stroke=\"#222222\" stroke-width=\"1.5\"/>";
            for (const double v : {b.low, b.high})
                out += "<line x1=\"" + num(cx - 4) + "\" y1=\"" + num(y(v)) + "\" x2=\"" + num(cx + 4) + "\" y2=\"" +
                       num(y(v)) + "\" stroke=\"#222222\" stroke-width=\"1.5\"/>";
            out += "\n";
        }
        if (i % every == 0)
            out += "<text x=\"" + num(cx) + "\" y=\"" + num(plot_bottom + 18) +
                   "\" text-anchor=\"middle\" font-size=\"11\">" + html_escape(b.label) + "</text>\n";
    }
    out += "<line x1=\"" + num(left) + "\" y1=\"" + num(y(0)) + "\" x2=\"" + num(width - right) + "\" y2=\"" +
           num(y(0)) + "\" stroke=\"#555555\"/>\n</g>\n";
    out += "<text x=\"" + num((left + width - right) / 2) + "\" y=\"" + num(plot_bottom + 36) +
           "\" text-anchor=\"middle\" font-size=\"12\">" + html_escape(c.x_label) + "</text>\n";
    std::vector<LegendItem> items = {{LegendItem::Kind::bar, c.colour, c.value_name}};
    if (intervals) items.push_back({LegendItem::Kind::interval, "#222222", c.interval_name});
    out += legend(items, height - 34) + "</svg>\n";
    return out;
}

std::string pyramid_chart(const Pyramid& c) {
    const double row_height = 14;
    const double chart_height = top + row_height * static_cast<double>(c.groups.size()) + 80;
    std::string out = open_svg(c.title, chart_height);
    const double mid = width / 2, label_half = 28;
    const double plot_bottom = top + row_height * static_cast<double>(c.groups.size());
    double hi = 1;
    for (const auto* v : {&c.male_first, &c.female_first, &c.male_second, &c.female_second})
        for (const double x : *v) hi = std::max(hi, x);
    const auto ticks = nice_ticks(0, hi, 3);
    const double max_value = ticks.back();
    const double half = mid - label_half - 20;
    const auto bar_length = [&](double v) { return half * v / max_value; };
    const char* male_colour = "#3b6fb6";
    const char* female_colour = "#c0504d";
    out += "<g class=\"x-axis\" font-size=\"11\">\n";
    for (const double t : ticks) {
        for (const int side : {-1, 1}) {
            const double x = mid + side * (label_half + bar_length(t));
            out += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
                   num(plot_bottom) + "\" stroke=\"#dddddd\"/><text x=\"" + num(x) + "\" y=\"" + num(plot_bottom + 14) +
                   "\" text-anchor=\"middle\">" + html_escape(format_count(t)) + "</text>\n";
        }
    }
    out += "<text x=\"" + num(mid) + "\" y=\"" + num(plot_bottom + 32) +
           "\" text-anchor=\"middle\" font-size=\"12\">people (mean across replicates); males left, females right; age "
           "group in the middle</text>\n</g>\n<g class=\"data\">\n";
    const std::size_t n = c.groups.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double y = plot_bottom - row_height * static_cast<double>(i + 1);
        out += "<text x=\"" + num(mid) + "\" y=\"" + num(y + row_height - 3) +
               "\" text-anchor=\"middle\" font-size=\"10\">" + html_escape(c.groups[i]) + "</text>\n";
        const auto bar = [&](double value, int side, const char* colour, bool filled) {
            const double length = std::max(bar_length(value), 0.5);
            const double x = side < 0 ? mid - label_half - length : mid + label_half;
            return "<rect class=\"bar\" x=\"" + num(x) + "\" y=\"" + num(y + 1) + "\" width=\"" + num(length) +
                   "\" height=\"" + num(row_height - 2) + "\" " +
                   (filled ? std::string("fill=\"") + colour + "\" fill-opacity=\"0.55\""
                           : std::string("fill=\"none\" stroke=\"") + colour + "\" stroke-width=\"1.5\"") +
                   "/>";
        };
        out += bar(c.male_first[i], -1, male_colour, true) + bar(c.female_first[i], 1, female_colour, true) +
               bar(c.male_second[i], -1, "#1f3f73", false) + bar(c.female_second[i], 1, "#7a2320", false) + "\n";
    }
    out += "</g>\n";
    out += legend({{LegendItem::Kind::bar, male_colour, "Males " + c.first_name},
                   {LegendItem::Kind::bar, female_colour, "Females " + c.first_name},
                   {LegendItem::Kind::outline, "#1f3f73", "Males " + c.second_name},
                   {LegendItem::Kind::outline, "#7a2320", "Females " + c.second_name}},
                  chart_height - 18);
    return out + "</svg>\n";
}

std::string range_chart(const RangeChart& c) {
    const double row_height = 34;
    const double label_width = 190;
    const double chart_height = top + row_height * static_cast<double>(c.ranges.size()) + 86;
    std::string out = open_svg(c.title, chart_height);
    const double plot_bottom = top + row_height * static_cast<double>(c.ranges.size());
    double hi = 1;
    for (const auto& r : c.ranges) hi = std::max({hi, r.p75, r.mean, r.median});
    const auto ticks = nice_ticks(0, hi, 5);
    const Scale x{0, ticks.back(), left + label_width - 60, width - right};
    out += "<g class=\"x-axis\" font-size=\"11\">\n";
    for (const double t : ticks)
        out += "<line x1=\"" + num(x(t)) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x(t)) + "\" y2=\"" +
               num(plot_bottom) + "\" stroke=\"#dddddd\"/><text x=\"" + num(x(t)) + "\" y=\"" + num(plot_bottom + 14) +
               "\" text-anchor=\"middle\">" + html_escape(format_count(t)) + "</text>\n";
    // Centred on the plot if it fits there, else on the chart.
    const double label_x =
        text_width(c.x_label, 12) / 2 <= width - (x.p0 + x.p1) / 2 - 4 ? (x.p0 + x.p1) / 2 : width / 2;
    out += "<text x=\"" + num(label_x) + "\" y=\"" + num(plot_bottom + 32) +
           "\" text-anchor=\"middle\" font-size=\"12\">" + html_escape(c.x_label) +
           "</text>\n</g>\n<g class=\"data\">\n";
    for (std::size_t i = 0; i < c.ranges.size(); ++i) {
        const auto& r = c.ranges[i];
        const double y = top + row_height * static_cast<double>(i);
        out += "<text x=\"" + num(x.p0 - 8) + "\" y=\"" + num(y + row_height / 2 + 4) +
               "\" text-anchor=\"end\" font-size=\"11\">" + html_escape(r.label) + "</text>";
        out += "<rect class=\"bar\" x=\"" + num(x(r.p25)) + "\" y=\"" + num(y + 8) + "\" width=\"" +
               num(std::max(x(r.p75) - x(r.p25), 1.0)) + "\" height=\"" + num(row_height - 16) +
               "\" fill=\"#9bbbe0\" stroke=\"#3b6fb6\"/>";
        out += "<line x1=\"" + num(x(r.median)) + "\" y1=\"" + num(y + 6) + "\" x2=\"" + num(x(r.median)) + "\" y2=\"" +
               num(y + row_height - 6) + "\" stroke=\"#1f3f73\" stroke-width=\"3\"/>";
        out +=
            "<circle cx=\"" + num(x(r.mean)) + "\" cy=\"" + num(y + row_height / 2) + "\" r=\"4\" fill=\"#c0504d\"/>\n";
    }
    out += "</g>\n";
    out += legend({{LegendItem::Kind::band, "#3b6fb6", "25th to 75th percentile", 0.5},
                   {LegendItem::Kind::line, "#1f3f73", "Median"},
                   {LegendItem::Kind::dot, "#c0504d", "Mean"}},
                  chart_height - 18);
    return out + "</svg>\n";
}

}  // namespace carecast::report::svg
