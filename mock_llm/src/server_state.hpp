#pragma once
// ServerState: what request handling acts on: the config, the counters, and how often each body
// has been seen. handle() and reset() run on the server's io thread only (no locks); the stats
// recorder may be snapshotted from any thread.

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "mock_llm/handler.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/server_config.hpp"
#include "stats_recorder.hpp"

namespace mock_llm {

class ServerState {
  public:
    explicit ServerState(ServerConfig config) : config_(std::move(config)) {}

    const ServerConfig& config() const noexcept { return config_; }
    StatsRecorder& stats() noexcept { return stats_; }
    const StatsRecorder& stats() const noexcept { return stats_; }

    // The answer to one fully read request.
    Decision handle(const Route& route, std::string_view method, std::string_view target,
                    std::string_view body, const RequestHeaders& headers);

    // Zeroes the counters and the per-body occurrence counts.
    void reset();

  private:
    ServerConfig config_;
    StatsRecorder stats_;
    // fnv1a64(body) -> how many chat requests with that body were decided so far.
    std::unordered_map<std::uint64_t, std::uint64_t> occurrences_;
    ChatRequestParser request_parser_;  // reused across requests
};

}  // namespace mock_llm
