#pragma once
// Target: the server a benchmark calls: an embedded mock on its own thread and io_context (so
// its work never delays the client being measured), or an external URL. Its stats are read over
// the mock's control API, blocking, between runs only; an external server that is not a mock
// simply has none.

#include <memory>
#include <optional>
#include <string>

#include "bench/cpu_affinity.hpp"
#include "mock_llm/server.hpp"
#include "qa/expected.hpp"

namespace bench {

struct TargetOptions {
    std::string external_url;  // empty: start the embedded mock
    std::chrono::microseconds latency{0};
    std::chrono::microseconds retry_after{0};
    double rate_429 = 0;
    double rate_500 = 0;
    std::uint64_t seed = 1;
    // The embedded mock's provider behaviour (queueing, a concurrency cap, rate-limit buckets)
    // and chaos faults beyond 429 and 500, already time-scaled by the caller.
    mock_llm::BehaviourProfile behaviour;
    mock_llm::ChaosProfile chaos;
    // Pin the embedded mock to its own CPU and keep the calling (client) thread off it.
    bool separate_cpus = true;
};

class Target {
  public:
    static qa::Expected<std::unique_ptr<Target>, std::string> start(const TargetOptions& options);
    ~Target();

    const std::string& base_url() const noexcept { return base_url_; }
    bool embedded() const noexcept { return server_ != nullptr; }
    // The CPU the embedded mock is pinned to, if it is.
    std::optional<int> mock_cpu() const noexcept { return mock_cpu_; }

    // The embedded mock's open connections (Server::open_connections), which hold sockets of
    // this process; nullopt for an external server, whose sockets are in another process.
    std::optional<std::size_t> open_connections() const;
    // The embedded mock's profile in force (latency, behaviour, faults, seed); nullopt for an
    // external server.
    std::optional<mock_llm::Profile> profile() const;

    // Blocking control-plane calls; never from an io_context thread.
    void reset_stats_blocking();
    std::optional<mock_llm::Stats> stats_blocking();

  private:
    Target() = default;
    // Keeps the thread that started the target (the client's) off the mock's CPU until the
    // target goes. Declared before server_, so the mock stops first.
    std::optional<ThreadOffCpu> client_off_mock_cpu_;
    std::unique_ptr<mock_llm::Server> server_;
    std::string base_url_;
    std::string control_host_;
    std::uint16_t control_port_ = 0;
    std::optional<int> mock_cpu_;
};

}  // namespace bench
