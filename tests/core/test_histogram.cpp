#include <gtest/gtest.h>

#include <random>

#include "qa/metrics/histogram.hpp"

namespace qa {
namespace {

using std::chrono::microseconds;

TEST(LatencyHistogram, EmptyReportsZero) {
    LatencyHistogram h;
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.percentile(0.99), microseconds(0));
    EXPECT_EQ(h.min(), microseconds(0));
}

TEST(LatencyHistogram, SmallValuesAreExact) {
    LatencyHistogram h;
    for (int v = 1; v <= 100; ++v)
        h.record(microseconds(v));
    EXPECT_EQ(h.percentile(0.5), microseconds(50));
    EXPECT_EQ(h.percentile(0.99), microseconds(99));
    EXPECT_EQ(h.percentile(1.0), microseconds(100));
    EXPECT_EQ(h.min(), microseconds(1));
    EXPECT_DOUBLE_EQ(h.mean_us(), 50.5);
}

TEST(LatencyHistogram, BucketsStayWithinTwoPercent) {
    for (std::uint64_t v : {128ull, 129ull, 1000ull, 65535ull, 500000ull, 123456789ull}) {
        const auto edge = LatencyHistogram::bucket_upper_edge(LatencyHistogram::bucket_of(v));
        EXPECT_GE(edge, v);
        EXPECT_LE(static_cast<double>(edge - v), 0.02 * static_cast<double>(v)) << v;
    }
}

TEST(LatencyHistogram, PercentilesTrackASortedSample) {
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> dist(std::log(500000.0), 0.5);
    std::vector<std::int64_t> values;
    LatencyHistogram h;
    for (int i = 0; i < 20000; ++i) {
        values.push_back(static_cast<std::int64_t>(dist(rng)));
        h.record(microseconds(values.back()));
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.5, 0.9, 0.99, 0.999}) {
        const auto exact = static_cast<double>(values[static_cast<std::size_t>(q * 20000) - 1]);
        const auto approx = static_cast<double>(h.percentile(q).count());
        EXPECT_NEAR(approx, exact, exact * 0.02) << q;
    }
    EXPECT_EQ(h.max().count(), values.back());
}

TEST(LatencyHistogram, MergeEqualsRecordingEverything) {
    LatencyHistogram a, b, all;
    for (int v = 1; v < 5000; v += 3) {
        (v % 2 ? a : b).record(microseconds(v * 37));
        all.record(microseconds(v * 37));
    }
    a.merge(b);
    EXPECT_EQ(a.count(), all.count());
    for (double q : {0.1, 0.5, 0.9, 0.99})
        EXPECT_EQ(a.percentile(q), all.percentile(q));
    EXPECT_EQ(a.max(), all.max());
    EXPECT_EQ(a.min(), all.min());
}

}  // namespace
}  // namespace qa

namespace qa {
namespace {

TEST(HistogramSnapshot, RoundTripsExactlyAndMergesLikeTheOriginals) {
    LatencyHistogram a;
    LatencyHistogram b;
    for (int i = 1; i <= 1000; ++i)
        a.record(std::chrono::microseconds(i * 37));
    for (int i = 1; i <= 500; ++i)
        b.record(std::chrono::microseconds(i * 1001));
    auto copy_a = LatencyHistogram::from_snapshot(a.snapshot());
    auto copy_b = LatencyHistogram::from_snapshot(b.snapshot());
    ASSERT_TRUE(copy_a && copy_b);
    copy_a->merge(*copy_b);
    a.merge(b);
    for (double q : {0.0, 0.5, 0.9, 0.99, 0.999, 1.0})
        EXPECT_EQ(copy_a->percentile(q), a.percentile(q)) << q;
    EXPECT_EQ(copy_a->count(), 1500u);
    EXPECT_EQ(copy_a->max(), a.max());
    EXPECT_EQ(copy_a->min(), a.min());
    EXPECT_DOUBLE_EQ(copy_a->mean_us(), a.mean_us());
}

TEST(HistogramSnapshot, RefusesWhatDoesNotAddUp) {
    HistogramSnapshot wrong_count{{{3, 2}}, 3, 10, 5, 1};
    EXPECT_FALSE(LatencyHistogram::from_snapshot(wrong_count));
    HistogramSnapshot out_of_range{{{1u << 30, 1}}, 1, 10, 5, 1};
    EXPECT_FALSE(LatencyHistogram::from_snapshot(out_of_range));
    EXPECT_TRUE(LatencyHistogram::from_snapshot(HistogramSnapshot{}));
}

}  // namespace
}  // namespace qa
