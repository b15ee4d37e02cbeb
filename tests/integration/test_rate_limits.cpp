// 429s are retried (honouring Retry-After) until every call succeeds, and retries never push
// the server past the limit.
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

    Settings settings = fast_settings(10);
    settings.max_retries = 10;  // 0.3^11: no call can run out of retries in practice
    CallMetrics metrics;
    const auto result = run_phase(numbered_tasks(91), settings, Logger(), &metrics);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 91u);
    EXPECT_GT(metrics.retries, 0u);
    EXPECT_EQ(metrics.retries, metrics.attempts_by_status[429]);
    const auto stats = settled_stats();
    EXPECT_LE(stats.max_in_flight, 10);
    EXPECT_EQ(stats.by_status.at(429), metrics.attempts_by_status[429]);
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
