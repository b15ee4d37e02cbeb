#pragma once
// AsyncTokenBucket: a client-side request-rate limit (requests per minute, with a burst), so a
// fan-out stays under a provider's RPM instead of learning it from 429s. Implemented as GCRA
// (the generic cell rate algorithm): each taker reserves the next free instant and sleeps until
// it, so takers are served first come, first served, and no waiter list is needed.
// Thread safety: none; one io_context thread. Lifetime: outlives every take() in progress.

#include <chrono>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"

namespace qa {

class AsyncTokenBucket {
  public:
    // per_minute > 0; burst >= 1 requests may go at once after a quiet spell.
    AsyncTokenBucket(double per_minute, double burst);

    // Waits until this request may go.
    awaitable<void> take();

    // The instant a take() started now would go (for tests and reports). Never waits.
    SteadyClock::time_point reserve_for_test(SteadyClock::time_point now);

  private:
    std::chrono::nanoseconds interval_;   // between two requests at the sustained rate
    std::chrono::nanoseconds tolerance_;  // (burst - 1) x interval: how early one may go
    SteadyClock::time_point next_;        // the theoretical arrival time of the next request
};

}  // namespace qa
