#pragma once
// The one source of truth for every setting's default and allowed range.

#include <chrono>

namespace qa::limits {

using namespace std::chrono_literals;

// LLM_MAX_CONCURRENT_CALLS: calls that may hold a connection to the provider at once.
inline constexpr int kMaxConcurrentCallsDefault = 10;
inline constexpr int kMaxConcurrentCallsMin = 1;
inline constexpr int kMaxConcurrentCallsMax = 50;

// LLM_TIMEOUT_S: deadline of one attempt (connect, send, whole answer), in seconds.
inline constexpr double kTimeoutSecondsDefault = 120.0;
inline constexpr double kTimeoutSecondsMin = 0.001;
inline constexpr double kTimeoutSecondsMax = 3600.0;

// LLM_MAX_RETRIES: retries after the first attempt (0 = one attempt only).
inline constexpr int kMaxRetriesDefault = 3;
inline constexpr int kMaxRetriesMin = 0;
inline constexpr int kMaxRetriesMax = 10;

// LLM_BACKOFF_BASE_MS / LLM_BACKOFF_CAP_MS: full-jitter exponential backoff,
// delay = uniform(0, min(cap, base * 2^retry)). Zero base means retry at once.
inline constexpr double kBackoffBaseMsDefault = 500.0;
inline constexpr double kBackoffCapMsDefault = 8000.0;
inline constexpr double kBackoffMsMin = 0.0;
inline constexpr double kBackoffMsMax = 600000.0;

// A server's Retry-After is honoured up to this; a longer one falls back to our own backoff,
// so a provider cannot park a call for an hour.
inline constexpr std::chrono::microseconds kRetryAfterLimitDefault = 60s;

inline constexpr const char* kModelDefault = "deepseek-chat";

}  // namespace qa::limits
