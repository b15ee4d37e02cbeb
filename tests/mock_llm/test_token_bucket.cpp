// TokenBucket: continuous refill up to the capacity, debt down to -capacity, the wait until a
// level; and the Go duration format of OpenAI's x-ratelimit-reset-* headers.
#include <gtest/gtest.h>

#include "mock_llm/token_bucket.hpp"

namespace mock_llm {
namespace {

using namespace std::chrono_literals;
using Clock = TokenBucket::Clock;

TEST(TokenBucket, StartsFullRefillsContinuouslyAndNeverOverflows) {
    const auto t0 = Clock::time_point{} + 1h;
    TokenBucket bucket(10.0, 2.0, t0);
    EXPECT_EQ(bucket.level(), 10.0);
    bucket.take(10.0);
    EXPECT_EQ(bucket.level(), 0.0);
    bucket.refill(t0 + 1500ms);
    EXPECT_DOUBLE_EQ(bucket.level(), 3.0);
    bucket.refill(t0 + 1h);
    EXPECT_EQ(bucket.level(), 10.0);
    bucket.refill(t0);  // time never runs backwards
    EXPECT_EQ(bucket.level(), 10.0);
}

TEST(TokenBucket, DebtIsBoundedAndDelaysTheNextSuccess) {
    const auto t0 = Clock::time_point{} + 1h;
    TokenBucket bucket(4.0, 1.0, t0);
    for (int i = 0; i < 20; ++i) {
        bucket.take(1.0);
    }
    EXPECT_EQ(bucket.level(), -4.0);
    EXPECT_EQ(bucket.time_until(1.0), 5s);
    EXPECT_EQ(bucket.time_until_full(), 8s);
    bucket.give(100.0);
    EXPECT_EQ(bucket.level(), 4.0);
    EXPECT_EQ(bucket.time_until(1.0), 0us);
}

TEST(TokenBucket, ResetDurationsInGoFormat) {
    EXPECT_EQ(format_reset_duration(0us), "0s");
    EXPECT_EQ(format_reset_duration(1us), "1ms");
    EXPECT_EQ(format_reset_duration(20ms), "20ms");
    EXPECT_EQ(format_reset_duration(999'001us), "1000ms");
    EXPECT_EQ(format_reset_duration(1s), "1s");
    EXPECT_EQ(format_reset_duration(1500ms), "1.5s");
    EXPECT_EQ(format_reset_duration(1020ms), "1.02s");
    EXPECT_EQ(format_reset_duration(6min), "6m0s");
    EXPECT_EQ(format_reset_duration(1h + 2min + 3s), "1h2m3s");
    EXPECT_EQ(format_reset_duration(-5s), "0s");
}

}  // namespace
}  // namespace mock_llm
