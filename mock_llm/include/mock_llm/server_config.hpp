#pragma once
// ServerConfig: every knob of the mock server in one place, each with its unit, default and what
// zero means; validate_config() checks the ranges. A plain value type.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "support/expected.hpp"

namespace mock_llm {

// Allowed ranges: the single source of truth for validate_config() and the mock-llm flags.
inline constexpr std::chrono::microseconds kMaxLatency = std::chrono::hours(1);
inline constexpr std::chrono::microseconds kMaxRetryAfter = std::chrono::hours(1);
inline constexpr std::size_t kMaxBodyBytesLimit = std::size_t{1} << 30;  // 1 GiB
inline constexpr std::chrono::milliseconds kMaxTimeout = std::chrono::hours(1);
inline constexpr std::chrono::microseconds kMaxPrecisionWindow = std::chrono::milliseconds(10);

struct ServerConfig {
    // Bind address: an IP literal or a host name. Loopback unless told otherwise.
    std::string host = "127.0.0.1";
    // TCP port; 0 = the kernel picks a free port (read it back with Server::port()).
    std::uint16_t port = 0;
    // Fixed service time of each successful (200) chat completion, 0..1 h; 0 = answer at once.
    std::chrono::microseconds latency{0};
    // The last stretch of each latency wait that is spent yielding on the server thread instead
    // of sleeping, so answers leave on time: a sleeping thread wakes 0.1..0.5 ms late on a
    // virtual machine, which would add 2..10 % to a 5 ms latency. Costs server CPU only while
    // an answer is that close to due. 0..10 ms; 0 = plain timers.
    std::chrono::microseconds precision_window{300};
    // Pins the server thread to this CPU (Linux affinity), so on a small machine it never
    // competes with the client being measured; -1 = no pinning. 0..1023.
    int pin_to_cpu = -1;
    // Seeds every random decision: same seed and same request bodies give the same faults.
    std::uint64_t seed = 1;
    // Probability [0,1] that a valid chat completion is answered 429 (at once, no latency).
    double rate_429 = 0.0;
    // Probability [0,1] that a valid chat completion NOT answered 429 is answered 500 (at once).
    double rate_500 = 0.0;
    // Hint sent with every 429 (retry-after-ms, Retry-After), 0..1 h; 0 = retry at once.
    std::chrono::microseconds retry_after{std::chrono::seconds(1)};
    // Largest accepted request body in bytes, 1..1 GiB; larger bodies get 413 and a close.
    std::size_t max_body_bytes = 1 << 20;
    // Deadline for reading one request header, counted from the start of the read, so it is also
    // the keep-alive idle timeout; guards against slowloris. 1 ms..1 h.
    std::chrono::milliseconds header_timeout{std::chrono::seconds(30)};
    // Deadline for reading one request body once its header is in. 1 ms..1 h.
    std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
    // Deadline for writing one response (a client that stops reading). 1 ms..1 h.
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
};

// Checks every field; the error names the field, the value and the allowed range.
support::Expected<void, std::string> validate_config(const ServerConfig& config);

}  // namespace mock_llm
