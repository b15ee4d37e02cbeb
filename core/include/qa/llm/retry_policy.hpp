#pragma once
// RetryPolicy: how many times a call is tried and how long it sleeps in between.
// Pure functions of their inputs (the random draw is passed in), so tests need no clock.

#include <chrono>

#include "qa/llm/call_error.hpp"

namespace qa {

struct Settings;

struct RetryPolicy {
    // Retries after the first attempt; 0 = one attempt only.
    int max_retries = 3;
    // Exponential backoff with full jitter: uniform(0, min(cap, base * 2^retry_index)).
    std::chrono::microseconds backoff_base{500'000};
    std::chrono::microseconds backoff_cap{8'000'000};
    // A server's Retry-After is honoured as given up to this; a longer one uses the backoff.
    std::chrono::microseconds retry_after_limit{60'000'000};

    static RetryPolicy from(const Settings& settings);

    // Whether a failed attempt `attempts_made` (1 = the first attempt failed) is retried.
    bool should_retry(const CallError& error, int attempts_made) const;

    // min(cap, base * 2^retry_index), retry_index 0 for the first retry.
    std::chrono::microseconds backoff_ceiling(int retry_index) const;

    // The sleep before retry `retry_index`: the server's hint when it gave a usable one,
    // otherwise `unit_draw` (uniform in [0, 1)) times the backoff ceiling.
    std::chrono::microseconds delay_before_retry(const CallError& error, int retry_index,
                                                 double unit_draw) const;
};

}  // namespace qa
