// The server's own time for an answer, from Server-Timing or openai-processing-ms: a duration
// is taken only where the header says unambiguously which one it is.
#include <gtest/gtest.h>

#include "qa/llm/server_timing.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

TEST(ServerTime, TheTotalMetricOfServerTiming) {
    EXPECT_EQ(parse_server_time("total;dur=5.183", ""), 5183us);
    EXPECT_EQ(parse_server_time("db;dur=2, TOTAL ; dur = 7.5 ;desc=\"all\", app;dur=4", ""),
              7500us);
    EXPECT_EQ(parse_server_time("total;desc=\"a, b; c\";dur=\"12\"", ""), 12ms);
    EXPECT_EQ(parse_server_time("total;dur=3;dur=9", ""), 3ms) << "the first dur counts";
}

TEST(ServerTime, TheOnlyMetricWithADuration) {
    EXPECT_EQ(parse_server_time("cache;desc=hit, app;dur=0.25", ""), 250us);
    EXPECT_EQ(parse_server_time("db;dur=2, app;dur=4", ""), std::nullopt) << "which one?";
    EXPECT_EQ(parse_server_time("miss, cdn;desc=x", ""), std::nullopt);
}

TEST(ServerTime, OpenAiProcessingMsWhenServerTimingSaysNothing) {
    EXPECT_EQ(parse_server_time("", "347"), 347ms);
    EXPECT_EQ(parse_server_time("db;dur=2, app;dur=4", " 12 "), 12ms);
    EXPECT_EQ(parse_server_time("total;dur=oops", "5"), 5ms);
    EXPECT_EQ(parse_server_time("total;dur=1.5", "5"), 1500us) << "the finer one wins";
}

TEST(ServerTime, WhatIsNotANonNegativeNumberOfAtMostADayIsNothing) {
    for (const char* bad : {"-1", "ten", "1e3", "nan", "inf", "", "  ", "86400001", "5ms"}) {
        EXPECT_EQ(parse_server_time("", bad), std::nullopt) << bad;
        EXPECT_EQ(parse_server_time(std::string("total;dur=") + bad, ""), std::nullopt) << bad;
    }
    EXPECT_EQ(parse_server_time("", "86400000"), 86400000ms);
    EXPECT_EQ(parse_server_time("total;dur=\"unterminated", ""), std::nullopt);
}

}  // namespace
}  // namespace qa
