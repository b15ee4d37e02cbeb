#include "qa/llm/host_lookup.hpp"

#include <memory>
#include <utility>
#include <vector>

namespace qa {
using tcp = net::ip::tcp;

HostLookup::HostLookup(net::any_io_executor executor, std::string host, std::uint16_t port)
    : executor_(std::move(executor)), host_(std::move(host)), port_(port) {
    boost::system::error_code ec;
    const auto address = net::ip::make_address(host_, ec);
    if (!ec)
        endpoints_ = Endpoints{tcp::endpoint(address, port_)};
}

CallError HostLookup::timed_out() const {
    return CallError{CallErrorKind::timeout, 0, "resolving " + host_ + " passed the deadline",
                     std::nullopt};
}

awaitable<Expected<const HostLookup::Endpoints*, CallError>> HostLookup::addresses(
    SteadyClock::time_point deadline) {
    for (;;) {
        if (endpoints_)
            co_return &*endpoints_;
        if (!in_flight_) {
            auto looked = co_await look_up(deadline);
            if (!looked)
                co_return Unexpected(std::move(looked).error());
            co_return &*endpoints_;
        }
        // Another caller's lookup is running: wait for its end (it cancels this timer) or for
        // this caller's deadline (the timer expires).
        net::steady_timer wake(executor_, deadline);
        waiters_.push_back(&wake);
        boost::system::error_code ec;
        co_await wake.async_wait(net::redirect_error(use_awaitable, ec));
        std::erase(waiters_, &wake);
        if (!ec)
            co_return Unexpected(timed_out());
        // The lookup ended. Success: the loop returns its addresses. A failure is shared; a
        // lookup cut short by its starter's deadline is not, and the loop starts another.
        if (!endpoints_ && failure_)
            co_return Unexpected(*failure_);
    }
}

awaitable<Expected<void, CallError>> HostLookup::look_up(SteadyClock::time_point deadline) {
    in_flight_ = true;
    failure_.reset();
    ++lookups_started_;
    auto resolver = std::make_shared<tcp::resolver>(executor_);
    // Watchdog: the resolver has no deadline of its own; cancelling it ends the lookup.
    auto watchdog = std::make_shared<net::steady_timer>(executor_, deadline);
    watchdog->async_wait([resolver](boost::system::error_code ec) {
        if (!ec)
            resolver->cancel();  // operation_aborted: the lookup finished first
    });
    boost::system::error_code ec;
    const auto results = co_await resolver->async_resolve(host_, std::to_string(port_),
                                                          net::redirect_error(use_awaitable, ec));
    watchdog->cancel();
    in_flight_ = false;

    Expected<void, CallError> outcome;
    if (ec == net::error::operation_aborted) {
        outcome = Unexpected(timed_out());
    } else if (ec || results.empty()) {
        const std::string reason = ec ? ec.message() : "no addresses";
        failure_ = CallError{CallErrorKind::connect_failed, 0, "resolving " + host_ + ": " + reason,
                             std::nullopt};
        outcome = Unexpected(*failure_);
    } else {
        Endpoints found;
        for (const auto& entry : results)
            found.push_back(entry.endpoint());
        endpoints_ = std::move(found);
    }
    // The waiters resume later, each from its own handler; every one removes itself.
    for (net::steady_timer* waiter : waiters_)
        waiter->cancel();
    co_return outcome;
}

}  // namespace qa
