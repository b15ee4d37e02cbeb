#pragma once
// HostLookup: the addresses of one endpoint, found once and shared by every connection to it.
// An IP address is used as it is, with no lookup. A host name is resolved on first use, and
// callers that arrive while that lookup runs wait for it instead of starting their own: a cold
// pool opening 50 connections at once asks DNS once, not 50 times. Each caller's wait is bounded
// by its own deadline.
// Thread safety: none; one io_context thread. Lifetime: outlives every pending call.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"
#include "qa/expected.hpp"
#include "qa/llm/call_error.hpp"

namespace qa {

class HostLookup {
  public:
    using Endpoints = std::vector<net::ip::tcp::endpoint>;

    HostLookup(net::any_io_executor executor, std::string host, std::uint16_t port);

    // The endpoint's addresses (never empty), by `deadline`. Waits for a lookup, its own or the
    // one another caller started. The pointer stays valid as long as this object. A failed
    // lookup is not kept: the next caller tries again.
    awaitable<Expected<const Endpoints*, CallError>> addresses(SteadyClock::time_point deadline);

    // Name lookups started so far; 0 for an IP address.
    std::size_t lookups_started() const noexcept { return lookups_started_; }

  private:
    // Runs one lookup; on its end wakes every waiter. Errors: connect_failed, or timeout when
    // `deadline` passed first (waiters then try under their own deadlines).
    awaitable<Expected<void, CallError>> look_up(SteadyClock::time_point deadline);
    CallError timed_out() const;

    net::any_io_executor executor_;
    std::string host_;
    std::uint16_t port_;
    std::optional<Endpoints> endpoints_;
    bool in_flight_ = false;
    // Why the last lookup failed, for its waiters; empty after a success or a lookup cut short
    // by its starter's deadline.
    std::optional<CallError> failure_;
    std::vector<net::steady_timer*> waiters_;  // each waiter's own deadline timer
    std::size_t lookups_started_ = 0;
};

}  // namespace qa
