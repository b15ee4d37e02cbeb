#pragma once
// The one source of truth for every setting's default and allowed range.

#include <chrono>
#include <cstdint>

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

// LLM_MAX_RETRIES: retries after failures other than 429 (0 = no such retry).
inline constexpr int kMaxRetriesDefault = 3;
inline constexpr int kMaxRetriesMin = 0;
inline constexpr int kMaxRetriesMax = 10;

// LLM_MAX_RATE_LIMIT_RETRIES: retries after 429s, counted apart from the others. A 429 is the
// provider asking for a pause, not a failure of the request: at a 30% 429 rate, three retries
// would still lose 0.3^4 = 0.8% of calls (one in a 91-call analysis every other run); eight
// lose 0.3^9 = 0.002%. Each such retry waits the server's Retry-After or the backoff.
inline constexpr int kMaxRateLimitRetriesDefault = 8;
inline constexpr int kMaxRateLimitRetriesMin = 0;
inline constexpr int kMaxRateLimitRetriesMax = 20;

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

// LLM_LIMIT_MIN: the lowest an adaptive limit (LLM_LIMIT_STRATEGY aimd or gradient) may go;
// LLM_MAX_CONCURRENT_CALLS is both its start and its ceiling.
inline constexpr int kLimitMinDefault = 1;

// LLM_RATE_LIMIT_RPM: client-side requests per minute (0: no rate limit);
// LLM_RATE_LIMIT_BURST: requests that may go at once after a quiet spell.
inline constexpr double kRateLimitRpmMax = 1e6;
inline constexpr double kRateLimitBurstDefault = 1;
inline constexpr double kRateLimitBurstMax = 10000;

// LLM_RETRY_BUDGET: retries may add at most this share of the calls (at least the reserve);
// "off" (the default, as in the original) lets every call use all its retries.
inline constexpr std::uint64_t kRetryBudgetReserve = 3;

}  // namespace qa::limits
