#pragma once
// RetryPolicy: how many times a call is tried and how long it sleeps in between.
// Pure functions of their inputs (the random draw is passed in), so tests need no clock.

#include <chrono>

#include "qa/llm/call_error.hpp"

namespace qa {

struct Settings;

// The retries a call has made so far, by what they followed.
struct RetriesMade {
    int rate_limited = 0;  // after a 429
    int other = 0;         // after any other retryable failure
    int total() const noexcept { return rate_limited + other; }
};

struct RetryPolicy {
    // Retries after failures other than 429; 0 = none.
    int max_retries = 3;
    // Exponential backoff with full jitter: uniform(0, min(cap, base * 2^retry_index)).
    std::chrono::microseconds backoff_base{500'000};
    std::chrono::microseconds backoff_cap{8'000'000};
    // A server's Retry-After is honoured as given up to this; a longer one uses the backoff.
    std::chrono::microseconds retry_after_limit{60'000'000};
    // Retries after 429s, a separate allowance: a 429 asks for a pause, it does not say the
    // request failed.
    int max_rate_limit_retries = 8;
    // Multiplies a server's Retry-After (Settings::retry_after_scale) before the limit applies.
    double retry_after_scale = 1.0;

    static RetryPolicy from(const Settings& settings);

    // Whether a failed attempt is retried, given the retries the call made before it: a
    // retryable error whose own allowance is not used up.
    bool should_retry(const CallError& error, RetriesMade made) const;

    // The most attempts one call can make.
    int max_attempts() const noexcept { return 1 + max_retries + max_rate_limit_retries; }
    // The longest one call can legitimately take: every attempt running into `attempt_timeout`,
    // every sleep before a retry at its longest (the backoff cap or the longest Retry-After
    // honoured). Watchdogs and deadline checks are built on it.
    std::chrono::microseconds worst_case_call(std::chrono::microseconds attempt_timeout) const;

    // min(cap, base * 2^retry_index), retry_index 0 for the first retry.
    std::chrono::microseconds backoff_ceiling(int retry_index) const;

    // The sleep before retry `retry_index`: the server's hint when it gave a usable one,
    // otherwise `unit_draw` (uniform in [0, 1)) times the backoff ceiling.
    std::chrono::microseconds delay_before_retry(const CallError& error, int retry_index,
                                                 double unit_draw) const;
};

}  // namespace qa
