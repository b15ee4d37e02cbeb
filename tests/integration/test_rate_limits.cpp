// 429s are retried (honouring Retry-After) on an allowance of their own until every call
// succeeds, and retries never push the server past the limit.
#include <algorithm>

#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MockBackedTest, ThirtyPercent429sAllEndOkThroughRetries) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(5ms);
    config.profile.chaos.rate("429") = 0.3;
    config.profile.retry_after = 3ms;
    config.profile.seed = 42;
    start_mock(config);

    // The default allowance of 8 retries after 429s: a call fails only after nine 429s in a row,
    // 0.3^9 = 0.002% (the decisions are seeded, so this run is the same every time).
    Settings settings = fast_settings(10);
    ASSERT_EQ(settings.max_rate_limit_retries, limits::kMaxRateLimitRetriesDefault);
    CallMetrics metrics;
    const auto result = run_phase(numbered_tasks(91), settings, Logger(), &metrics);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 91u);
    EXPECT_GT(metrics.retries, 0u);
    EXPECT_EQ(metrics.retries, metrics.attempts_by_status[429]);
    const auto stats = settled_stats();
    EXPECT_LE(stats.max_in_flight, 10);
    EXPECT_EQ(stats.by_status.at(429), metrics.attempts_by_status[429]);
    std::size_t most_attempts = 0;
    for (const auto& outcome : result->outcomes)
        most_attempts = std::max(most_attempts, outcome.record.attempts.size());
    // Seed 42 gives one call four 429s in a row: with three retries for every kind of failure
    // (the rule before 429s had their own allowance) it would have been lost.
    EXPECT_GT(most_attempts, static_cast<std::size_t>(1 + settings.max_retries));
    // Retry-After was honoured: every retry slept the server's 3 ms hint.
    for (const auto& outcome : result->outcomes) {
        for (std::size_t a = 0; a + 1 < outcome.record.attempts.size(); ++a) {
            EXPECT_EQ(outcome.record.attempts[a].backoff, 3ms);
        }
    }
}

TEST_F(MockBackedTest, ServerErrorsAreRetriedAndCounted) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2ms);
    config.profile.chaos.rate("500") = 0.2;
    config.profile.seed = 7;
    start_mock(config);
    Settings settings = fast_settings(10);
    settings.max_retries = 10;
    CallMetrics metrics;
    const auto result = run_phase(numbered_tasks(60), settings, Logger(), &metrics);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 60u);
    EXPECT_GT(metrics.attempts_by_status[500], 0u);
    EXPECT_EQ(metrics.attempts, 60u + metrics.retries);
}

}  // namespace
}  // namespace qa::test
