// A chart leaves out a series with nothing to draw (no points, or none above zero on a log
// axis), legend and all, instead of an empty polyline.
#include <gtest/gtest.h>

#include "bench/svg_chart.hpp"
#include "occurrences.hpp"

namespace bench {
namespace {

using qa::testing::occurrences;

TEST(SvgSeries, ASeriesWithNothingToDrawIsLeftOut) {
    SvgChart chart{"t", "x", "y", true, {}};
    chart.series.push_back({"measured", {{1, 0.5}, {10, 0.05}}, false});
    chart.series.push_back({"no data", {}, false});
    chart.series.push_back({"zeros on a log axis", {{1, 0}, {10, 0}}, true});
    const auto svg = render_svg(chart);
    EXPECT_EQ(occurrences(svg, "<polyline"), 1u);
    EXPECT_EQ(svg.find("points=\"\""), std::string::npos);
    EXPECT_EQ(svg.find("no data"), std::string::npos) << "no legend entry either";
    EXPECT_EQ(svg.find("zeros on a log axis"), std::string::npos);
    EXPECT_EQ(occurrences(svg, "stroke-dasharray"), 0u);
}

TEST(SvgSeries, ZerosOnALinearAxisAreData) {
    SvgChart chart{"t", "x", "count", false, {}};
    chart.series.push_back({"429 answers", {{1, 0}, {10, 0}}, false});
    EXPECT_EQ(occurrences(render_svg(chart), "<polyline"), 1u);
}

}  // namespace
}  // namespace bench
