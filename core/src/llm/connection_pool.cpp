#include "qa/llm/connection_pool.hpp"

#include <boost/asio/connect.hpp>

namespace qa {
namespace beast = boost::beast;
using tcp = net::ip::tcp;

ConnectionPool::ConnectionPool(net::any_io_executor executor, Endpoint endpoint,
                               std::size_t max_idle)
    : executor_(std::move(executor)), endpoint_(std::move(endpoint)), max_idle_(max_idle) {}

net::awaitable<Expected<tcp::resolver::results_type, CallError>> ConnectionPool::resolve(
    SteadyClock::time_point deadline) {
    if (resolved_)
        co_return *resolved_;
    auto resolver = std::make_shared<tcp::resolver>(executor_);
    // Watchdog: the resolver has no deadline of its own; cancelling it ends the lookup.
    auto watchdog = std::make_shared<net::steady_timer>(executor_, deadline);
    watchdog->async_wait([resolver](boost::system::error_code ec) {
        if (!ec)
            resolver->cancel();  // operation_aborted: the lookup finished first
    });
    boost::system::error_code ec;
    auto results = co_await resolver->async_resolve(endpoint_.host, std::to_string(endpoint_.port),
                                                    net::redirect_error(net::use_awaitable, ec));
    watchdog->cancel();
    if (ec == net::error::operation_aborted) {
        co_return Unexpected(CallError{CallErrorKind::timeout, 0,
                                       "resolving " + endpoint_.host + " passed the deadline",
                                       std::nullopt});
    }
    if (ec) {
        co_return Unexpected(CallError{CallErrorKind::connect_failed, 0,
                                       "resolving " + endpoint_.host + ": " + ec.message(),
                                       std::nullopt});
    }
    resolved_ = results;
    co_return results;
}

std::optional<ConnectionPool::Lease> ConnectionPool::take_idle() {
    if (idle_.empty())
        return std::nullopt;
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease{std::move(connection), true};
}

net::awaitable<Expected<ConnectionPool::Lease, CallError>> ConnectionPool::connect(
    SteadyClock::time_point deadline) {
    auto resolved = co_await resolve(deadline);
    if (!resolved)
        co_return Unexpected(std::move(resolved).error());

    auto connection = std::make_unique<PooledConnection>(executor_);
    auto& stream = connection->stream;
    // Connect, bounded by the attempt's deadline (the stream closes the socket when it passes).
    stream.expires_at(deadline);
    boost::system::error_code ec;
    co_await stream.async_connect(*resolved, net::redirect_error(net::use_awaitable, ec));
    if (ec == beast::error::timeout) {
        co_return Unexpected(CallError{
            CallErrorKind::timeout, 0,
            "connecting to " + endpoint_.host_header() + " passed the deadline", std::nullopt});
    }
    if (ec) {
        co_return Unexpected(CallError{
            CallErrorKind::connect_failed, 0,
            "connecting to " + endpoint_.host_header() + ": " + ec.message(), std::nullopt});
    }
    stream.socket().set_option(tcp::no_delay(true), ec);  // best effort; latency matters more
    ++opened_;
    co_return Lease{std::move(connection), false};
}

void ConnectionPool::give_back(std::unique_ptr<PooledConnection> connection) {
    if (idle_.size() >= max_idle_)
        return;  // dropping it closes the socket
    connection->stream.expires_never();
    idle_.push_back(std::move(connection));
}

void ConnectionPool::close_idle() {
    idle_.clear();
}

}  // namespace qa
