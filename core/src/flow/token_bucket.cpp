#include "qa/flow/token_bucket.hpp"

#include <algorithm>
#include <stdexcept>

namespace qa {

AsyncTokenBucket::AsyncTokenBucket(double per_minute, double burst) {
    if (!(per_minute > 0) || !(burst >= 1))
        throw std::invalid_argument("AsyncTokenBucket needs a rate > 0 and a burst >= 1");
    interval_ = std::chrono::nanoseconds(static_cast<std::int64_t>(60e9 / per_minute));
    tolerance_ = std::chrono::nanoseconds(
        static_cast<std::int64_t>(static_cast<double>(interval_.count()) * (burst - 1)));
}

SteadyClock::time_point AsyncTokenBucket::reserve_for_test(SteadyClock::time_point now) {
    // GCRA: the request conforms at max(now, TAT - tolerance); TAT then moves one interval on.
    const auto theoretical = std::max(next_, now);
    const auto go = std::max(now, theoretical - tolerance_);
    next_ = theoretical + interval_;
    return go;
}

awaitable<void> AsyncTokenBucket::take() {
    const auto now = SteadyClock::now();
    const auto go = reserve_for_test(now);
    if (go <= now)
        co_return;
    net::steady_timer wait(co_await net::this_coro::executor, go);
    co_await wait.async_wait(use_awaitable);
}

}  // namespace qa
