// Keep-alive reuse against a real mock: a connection the server closed while idle is dropped
// before a request goes out on it, and a request lost after it went out is an attempt the
// client counts and the policy retries, never a hidden resend. So the requests the server
// read always equal the attempts the client counted.
#include <thread>

#include "mock_llm/script.hpp"
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

TEST_F(MockBackedTest, AConnectionTheServerClosedWhileIdleIsNotUsedAgain) {
    mock_llm::ServerConfig config;
    // The mock closes a connection that brings no request header for this long (the first
    // request's too: long enough for a loaded machine to send it in time).
    config.header_timeout = 200ms;
    start_mock(std::move(config));
    Settings settings = fast_settings(1);
    settings.base_url = base_url();
    settings.max_retries = 0;  // a lost request would show as a failed call
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);

    for (int phase = 0; phase < 2; ++phase) {
        const auto result = run_bounded(
            rig->ioc, run_parallel_calls(*rig->runner, numbered_tasks(1), Logger()), 20s);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->successful, 1u) << "phase " << phase;
        rig->ioc.restart();
        // The server's idle timeout passes and it closes the connection the pool keeps.
        for (const auto give_up = SteadyClock::now() + 10s;
             phase == 0 && server_->open_connections() > 0 && SteadyClock::now() < give_up;)
            std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(rig->client->pool().idle_found_closed(), 1u);
    EXPECT_EQ(rig->client->pool().connections_opened(), 2u);
    EXPECT_EQ(rig->metrics.attempts, 2u);
    EXPECT_EQ(settled_stats().requests_total, 2u);
}

TEST_F(MockBackedTest, ARequestLostAfterItWentOutIsACountedAttemptNotAHiddenResend) {
    // Every second request is read and then answered with a reset: the second call's first
    // attempt, on the connection the first call left warm.
    mock_llm::ServerConfig config;
    mock_llm::ScriptRule reset_every_second;
    reset_every_second.every = 2;
    reset_every_second.fault.kind = mock_llm::FaultKind::reset;
    config.profile.scripts = {reset_every_second};
    start_mock(std::move(config));
    Settings settings = fast_settings(1);
    settings.max_retries = 1;

    CallMetrics metrics;
    const auto result = run_phase(numbered_tasks(2), settings, Logger(), &metrics);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 2u);
    EXPECT_EQ(metrics.attempts, 3u);
    EXPECT_EQ(metrics.retries, 1u);
    EXPECT_EQ(metrics.attempts_by_error["connection_lost"], 1u);
    EXPECT_EQ(settled_stats().requests_total, metrics.attempts)
        << "the server read a request the client did not count";
}

}  // namespace
}  // namespace qa::test
