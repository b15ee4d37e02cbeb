#include <gtest/gtest.h>

#include "qa/llm/retry_policy.hpp"

namespace qa {
namespace {

using namespace std::chrono_literals;

RetryPolicy policy() {
    return RetryPolicy{3, 500ms, 8s, 60s};
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

TEST(RetryPolicy, RetriesTransientFailuresOnly) {
    const auto p = policy();
    for (int code : {408, 409, 429, 500, 502, 503, 504}) {
        EXPECT_TRUE(p.should_retry(status(code), 1)) << code;
    }
    for (int code : {400, 401, 402, 403, 404, 422}) {
        EXPECT_FALSE(p.should_retry(status(code), 1)) << code;
    }
    for (auto kind : {CallErrorKind::timeout, CallErrorKind::connect_failed,
                      CallErrorKind::connection_lost, CallErrorKind::bad_response}) {
        EXPECT_TRUE(p.should_retry(CallError{kind, 0, "", std::nullopt}, 1));
    }
    EXPECT_FALSE(p.should_retry(CallError{CallErrorKind::internal, 0, "", std::nullopt}, 1));
}

TEST(RetryPolicy, StopsAfterMaxRetries) {
    const auto p = policy();  // 3 retries: 4 attempts in all
    EXPECT_TRUE(p.should_retry(status(500), 3));
    EXPECT_FALSE(p.should_retry(status(500), 4));
    const RetryPolicy none{0, 500ms, 8s, 60s};
    EXPECT_FALSE(none.should_retry(status(500), 1));
}

}  // namespace
}  // namespace qa
