// The spread of a level's repeated makespans: min-max for 2 or 3 runs, the interquartile range
// for 4 or more, and none for one run.
#include <gtest/gtest.h>

#include "bench/spread.hpp"

namespace bench {
namespace {

TEST(Spread, OneRunHasNone) {
    EXPECT_FALSE(spread_of({}));
    EXPECT_FALSE(spread_of({0.5}));
}

TEST(Spread, TwoOrThreeRunsGiveTheirWholeRange) {
    const auto spread = spread_of({0.30, 0.10, 0.20});
    ASSERT_TRUE(spread);
    EXPECT_EQ(spread->kind, "min-max");
    EXPECT_DOUBLE_EQ(spread->low, 0.10);
    EXPECT_DOUBLE_EQ(spread->high, 0.30);
    EXPECT_EQ(spread->runs, 3);
}

TEST(Spread, FourOrMoreRunsGiveTheInterquartileRange) {
    // Linear between the closest ranks (numpy's default): {1, 2, 3, 4} -> 1.75 and 3.25.
    const auto four = spread_of({4, 1, 3, 2});
    ASSERT_TRUE(four);
    EXPECT_EQ(four->kind, "IQR");
    EXPECT_DOUBLE_EQ(four->low, 1.75);
    EXPECT_DOUBLE_EQ(four->high, 3.25);
    // One wild run of nine does not set the width.
    const auto nine = spread_of({1, 1, 1, 1, 1, 1, 1, 1, 100});
    ASSERT_TRUE(nine);
    EXPECT_DOUBLE_EQ(nine->low, 1);
    EXPECT_DOUBLE_EQ(nine->high, 1);
}

TEST(Spread, DescribedWithItsKindAndCount) {
    EXPECT_EQ(describe(*spread_of({0.1, 0.25}), 2), "0.10-0.25 s (min-max of 2)");
    EXPECT_EQ(describe(*spread_of({1, 2, 3, 4}), 3, "–"), "1.750–3.250 s (IQR of 4)");
}

}  // namespace
}  // namespace bench
