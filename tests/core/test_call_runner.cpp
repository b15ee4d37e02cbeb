#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "qa/llm/call_runner.hpp"
#include "run_bounded.hpp"
#include "scripted_llm_client.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;
using test::http_error;
using test::ScriptedLlmClient;
using test::ScriptedStep;

CallPolicy fast_policy(int max_retries = 3, int max_rate_limit_retries = 8) {
    return CallPolicy{1s, true, RetryPolicy{max_retries, 1ms, 4ms, 1s, max_rate_limit_retries}};
}

ChatRequest request(std::string text) {
    ChatRequest r;
    r.messages = {{"user", std::move(text)}};
    return r;
}

TEST(LlmCallRunner, SucceedsFirstTime) {
    net::io_context ioc;
    ScriptedLlmClient client;
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, fast_policy(), metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("a")));
    ASSERT_TRUE(outcome && outcome->result);
    EXPECT_EQ(outcome->result->content, "echo:a");
    EXPECT_EQ(outcome->record.attempts.size(), 1u);
    EXPECT_EQ(metrics.calls_ok, 1u);
    EXPECT_EQ(metrics.retries, 0u);
    EXPECT_EQ(metrics.attempts_by_status[200], 1u);
}

TEST(LlmCallRunner, RetriesTransientErrorsThenSucceeds) {
    net::io_context ioc;
    ScriptedLlmClient client({{0ms, http_error(429, 2ms), 429}, {0ms, http_error(503), 503}});
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, fast_policy(), metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("b")));
    ASSERT_TRUE(outcome && outcome->result);
    ASSERT_EQ(outcome->record.attempts.size(), 3u);
    EXPECT_EQ(outcome->record.attempts[0].http_status, 429);
    EXPECT_EQ(outcome->record.attempts[0].backoff, 2ms) << "Retry-After is honoured";
    EXPECT_LE(outcome->record.attempts[1].backoff, 2ms) << "second retry: ceiling base*2";
    EXPECT_EQ(metrics.retries, 2u);
    EXPECT_EQ(metrics.attempts_by_status[429], 1u);
    EXPECT_EQ(metrics.attempts_by_status[503], 1u);
    EXPECT_EQ(metrics.calls_ok, 1u);
}

TEST(LlmCallRunner, NeverRetriesARequestTheServerRefused) {
    for (int status : {400, 401, 402, 422}) {
        net::io_context ioc;
        ScriptedLlmClient client({{0ms, http_error(status), status}});
        AsyncSemaphore limiter(1);
        CallMetrics metrics;
        LlmCallRunner runner(client, limiter, fast_policy(), metrics);
        auto outcome = test::run_bounded(ioc, runner.run(request("c")));
        ASSERT_TRUE(outcome);
        ASSERT_FALSE(outcome->result);
        EXPECT_EQ(outcome->result.error().http_status, status);
        EXPECT_EQ(client.attempts(), 1);
        EXPECT_EQ(metrics.calls_failed, 1u);
    }
}

TEST(LlmCallRunner, GivesUpAfterMaxRetriesWithTheLastError) {
    net::io_context ioc;
    std::deque<ScriptedStep> script(10, ScriptedStep{0ms, http_error(500), 500});
    ScriptedLlmClient client(script);
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, fast_policy(2), metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("d")));
    ASSERT_TRUE(outcome);
    ASSERT_FALSE(outcome->result);
    EXPECT_EQ(client.attempts(), 3);
    EXPECT_EQ(outcome->result.error().http_status, 500);
    EXPECT_EQ(metrics.retries, 2u);
}

TEST(LlmCallRunner, RateLimitsAreRetriedOnTheirOwnAllowance) {
    net::io_context ioc;
    // Two 500s and five 429s, mixed, then an answer: more retries than max_retries (2), but
    // neither allowance is used up.
    ScriptedLlmClient client({{0ms, http_error(429, 0ms), 429},
                              {0ms, http_error(500), 500},
                              {0ms, http_error(429, 0ms), 429},
                              {0ms, http_error(429, 0ms), 429},
                              {0ms, http_error(500), 500},
                              {0ms, http_error(429, 0ms), 429},
                              {0ms, http_error(429, 0ms), 429}});
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, fast_policy(2, 5), metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("r")));
    ASSERT_TRUE(outcome && outcome->result);
    EXPECT_EQ(client.attempts(), 8);
    EXPECT_EQ(metrics.retries, 7u);
}

TEST(LlmCallRunner, GivesUpWhenTheRateLimitAllowanceIsUsedUp) {
    net::io_context ioc;
    std::deque<ScriptedStep> script(10, ScriptedStep{0ms, http_error(429, 0ms), 429});
    ScriptedLlmClient client(script);
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, fast_policy(3, 4), metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("s")));
    ASSERT_TRUE(outcome);
    ASSERT_FALSE(outcome->result);
    EXPECT_EQ(outcome->result.error().http_status, 429);
    EXPECT_EQ(client.attempts(), 5) << "the first attempt and 4 retries after 429s";
}

TEST(LlmCallRunner, TimesOutEachAttemptAtTheDeadline) {
    net::io_context ioc;
    ScriptedLlmClient client({{10s, std::nullopt, 200}, {10s, std::nullopt, 200}});
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, CallPolicy{20ms, true, RetryPolicy{1, 1ms, 1ms, 1s, 8}},
                         metrics);
    auto outcome = test::run_bounded(ioc, runner.run(request("e")), 5s);
    ASSERT_TRUE(outcome);
    ASSERT_FALSE(outcome->result);
    EXPECT_EQ(outcome->result.error().kind, CallErrorKind::timeout);
    EXPECT_EQ(client.attempts(), 2);
    EXPECT_EQ(metrics.attempts_by_error["timeout"], 2u);
}

// With the slot released during backoff, a waiting call gets in while the first one sleeps.
qa::awaitable<std::vector<CallOutcome>> two_calls(LlmCallRunner& runner) {
    std::vector<CallOutcome> outcomes;
    auto ex = co_await net::this_coro::executor;
    std::optional<CallOutcome> first;
    net::co_spawn(
        ex, [&]() -> qa::awaitable<void> { first.emplace(co_await runner.run(request("x"))); },
        [](std::exception_ptr e) {
            if (e)
                std::rethrow_exception(e);
        });
    net::steady_timer let_x_start(ex, 5ms);  // x takes the slot and gets its 429 first
    co_await let_x_start.async_wait(qa::use_awaitable);
    outcomes.push_back(co_await runner.run(request("y")));
    while (!first) {
        net::steady_timer t(ex, 1ms);
        co_await t.async_wait(qa::use_awaitable);
    }
    outcomes.push_back(std::move(*first));
    co_return outcomes;
}

TEST(LlmCallRunner, ReleasingTheSlotDuringBackoffLetsOthersIn) {
    for (bool hold : {true, false}) {
        net::io_context ioc;
        // x: 429 with a 100 ms Retry-After, then ok. y: ok after 5 ms.
        ScriptedLlmClient client({{0ms, http_error(429, 100ms), 429}, {5ms, std::nullopt, 200}});
        AsyncSemaphore limiter(1);
        CallMetrics metrics;
        LlmCallRunner runner(client, limiter, CallPolicy{1s, hold, RetryPolicy{3, 1ms, 1ms, 1s, 8}},
                             metrics);
        auto outcomes = test::run_bounded(ioc, two_calls(runner));
        ASSERT_TRUE(outcomes);
        const auto& y = (*outcomes)[0];
        const auto& x = (*outcomes)[1];
        ASSERT_TRUE(y.result);
        ASSERT_EQ(x.record.attempts.size(), 2u);
        // x slept its Retry-After between its attempts (a timer never fires early).
        EXPECT_GE(x.record.attempts[1].sent - x.record.attempts[0].done, 100ms);
        // In order, not in milliseconds: a loaded machine (a sanitizer build) may start y late.
        if (hold) {
            EXPECT_GE(y.record.slot_acquired, x.record.attempts[1].done)
                << "y waited behind x's backoff";
        } else {
            EXPECT_LT(y.record.slot_acquired, x.record.attempts[1].sent) << "y ran while x slept";
        }
        EXPECT_LE(client.max_in_flight(), 1);
    }
}

}  // namespace
}  // namespace qa
