#pragma once
// SvgChart: a small, dependency-free line chart in SVG (axes with round ticks, a linear or
// logarithmic y axis, one polyline with markers per series that has a point to draw, a legend),
// enough for the report's figures to open in any browser or render on GitHub. Pure: data in,
// text out.

#include <string>
#include <vector>

namespace bench {

struct ChartSeries {
    std::string name;
    std::vector<std::pair<double, double>> points;  // (x, y); drawn in the order given
    bool dashed = false;                            // e.g. a bound rather than a measurement
};

struct SvgChart {
    std::string title;
    std::string x_label;
    std::string y_label;
    bool log_y = false;  // points with y <= 0 are left out on a log axis
    std::vector<ChartSeries> series;
};

std::string render_svg(const SvgChart& chart);

}  // namespace bench
