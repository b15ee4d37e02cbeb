#include <gtest/gtest.h>

#include "qa/llm/retry_policy.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

RetryPolicy policy() {
    return RetryPolicy{3, 500ms, 8s, 60s, 8};
}

CallError status(int code) {
    return CallError{CallErrorKind::http_status, code, "", std::nullopt};
}

TEST(RetryPolicy, CeilingDoublesUpToTheCap) {
    const auto p = policy();
    EXPECT_EQ(p.backoff_ceiling(0), 500ms);
    EXPECT_EQ(p.backoff_ceiling(1), 1000ms);
    EXPECT_EQ(p.backoff_ceiling(2), 2000ms);
    EXPECT_EQ(p.backoff_ceiling(4), 8000ms);
    EXPECT_EQ(p.backoff_ceiling(5), 8000ms);
    EXPECT_EQ(p.backoff_ceiling(1000), 8000ms);  // no overflow
}

TEST(RetryPolicy, FullJitterSpansZeroToTheCeiling) {
    const auto p = policy();
    const auto error = status(503);
    EXPECT_EQ(p.delay_before_retry(error, 1, 0.0), 0us);
    EXPECT_EQ(p.delay_before_retry(error, 1, 0.5), 500ms);
    EXPECT_EQ(p.delay_before_retry(error, 1, 0.999999), 999999us);
    EXPECT_EQ(p.delay_before_retry(error, 9, 0.25), 2000ms);
}

TEST(RetryPolicy, ServerHintWinsWhenWithinTheLimit) {
    const auto p = policy();
    auto error = status(429);
    error.retry_after = 1500ms;
    EXPECT_EQ(p.delay_before_retry(error, 0, 0.1), 1500ms);
    error.retry_after = 0ms;
    EXPECT_EQ(p.delay_before_retry(error, 0, 0.9), 0ms);
    error.retry_after = 3600s;  // too long: our own backoff instead
    EXPECT_EQ(p.delay_before_retry(error, 0, 0.5), 250ms);
}

TEST(RetryPolicy, ServerHintIsScaledBeforeTheLimitApplies) {
    // The harness at time scale 0.01 against an external server: its "Retry-After: 1" means
    // 10 ms of scaled time, within the scaled limit of 0.6 s, not 1 s (nor dropped as too long).
    auto p = policy();
    p.retry_after_limit = 600ms;
    p.retry_after_scale = 0.01;
    auto error = status(429);
    error.retry_after = 1s;
    EXPECT_EQ(p.delay_before_retry(error, 0, 0.9), 10ms);
    error.retry_after = 120s;  // 1.2 s scaled: past the limit, so our own backoff
    EXPECT_EQ(p.delay_before_retry(error, 0, 0.5), 250ms);
}

TEST(RetryPolicy, RetriesTransientFailuresOnly) {
    const auto p = policy();
    for (int code : {408, 409, 429, 500, 502, 503, 504}) {
        EXPECT_TRUE(p.should_retry(status(code), {})) << code;
    }
    for (int code : {400, 401, 402, 403, 404, 422}) {
        EXPECT_FALSE(p.should_retry(status(code), {})) << code;
    }
    for (auto kind : {CallErrorKind::timeout, CallErrorKind::connect_failed,
                      CallErrorKind::connection_lost, CallErrorKind::bad_response}) {
        EXPECT_TRUE(p.should_retry(CallError{kind, 0, "", std::nullopt}, {}));
    }
    EXPECT_FALSE(p.should_retry(CallError{CallErrorKind::internal, 0, "", std::nullopt}, {}));
}

TEST(RetryPolicy, StopsAfterMaxRetries) {
    const auto p = policy();  // 3 retries after other failures
    EXPECT_TRUE(p.should_retry(status(500), {.rate_limited = 0, .other = 2}));
    EXPECT_FALSE(p.should_retry(status(500), {.rate_limited = 0, .other = 3}));
    const RetryPolicy none{0, 500ms, 8s, 60s, 0};
    EXPECT_FALSE(none.should_retry(status(500), {}));
    EXPECT_FALSE(none.should_retry(status(429), {}));
}

TEST(RetryPolicy, RateLimitsHaveTheirOwnAllowance) {
    const auto p = policy();  // 3 retries after other failures, 8 after 429s
    // 429s do not use up the other allowance, nor other failures the 429 one.
    EXPECT_TRUE(p.should_retry(status(429), {.rate_limited = 7, .other = 3}));
    EXPECT_FALSE(p.should_retry(status(429), {.rate_limited = 8, .other = 0}));
    EXPECT_TRUE(p.should_retry(status(503), {.rate_limited = 8, .other = 2}));
    EXPECT_FALSE(p.should_retry(status(503), {.rate_limited = 0, .other = 3}));
    // A 429 with no allowance of its own is not retried, whatever the other allows.
    const RetryPolicy no_rate_limit_retries{3, 500ms, 8s, 60s, 0};
    EXPECT_FALSE(no_rate_limit_retries.should_retry(status(429), {}));
    EXPECT_TRUE(no_rate_limit_retries.should_retry(status(500), {}));
    EXPECT_EQ(p.max_attempts(), 12);
}

TEST(RetryPolicy, WorstCaseCallIsEveryAttemptAndSleepAtItsLongest) {
    // 12 attempts of 2 s, and 11 sleeps of the longer of the cap (8 s) and Retry-After (60 s).
    EXPECT_EQ(policy().worst_case_call(2s), 12 * 2s + 11 * 60s);
    const RetryPolicy one_attempt{0, 500ms, 8s, 60s, 0};
    EXPECT_EQ(one_attempt.worst_case_call(2s), 2s);
}

}  // namespace
}  // namespace qa
