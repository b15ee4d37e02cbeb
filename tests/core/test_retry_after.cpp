#include <gtest/gtest.h>

#include "qa/llm/retry_after.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

// Sun, 06 Nov 1994 08:49:37 GMT
const auto kNow = std::chrono::system_clock::from_time_t(784111777);

TEST(ParseRetryAfter, MillisecondsHeaderWins) {
    EXPECT_EQ(parse_retry_after("250", "7", kNow), 250ms);
    EXPECT_EQ(parse_retry_after("12.5", "", kNow), 12500us);
    EXPECT_EQ(parse_retry_after("0", "", kNow), 0us);
}

TEST(ParseRetryAfter, SecondsWhenMillisecondsAbsentOrBad) {
    EXPECT_EQ(parse_retry_after("", "2", kNow), 2s);
    EXPECT_EQ(parse_retry_after("", " 1.5 ", kNow), 1500ms);
    EXPECT_EQ(parse_retry_after("soon", "3", kNow), 3s);
}

TEST(ParseRetryAfter, HttpDateRelativeToNow) {
    EXPECT_EQ(parse_retry_after("", "Sun, 06 Nov 1994 08:49:47 GMT", kNow), 10s);
    EXPECT_EQ(parse_retry_after("", "Sun, 06 Nov 1994 08:49:00 GMT", kNow), 0s);  // past
}

TEST(ParseRetryAfter, UnreadableIsAbsent) {
    for (const char* bad : {"", "-1", "abc", "1s", "Sun, 06 Xyz 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 25:49:37 GMT", "inf", "nan"}) {
        EXPECT_FALSE(parse_retry_after("", bad, kNow)) << bad;
        EXPECT_FALSE(parse_retry_after(bad, "", kNow)) << bad;
    }
}

TEST(ParseRetryAfter, AbsurdHintsAreClampedNotOverflowed) {
    const auto huge = parse_retry_after("1e300", "", kNow);
    ASSERT_FALSE(huge);  // "1e300" is not fixed notation
    const auto big = parse_retry_after("99999999999999999999", "", kNow);  // 3 billion years
    ASSERT_TRUE(big);
    EXPECT_EQ(*big, std::chrono::hours(24 * 365));
    EXPECT_EQ(parse_retry_after("", "99999999999999999999", kNow), std::chrono::hours(24 * 365));
}

}  // namespace
}  // namespace qa
