#pragma once
// BlockingControlClient: the mock's control plane (/_mock/stats, /_mock/reset, /_mock/profile)
// over cpp-httplib, for harnesses and tests. Blocking; one instance per thread (not thread-safe).
// Every call is bounded by the timeout given at construction.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "mock_llm/stats.hpp"
#include "support/expected.hpp"

namespace mock_llm {

class BlockingControlClient {
  public:
    BlockingControlClient(std::string host, std::uint16_t port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~BlockingControlClient();
    BlockingControlClient(BlockingControlClient&&) noexcept;
    BlockingControlClient& operator=(BlockingControlClient&&) noexcept;

    // GET /_mock/stats. Error text names the request and why it failed.
    support::Expected<Stats, std::string> get_stats();
    // POST /_mock/reset.
    support::Expected<void, std::string> reset();
    // POST /_mock/profile with a JSON profile (see profile_json.hpp); the error text carries the
    // server's answer, which names the invalid field.
    support::Expected<void, std::string> set_profile(const std::string& profile_json);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mock_llm
