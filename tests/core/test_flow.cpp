// Flow controls besides the fixed limit: adaptive limits (AIMD, gradient) moving the
// semaphore, the GCRA token bucket, the retry budget, and their use by LlmCallRunner.
#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "qa/config/settings.hpp"
#include "qa/flow/flow_set.hpp"
#include "qa/llm/call_runner.hpp"
#include "run_bounded.hpp"
#include "scripted_llm_client.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;
using test::http_error;
using test::ScriptedLlmClient;

LimitSample success(std::size_t in_flight, std::chrono::microseconds latency = 10ms) {
    return LimitSample{latency, false, in_flight};
}
LimitSample drop(std::size_t in_flight) {
    return LimitSample{10ms, true, in_flight};
}

TEST(SemaphoreLimit, RaisingItWakesWaitersAndLoweringItWaitsForHolders) {
    net::io_context ioc;
    AsyncSemaphore semaphore(1);
    auto held = semaphore.try_acquire();
    ASSERT_TRUE(held);
    int granted = 0;
    std::vector<SemaphorePermit> permits;
    for (int i = 0; i < 2; ++i) {
        net::co_spawn(
            ioc,
            [&]() -> qa::awaitable<void> {
                permits.push_back(co_await semaphore.acquire());
                ++granted;
            },
            net::detached);
    }
    ioc.poll();
    EXPECT_EQ(granted, 0);
    semaphore.set_limit(3);  // two more slots: both waiters go at once
    ioc.poll();
    EXPECT_EQ(granted, 2);
    EXPECT_EQ(semaphore.in_use(), 3u);

    semaphore.set_limit(1);  // nobody is pre-empted
    EXPECT_EQ(semaphore.in_use(), 3u);
    permits.clear();
    held.reset();
    EXPECT_EQ(semaphore.in_use(), 0u);
    EXPECT_TRUE(semaphore.try_acquire()) << "one slot under the lowered limit";
}

TEST(SemaphoreLimit, AReleaseOverTheLoweredLimitIsNotHandedOn) {
    net::io_context ioc;
    AsyncSemaphore semaphore(2);
    auto a = semaphore.try_acquire();
    auto b = semaphore.try_acquire();
    bool granted = false;
    net::co_spawn(
        ioc,
        [&]() -> qa::awaitable<void> {
            auto permit = co_await semaphore.acquire();
            granted = true;
        },
        net::detached);
    ioc.poll();
    semaphore.set_limit(1);
    a.reset();  // 2 held, limit 1: this slot goes away
    ioc.poll();
    EXPECT_FALSE(granted);
    b.reset();  // now the waiter may go
    ioc.poll();
    EXPECT_TRUE(granted);
}

TEST(Aimd, GrowsByOneWhileUsedAndBacksOffOnDrops) {
    auto aimd = make_aimd();
    EXPECT_DOUBLE_EQ(aimd->next(10, success(5)), 11) << "in flight >= limit/2";
    EXPECT_DOUBLE_EQ(aimd->next(10, success(4)), 10) << "limit not used: no growth";
    EXPECT_DOUBLE_EQ(aimd->next(10, drop(10)), 9);
}

TEST(Gradient, BacksOffWhenLatencyGrowsAndHoldsWhenSteady) {
    auto gradient = make_gradient();
    double limit = 20;
    for (int i = 0; i < 50; ++i)
        limit = gradient->next(limit, success(20, 10ms));
    EXPECT_GE(limit, 20) << "steady latency: the limit does not shrink";
    const double before = limit;
    for (int i = 0; i < 20; ++i)
        limit = gradient->next(limit, success(static_cast<std::size_t>(limit), 40ms));
    EXPECT_LT(limit, before) << "latency x4: queues are building";
    EXPECT_DOUBLE_EQ(gradient->next(limit, success(1, 40ms)), limit) << "unused: no change";
}

TEST(LimitController, ClampsAndRecordsEveryWholeChange) {
    AsyncSemaphore semaphore(10);
    LimitController controller(semaphore, make_aimd(), 2, 12);
    for (int i = 0; i < 5; ++i)
        controller.on_attempt(success(10));
    EXPECT_EQ(semaphore.limit(), 12u) << "clamped to the ceiling";
    for (int i = 0; i < 40; ++i)
        controller.on_attempt(drop(10));
    EXPECT_EQ(semaphore.limit(), 2u) << "clamped to the floor";
    const auto& history = controller.history();
    ASSERT_GE(history.size(), 3u);
    EXPECT_EQ(history.front().limit, 10u);
    EXPECT_EQ(history[1].limit, 11u);
    EXPECT_EQ(history.back().limit, 2u);
    for (std::size_t i = 1; i < history.size(); ++i)
        EXPECT_NE(history[i].limit, history[i - 1].limit) << "only changes are recorded";
}

TEST(TokenBucket, SpacesRequestsAtTheRateAfterTheBurst) {
    AsyncTokenBucket bucket(600, 3);  // 10 per second, 3 at once
    const auto t0 = SteadyClock::now();
    std::vector<std::chrono::milliseconds> offsets;
    for (int i = 0; i < 6; ++i) {
        offsets.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
            bucket.reserve_for_test(t0) - t0));
    }
    EXPECT_EQ(offsets,
              (std::vector<std::chrono::milliseconds>{0ms, 0ms, 0ms, 100ms, 200ms, 300ms}));
    // After a quiet spell the burst is available again.
    EXPECT_EQ(bucket.reserve_for_test(t0 + 2s), t0 + 2s);
}

TEST(TokenBucket, TakeWaitsForItsTurn) {
    net::io_context ioc;
    AsyncTokenBucket bucket(6000, 1);  // one every 10 ms
    const auto started = SteadyClock::now();
    const bool finished = test::run_bounded_void(ioc, [&]() -> qa::awaitable<void> {
        for (int i = 0; i < 4; ++i)
            co_await bucket.take();
    }());
    EXPECT_TRUE(finished);
    EXPECT_GE(SteadyClock::now() - started, 30ms) << "the 4th request goes 3 intervals later";
}

TEST(RetryBudget, AllowsTheShareOfCallsWithTheReserveAsAFloor) {
    RetryBudget budget(0.1, 3);
    for (int i = 0; i < 10; ++i)
        budget.on_call();
    EXPECT_EQ(budget.allowed(), 3u) << "10% of 10 calls is 1: the reserve lets a small batch retry";
    for (int i = 0; i < 490; ++i)
        budget.on_call();
    EXPECT_EQ(budget.allowed(), 50u) << "10% of 500, not 10% plus the reserve";
    int spent = 0;
    while (budget.try_spend())
        ++spent;
    EXPECT_EQ(spent, 50);
    EXPECT_EQ(budget.denied(), 1u);
}

TEST(FlowSet, BuildsWhatTheSettingsAskFor) {
    Settings settings;
    settings.max_concurrent_calls = 8;
    AsyncSemaphore limiter(8);
    EXPECT_EQ(FlowSet(settings, limiter).controls().limit, nullptr) << "the original: fixed";
    settings.limit_strategy = LimitStrategy::aimd;
    settings.limit_min = 20;  // above the ceiling: clamped to it
    settings.rate_limit_rpm = 60;
    settings.retry_budget = 0.1;
    FlowSet flow(settings, limiter);
    ASSERT_NE(flow.limit(), nullptr);
    EXPECT_EQ(flow.limit()->strategy(), "aimd");
    EXPECT_NE(flow.controls().rate, nullptr);
    EXPECT_NE(flow.retry_budget(), nullptr);
}

TEST(RunnerFlow, TheRetryBudgetEndsRetriesWithTheLastError) {
    net::io_context ioc;
    // Every attempt answers 503: without a budget each call would try 4 times.
    std::deque<test::ScriptedStep> script;
    for (int i = 0; i < 40; ++i)
        script.push_back({0ms, http_error(503), 503});
    ScriptedLlmClient client(script);
    AsyncSemaphore limiter(1);
    CallMetrics metrics;
    RetryBudget budget(0.0, 2);  // two retries in all
    LlmCallRunner runner(client, limiter, CallPolicy{1s, true, RetryPolicy{3, 0ms, 0ms, 1s, 8}},
                         metrics, 1, FlowControls{nullptr, nullptr, &budget});
    ChatRequest request;
    request.messages = {{"user", "x"}};
    for (int call = 0; call < 3; ++call) {
        auto outcome = test::run_bounded(ioc, runner.run(request));
        ioc.restart();
        ASSERT_TRUE(outcome);
        EXPECT_FALSE(outcome->result);
        EXPECT_EQ(outcome->result.error().http_status, 503);
    }
    EXPECT_EQ(metrics.retries, 2u);
    EXPECT_EQ(metrics.retries_denied, 3u) << "one refusal per call once the budget is spent";
    EXPECT_EQ(metrics.attempts, 5u);
}

TEST(RunnerFlow, AnAdaptiveLimitLearnsFromEachAttempt) {
    net::io_context ioc;
    ScriptedLlmClient client({{0ms, http_error(429), 429}});
    AsyncSemaphore limiter(10);
    LimitController controller(limiter, make_aimd(), 1, 10);
    CallMetrics metrics;
    LlmCallRunner runner(client, limiter, CallPolicy{1s, true, RetryPolicy{3, 0ms, 0ms, 1s, 8}},
                         metrics, 1, FlowControls{&controller, nullptr, nullptr});
    ChatRequest request;
    request.messages = {{"user", "x"}};
    auto outcome = test::run_bounded(ioc, runner.run(request));
    ASSERT_TRUE(outcome && outcome->result);
    EXPECT_EQ(limiter.limit(), 9u) << "the 429 was a drop; the success with 1 of 9 in flight "
                                      "does not grow it";
}

}  // namespace
}  // namespace qa
