#pragma once
// ConnectionPool: HTTP/1.1 keep-alive connections to one endpoint, plain or TLS. A lease is a
// connected stream; give it back after a complete exchange on a keep-alive connection, drop it
// otherwise. TLS connections verify the server's certificate chain and host name; there is no
// switch to turn that off.
// Thread safety: none; one io_context thread. Lifetime: outlives every lease it hands out.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "qa/async/asio.hpp"
#include "qa/expected.hpp"
#include "qa/llm/call_error.hpp"
#include "qa/llm/endpoint.hpp"
#include "qa/llm/exchange_deadline.hpp"
#include "qa/llm/host_lookup.hpp"
#include "qa/llm/llm_client.hpp"

namespace qa {

// One keep-alive connection and the buffers of its exchanges. They live as long as the
// connection and keep their capacity, so once a connection is warm an attempt allocates nothing
// to write its request or read its answer.
struct PooledConnection {
    using PlainStream = boost::beast::tcp_stream;
    using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    // Room for a typical answer, head and body, so one receive reads it whole.
    static constexpr std::size_t kInitialBufferBytes = 16 * 1024;

    // A plain connection, or a TLS one when `tls` is given; `deadlines` watches its exchanges.
    PooledConnection(const net::any_io_executor& executor, net::ssl::context* tls,
                     const DeadlineWatch& deadlines);

    // The TCP layer under either: connect, socket options.
    boost::beast::tcp_stream& tcp() noexcept;

    std::variant<PlainStream, TlsStream> stream;
    ExchangeDeadline deadline;         // bounds each exchange; the stream's own deadlines are off
    boost::beast::flat_buffer buffer;  // bytes received, not yet parsed
    std::string request_head;          // the request line and headers being sent
    std::string request_body;          // the JSON body being sent
    std::string answer_body;           // the body of the last answer read
};

class ConnectionPool {
  public:
    // A connected stream, the caller's until it gives it back or drops it.
    using Lease = std::unique_ptr<PooledConnection>;

    // `tls` (the certificates trusted, the verification mode) is required for an https
    // endpoint and must outlive the pool.
    ConnectionPool(net::any_io_executor executor, Endpoint endpoint, std::size_t max_idle,
                   net::ssl::context* tls = nullptr);

    // The most recently used idle connection that the server has neither closed nor written to
    // meanwhile, or null; the others are dropped. Never waits: the common case of a warm pool
    // costs no coroutine frame.
    Lease take_idle();
    // A new connection, connected before `deadline` (the host is resolved once, see HostLookup).
    awaitable<Expected<Lease, CallError>> connect(SteadyClock::time_point deadline);
    // Returns a connection whose last exchange completed and which the server keeps alive.
    void give_back(Lease connection);
    // Closes every idle connection.
    void close_idle();

    std::size_t idle() const noexcept { return idle_.size(); }
    std::size_t connections_opened() const noexcept { return opened_; }
    // Idle connections dropped by take_idle() because the server had closed them (its keep-alive
    // timeout) or sent something unasked.
    std::size_t idle_found_closed() const noexcept { return idle_found_closed_; }
    // Name lookups of the host so far (0 for an IP address, at most one at a time).
    std::size_t host_lookups() const noexcept { return lookup_.lookups_started(); }

  private:
    awaitable<Expected<void, CallError>> handshake(PooledConnection& connection);

    net::any_io_executor executor_;
    Endpoint endpoint_;
    net::ssl::context* tls_;
    std::size_t max_idle_;
    HostLookup lookup_;
    DeadlineWatch deadlines_;  // every connection's exchanges, one timer
    std::vector<std::unique_ptr<PooledConnection>> idle_;  // back = most recently used
    std::size_t opened_ = 0;
    std::size_t idle_found_closed_ = 0;
};

}  // namespace qa
