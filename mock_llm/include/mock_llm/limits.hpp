#pragma once
// The mock's allowed ranges: the single source of truth for validate_config(), validate_profile()
// and the mock-llm flags.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace mock_llm {

inline constexpr std::chrono::microseconds kMaxLatency = std::chrono::hours(1);
inline constexpr std::chrono::microseconds kMaxRetryAfter = std::chrono::hours(1);
inline constexpr std::size_t kMaxBodyBytesLimit = std::size_t{1} << 30;  // 1 GiB
inline constexpr std::chrono::milliseconds kMaxTimeout = std::chrono::hours(1);
inline constexpr std::chrono::microseconds kMaxPrecisionWindow = std::chrono::milliseconds(10);
// Concurrency caps, queue capacities and the load model's capacity.
inline constexpr std::int64_t kMaxCapacity = 1'000'000;
// Requests or tokens per minute of openai-buckets.
inline constexpr std::int64_t kMaxPerMinute = 1'000'000'000;
// Records the journal keeps; 0 turns it off.
inline constexpr std::size_t kMaxJournalCapacity = 1'000'000;
// Scripts per profile; distinct keys one script counts (more share one overflow counter).
inline constexpr std::size_t kMaxScripts = 256;
inline constexpr std::size_t kMaxScriptKeys = 10'000;

}  // namespace mock_llm
