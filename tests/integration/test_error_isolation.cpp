// One failing call blocks none of the others: every other outcome is present and ok, the failure
// carries its reason, and the log names the failed function.
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MockBackedTest, OneFailedCallBlocksNoOther) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(20ms);
    start_mock(config);
    auto tasks = numbered_tasks(30);
    tasks[7].request.messages.clear();  // the mock refuses a request without messages: 422
    auto sink = std::make_shared<MemorySink>();

    const auto result = run_phase(tasks, fast_settings(10), Logger(sink, LogLevel::info));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->outcomes.size(), 30u);
    EXPECT_EQ(result->successful, 29u);
    EXPECT_EQ(result->failed, 1u);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (i == 7)
            continue;
        EXPECT_TRUE(result->outcomes[i].result) << "task " << i << " was lost";
    }
    const auto& failed = result->outcomes[7].result;
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().kind, CallErrorKind::http_status);
    EXPECT_EQ(failed.error().http_status, 422);
    EXPECT_EQ(result->outcomes[7].record.attempts.size(), 1u) << "422 is never retried";

    const auto lines = sink->lines();
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "INFO Starting parallel LLM analysis: tasks=30, max_concurrent=10");
    EXPECT_TRUE(lines[1].starts_with("ERROR LLM analysis failed for function task-7: http 422"))
        << lines[1];
    EXPECT_TRUE(lines[2].starts_with(
        "INFO Parallel LLM analysis completed: successful=29, failed=1, elapsed_ms="))
        << lines[2];
}

TEST_F(MockBackedTest, UnreachableServerFailsEveryCallWithAReason) {
    start_mock({});
    const std::string url = base_url();
    server_->stop();  // nothing listens on that port any more
    server_.reset();

    Settings settings = fast_settings(5);
    settings.base_url = url;
    settings.max_retries = 1;
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    const auto tasks = numbered_tasks(12);
    const auto result =
        run_bounded(rig->ioc, run_parallel_calls(*rig->runner, tasks, Logger()), 30s);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->failed, 12u);
    for (const auto& outcome : result->outcomes) {
        ASSERT_FALSE(outcome.result);
        EXPECT_EQ(outcome.result.error().kind, CallErrorKind::connect_failed);
        EXPECT_EQ(outcome.record.attempts.size(), 2u);
    }
}

TEST_F(MockBackedTest, AttemptTimeoutClosesTheCallAndReportsIt) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2s);
    start_mock(config);
    Settings settings = fast_settings(4);
    settings.call_timeout = 50ms;
    settings.max_retries = 1;
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_phase(numbered_tasks(4), settings);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->failed, 4u);
    for (const auto& outcome : result->outcomes) {
        ASSERT_FALSE(outcome.result);
        EXPECT_EQ(outcome.result.error().kind, CallErrorKind::timeout);
    }
    // Two 50 ms attempts and a short backoff each, far below the server's 2 s.
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

}  // namespace
}  // namespace qa::test
