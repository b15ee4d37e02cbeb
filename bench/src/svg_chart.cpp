#include "bench/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace bench {
namespace {

constexpr double kWidth = 720;
constexpr double kHeight = 420;
constexpr double kLeft = 80;    // room for tick labels and the y label
constexpr double kRight = 180;  // room for the legend
constexpr double kTop = 40;
constexpr double kBottom = 60;
constexpr const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                   "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
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
            default:
                out += c;
        }
    }
    return out;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

// Round tick positions covering [low, high]: 1, 2 or 5 times a power of ten apart.
std::vector<double> linear_ticks(double low, double high) {
    const double span = high - low;
    const double raw = span / 5;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * magnitude;
        if (span / step <= 6)
            break;
    }
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step) * step; tick <= high + step * 1e-9; tick += step)
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0 : tick);
    return ticks;
}

struct Range {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    void add(double v) {
        low = std::min(low, v);
        high = std::max(high, v);
    }
    bool empty() const { return low > high; }
};

}  // namespace

std::string render_svg(const SvgChart& chart) {
    Range xs;
    Range ys;
    for (const auto& series : chart.series) {
        for (const auto& [x, y] : series.points) {
            if (chart.log_y && y <= 0)
                continue;
            xs.add(x);
            ys.add(chart.log_y ? std::log10(y) : y);
        }
    }
    if (xs.empty()) {
        xs.add(0);
        xs.add(1);
        ys.add(0);
        ys.add(1);
    }
    if (xs.high == xs.low)
        xs.high = xs.low + 1;
    if (chart.log_y) {
        ys.low = std::floor(ys.low);
        ys.high = std::max(std::ceil(ys.high), ys.low + 1);
    } else {
        ys.low = std::min(0.0, ys.low);  // linear axes start at zero: bars of time read honestly
        if (ys.high <= ys.low)
            ys.high = ys.low + 1;
        ys.high += (ys.high - ys.low) * 0.05;
    }

    const double plot_w = kWidth - kLeft - kRight;
    const double plot_h = kHeight - kTop - kBottom;
    const auto px = [&](double x) { return kLeft + (x - xs.low) / (xs.high - xs.low) * plot_w; };
    const auto py = [&](double y) {
        return kTop + plot_h - (y - ys.low) / (ys.high - ys.low) * plot_h;
    };

    std::string svg;
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(kWidth) + "\" height=\"" +
           number(kHeight) + "\" viewBox=\"0 0 " + number(kWidth) + ' ' + number(kHeight) +
           "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg += "<text x=\"" + number(kWidth / 2) + "\" y=\"24\" text-anchor=\"middle\" " +
           "font-size=\"15\">" + escape(chart.title) + "</text>\n";

    // Grid and ticks.
    for (double tick : linear_ticks(xs.low, xs.high)) {
        const double x = px(tick);
        svg += "<line x1=\"" + number(x) + "\" y1=\"" + number(kTop) + "\" x2=\"" + number(x) +
               "\" y2=\"" + number(kTop + plot_h) + "\" stroke=\"#eee\"/>\n";
        svg += "<text x=\"" + number(x) + "\" y=\"" + number(kTop + plot_h + 16) +
               "\" text-anchor=\"middle\">" + number(tick) + "</text>\n";
    }
    std::vector<double> y_ticks;
    if (chart.log_y) {
        for (double decade = ys.low; decade <= ys.high; decade += 1)
            y_ticks.push_back(decade);
    } else {
        y_ticks = linear_ticks(ys.low, ys.high);
    }
    for (double tick : y_ticks) {
        const double y = py(tick);
        svg += "<line x1=\"" + number(kLeft) + "\" y1=\"" + number(y) + "\" x2=\"" +
               number(kLeft + plot_w) + "\" y2=\"" + number(y) + "\" stroke=\"#eee\"/>\n";
        svg += "<text x=\"" + number(kLeft - 6) + "\" y=\"" + number(y + 4) +
               "\" text-anchor=\"end\">" + number(chart.log_y ? std::pow(10, tick) : tick) +
               "</text>\n";
    }
    svg += "<rect x=\"" + number(kLeft) + "\" y=\"" + number(kTop) + "\" width=\"" +
           number(plot_w) + "\" height=\"" + number(plot_h) +
           "\" fill=\"none\" stroke=\"#333\"/>\n";
    svg += "<text x=\"" + number(kLeft + plot_w / 2) + "\" y=\"" + number(kHeight - 16) +
           "\" text-anchor=\"middle\">" + escape(chart.x_label) + "</text>\n";
    svg += "<text transform=\"translate(18," + number(kTop + plot_h / 2) +
           ") rotate(-90)\" text-anchor=\"middle\">" + escape(chart.y_label) +
           (chart.log_y ? " (log scale)" : "") + "</text>\n";

    // Series and legend. A series with no point on the axes (no data, or none above zero on a
    // log axis) is left out, legend and all, rather than drawn as an empty line.
    std::size_t drawn = 0;
    for (const auto& series : chart.series) {
        const std::string color = kColors[drawn % std::size(kColors)];
        std::string points;
        std::string markers;
        for (const auto& [x, y] : series.points) {
            if (chart.log_y && y <= 0)
                continue;
            const double sx = px(x);
            const double sy = py(chart.log_y ? std::log10(y) : y);
            points += number(sx) + ',' + number(sy) + ' ';
            markers += "<circle cx=\"" + number(sx) + "\" cy=\"" + number(sy) +
                       "\" r=\"3\" fill=\"" + color + "\"><title>" + escape(series.name) +
                       ": x=" + number(x) + " y=" + number(y) + "</title></circle>\n";
        }
        if (points.empty())
            continue;
        svg += "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"" +
               (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + points +
               "\"/>\n" + markers;
        const double ly = kTop + 12 + static_cast<double>(drawn) * 20;
        const double lx = kLeft + plot_w + 16;
        svg += "<line x1=\"" + number(lx) + "\" y1=\"" + number(ly) + "\" x2=\"" + number(lx + 24) +
               "\" y2=\"" + number(ly) + "\" stroke=\"" + color + "\" stroke-width=\"2\"" +
               (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
        svg += "<text x=\"" + number(lx + 30) + "\" y=\"" + number(ly + 4) + "\">" +
               escape(series.name) + "</text>\n";
        ++drawn;
    }
    svg += "</svg>\n";
    return svg;
}

}  // namespace bench
