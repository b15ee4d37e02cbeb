#pragma once
// ServerConfig: every knob of the mock server in one place, each with its unit, default and what
// zero means; validate_config() checks the ranges. The transport settings are fixed for the
// server's life; `profile` (latency, behaviour, chaos, scripts) is only the starting profile,
// which POST /_mock/profile or Server::set_profile may replace. A plain value type.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "mock_llm/limits.hpp"
#include "mock_llm/profile.hpp"
#include "support/expected.hpp"

namespace mock_llm {

struct ServerConfig {
    // Bind address: an IP literal or a host name. Loopback unless told otherwise.
    std::string host = "127.0.0.1";
    // TCP port; 0 = the kernel picks a free port (read it back with Server::port()).
    std::uint16_t port = 0;
    // How the server answers: latency, behaviour, chaos, scripts (see profile.hpp).
    Profile profile;
    // The last stretch of each latency wait that is spent yielding on the server thread instead
    // of sleeping, so answers leave on time: a sleeping thread wakes 0.1..0.5 ms late on a
    // virtual machine, which would add 2..10 % to a 5 ms latency. Costs server CPU only while
    // an answer is that close to due. 0..10 ms; 0 = plain timers.
    std::chrono::microseconds precision_window{300};
    // Pins the server thread to this CPU (Linux affinity), so on a small machine it never
    // competes with the client being measured; -1 = no pinning. 0..1023.
    int pin_to_cpu = -1;
    // Largest accepted request body in bytes, 1..1 GiB; larger bodies get 413 and a close.
    std::size_t max_body_bytes = 1 << 20;
    // Deadline for reading one request header, counted from the start of the read, so it is also
    // the keep-alive idle timeout; guards against slowloris. 1 ms..1 h.
    std::chrono::milliseconds header_timeout{std::chrono::seconds(30)};
    // Deadline for reading one request body once its header is in. 1 ms..1 h.
    std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
    // Deadline for writing one response (a client that stops reading). 1 ms..1 h.
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
    // Records the request journal (/_mock/journal) keeps, newest replacing oldest;
    // 0..kMaxJournalCapacity; 0 = no journal.
    std::size_t journal_capacity = 4096;
    // Streams one HTTP/2 connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS);
    // a client needing more opens more connections. 1..kMaxH2Streams.
    std::uint32_t h2_max_concurrent_streams = 256;
};

inline constexpr std::uint32_t kMaxH2Streams = 100000;

// Checks every field; the error names the field, the value and the allowed range.
support::Expected<void, std::string> validate_config(const ServerConfig& config);

}  // namespace mock_llm
