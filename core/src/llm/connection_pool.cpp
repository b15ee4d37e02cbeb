#include "qa/llm/connection_pool.hpp"

#include <cerrno>
#include <stdexcept>

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace qa {
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {

// Whether an idle keep-alive connection can carry the next request: the server has neither
// closed it (EOF, reset) nor sent anything unasked (a 408, a TLS close_notify). A peek that
// would block says so. Checked before sending, this is what lets the client never resend a
// request silently: one that fails after it went out may have been read, so it is an ordinary
// failed attempt, counted and retried by the policy. Costs one non-blocking recv per reuse.
bool open_and_quiet(tcp::socket& socket) {
    char byte = 0;
    for (;;) {
        const auto received = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (received < 0 && errno == EINTR)
            continue;
        return received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

}  // namespace

PooledConnection::PooledConnection(const net::any_io_executor& executor, net::ssl::context* tls,
                                   const DeadlineWatch& deadlines)
    : stream(tls == nullptr
                 ? std::variant<PlainStream, TlsStream>(std::in_place_type<PlainStream>, executor)
                 : std::variant<PlainStream, TlsStream>(std::in_place_type<TlsStream>, executor,
                                                        *tls)),
      deadline(deadlines) {
    buffer.reserve(kInitialBufferBytes);
}

beast::tcp_stream& PooledConnection::tcp() noexcept {
    return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                      stream);
}

ConnectionPool::ConnectionPool(net::any_io_executor executor, Endpoint endpoint,
                               std::size_t max_idle, net::ssl::context* tls)
    : executor_(std::move(executor)),
      endpoint_(std::move(endpoint)),
      tls_(tls),
      max_idle_(max_idle),
      lookup_(executor_, endpoint_.host, endpoint_.port),
      deadlines_(executor_) {
    if (endpoint_.tls && tls_ == nullptr)
        throw std::invalid_argument("an https endpoint needs a TLS context");
}

awaitable<Expected<void, CallError>> ConnectionPool::handshake(PooledConnection& connection) {
    auto& tls = std::get<PooledConnection::TlsStream>(connection.stream);
    // SNI, and the name the certificate must carry (an IP address is checked as one).
    if (!SSL_set_tlsext_host_name(tls.native_handle(), endpoint_.host.c_str())) {
        co_return Unexpected(CallError{CallErrorKind::connect_failed, 0,
                                       "TLS to " + endpoint_.host_header() + ": bad server name",
                                       std::nullopt});
    }
    tls.set_verify_callback(net::ssl::host_name_verification(endpoint_.host));
    boost::system::error_code ec;
    co_await tls.async_handshake(net::ssl::stream_base::client,
                                 net::redirect_error(use_awaitable, ec));
    if (ec == beast::error::timeout) {
        co_return Unexpected(
            CallError{CallErrorKind::timeout, 0,
                      "the TLS handshake with " + endpoint_.host_header() + " passed the deadline",
                      std::nullopt});
    }
    if (ec) {
        // e.g. "certificate verify failed": an untrusted or misnamed certificate.
        co_return Unexpected(CallError{
            CallErrorKind::connect_failed, 0,
            "TLS handshake with " + endpoint_.host_header() + ": " + ec.message(), std::nullopt});
    }
    co_return Expected<void, CallError>{};
}

ConnectionPool::Lease ConnectionPool::take_idle() {
    while (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        if (open_and_quiet(connection->tcp().socket()))
            return connection;
        ++idle_found_closed_;  // dropping it closes our end too
    }
    return nullptr;
}

awaitable<Expected<ConnectionPool::Lease, CallError>> ConnectionPool::connect(
    SteadyClock::time_point deadline) {
    auto addresses = co_await lookup_.addresses(deadline);
    if (!addresses)
        co_return Unexpected(std::move(addresses).error());

    auto connection = std::make_unique<PooledConnection>(executor_, tls_, deadlines_);
    auto& stream = connection->tcp();
    // Connect, bounded by the attempt's deadline (the stream closes the socket when it passes).
    stream.expires_at(deadline);
    boost::system::error_code ec;
    co_await stream.async_connect(**addresses, net::redirect_error(use_awaitable, ec));
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
    if (tls_ != nullptr) {
        if (auto shaken = co_await handshake(*connection); !shaken)
            co_return Unexpected(std::move(shaken).error());
    }
    // From here on the connection's ExchangeDeadline bounds each exchange, watched by the
    // pool's one timer instead of a timer wait per read and write.
    stream.expires_never();
    ++opened_;
    co_return connection;
}

void ConnectionPool::give_back(Lease connection) {
    if (idle_.size() >= max_idle_)
        return;  // dropping it closes the socket
    idle_.push_back(std::move(connection));
}

void ConnectionPool::close_idle() {
    idle_.clear();
}

}  // namespace qa
