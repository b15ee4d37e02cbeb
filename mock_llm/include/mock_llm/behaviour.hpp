#pragma once
// Server behaviours: how the mock answers when it is busy, one at a time per profile. A plain
// value type; the state lives in the server (see src/admission.hpp).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mock_llm {

enum class BehaviourKind : std::uint8_t {
    // Every request is served, however many are in flight (the default).
    unlimited,
    // DeepSeek's documented behaviour: never 429. Past `capacity` requests in service a request
    // waits in a FIFO queue; the server sends 200 and its headers at once and then a blank line
    // (JSON) or a ": keep-alive" comment (stream) every keep_alive_interval, and closes the
    // connection if the wait passes queue_cutoff.
    deepseek_legacy,
    // A concurrency cap: past `capacity` requests in service, an immediate 429 with DeepSeek's
    // body and no rate-limit headers.
    deepseek_concurrency,
    // OpenAI's rate limits: a requests bucket and a tokens bucket, each refilled continuously at
    // its per-minute limit. A request is charged 1 request and its prompt estimate plus
    // max_tokens (or default_max_tokens) up front; the unused tokens come back when it ends.
    // Every chat answer carries the x-ratelimit-* headers; a request a bucket cannot pay for is
    // refused with 429, Retry-After, retry-after-ms and a rate_limit_exceeded body, and still
    // costs one request (refused requests count toward the limit).
    openai_buckets,
};

std::string_view behaviour_name(BehaviourKind kind) noexcept;  // "deepseek-legacy", ...
std::optional<BehaviourKind> behaviour_from_name(std::string_view name) noexcept;

struct BehaviourProfile {
    BehaviourKind kind = BehaviourKind::unlimited;
    // deepseek-legacy, deepseek-concurrency: requests served at once, 1..kMaxCapacity.
    std::int64_t capacity = 16;
    // deepseek-legacy: the pause between keep-alive lines while a request waits, 1 ms..1 h.
    std::chrono::milliseconds keep_alive_interval{std::chrono::seconds(3)};
    // deepseek-legacy: the longest wait in the queue before the connection is closed, 1 ms..1 h.
    std::chrono::milliseconds queue_cutoff{std::chrono::seconds(600)};
    // openai-buckets: requests and tokens per minute, 1..kMaxPerMinute.
    std::int64_t requests_per_minute = 60;
    std::int64_t tokens_per_minute = 100'000;
    // openai-buckets: the bucket's capacity is what the window's share of the per-minute limit
    // is (at least 1), so a short window enforces the limit over short bursts. 1 ms..60 s; the
    // default, a minute, allows a whole minute's requests in one burst.
    std::chrono::milliseconds window{std::chrono::minutes(1)};
    // openai-buckets: the completion budget charged for a request without max_tokens, 1..10^9.
    std::int64_t default_max_tokens = 4096;

    friend bool operator==(const BehaviourProfile&, const BehaviourProfile&) = default;
};

}  // namespace mock_llm
