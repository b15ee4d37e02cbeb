#include "session.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

#include "h2_session.hpp"
#include "mock_llm/http_response.hpp"
#include "mock_llm/mock_headers.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/stats.hpp"
#include "support/http_read.hpp"
#include "support/send_now.hpp"

namespace mock_llm {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// How long a rejected connection is drained before it is closed (see do_linger_close).
constexpr auto kLingerTimeout = std::chrono::seconds(1);

auto with(error_code& error) {
    return net::redirect_error(support::io_use_awaitable, error);
}

// Ends the request's ticket on every exit: a request whose answer was not written (the client
// left, the server stopped) is counted as 499, so in_flight can never leak.
class TicketGuard {
  public:
    TicketGuard(ServerState& state, RequestTicket& ticket) : state_(state), ticket_(ticket) {}
    ~TicketGuard() { finish(kStatusClientClosed); }
    TicketGuard(const TicketGuard&) = delete;
    TicketGuard& operator=(const TicketGuard&) = delete;

    void finish(int status) { state_.finish(ticket_, status, std::chrono::steady_clock::now()); }

  private:
    ServerState& state_;
    RequestTicket& ticket_;
};

std::string_view find_field(const void* fields, std::string_view name) {
    return static_cast<const RequestParser*>(fields)->field(name).value_or(std::string_view{});
}

// The header fields the decision reads; the views point into the request.
RequestHeaders request_headers(const RequestParser& request) {
    RequestHeaders headers;
    headers.mock_fault = request.field(kFaultHeader);
    headers.mock_delay_ms = request.field(kDelayHeader);
    headers.authorization = request.field(http::field::authorization).value_or(std::string_view{});
    headers.other = HeaderLookup{&request, &find_field};
    return headers;
}

bool is_http_syntax_error(const error_code& error) {
    return error.category() == make_error_code(http::error::bad_method).category();
}

}  // namespace

Session::Session(tcp::socket socket, SessionContext& context)
    : alive_(context.sessions_alive),
      stream_(std::move(socket)),
      delay_timer_(stream_.get_executor()),
      context_(context) {
    // Room for a typical request (~1 KiB) so one receive reads it whole; small enough that
    // 10,000 idle connections stay at ~40 MB.
    buffer_.reserve(4 * 1024);
    context_.registry.insert(this);
}

Session::~Session() {
    context_.registry.erase(this);
}

support::io_awaitable<void> Session::run(std::shared_ptr<Session> self) {
    co_await self->do_serve();
}

void Session::shutdown() {
    delay_timer_.cancel();
    stream_.close();
}

support::io_awaitable<bool> Session::do_detect_http2() {
    stream_.expires_after(context_.state.config().header_timeout);
    for (;;) {
        const auto seen =
            std::string_view(static_cast<const char*>(buffer_.data().data()), buffer_.size());
        const auto compared = std::min(seen.size(), kH2Preface.size());
        if (seen.substr(0, compared) != kH2Preface.substr(0, compared))
            co_return false;
        if (compared == kH2Preface.size())
            co_return true;
        error_code error;
        const std::size_t received = co_await stream_.async_read_some(
            buffer_.prepare(std::max<std::size_t>(512, buffer_.capacity() - buffer_.size())),
            with(error));
        buffer_.commit(received);
        if (error)
            co_return false;
    }
}

support::io_awaitable<void> Session::do_serve() {
    const ServerConfig& config = context_.state.config();
    if (co_await do_detect_http2()) {
        co_await H2Session::serve(
            std::make_shared<H2Session>(shared_from_this(), stream_, buffer_, context_));
        co_return;
    }
    // The first header's deadline started with the detection's read: a client that sent a byte
    // of "PRI" or "POST" and then nothing gets one header timeout, not two.
    bool first = true;
    while (!context_.stopping) {
        parser_.emplace(request_, config.max_body_bytes);
        // Read the header under the slowloris deadline (also the keep-alive idle timeout).
        if (!first)
            stream_.expires_after(config.header_timeout);
        first = false;
        error_code error = co_await support::async_read_http<support::IoExecutor>(stream_, buffer_,
                                                                                  *parser_, false);
        // The body usually came with the header: parsed at once, it needs no read of its own.
        if (!error && !support::parse_buffered(buffer_, *parser_, true, error)) {
            error = co_await do_read_body();
        }
        if (error) {
            co_await do_reject_unreadable(error);
            co_return;
        }
        if (!co_await do_handle()) {
            co_return;
        }
        // The answer is out and counted (not before: a request is in flight until its answer
        // has left, and this thread must not read the client's next request first).
        co_await support::yield_before_reading(co_await net::this_coro::executor);
    }
}

support::io_awaitable<error_code> Session::do_read_body() {
    const ServerConfig& config = context_.state.config();
    error_code error;
    // A client that sent "Expect: 100-continue" sends its body only once told to.
    if (beast::iequals(parser_->field(http::field::expect).value_or(std::string_view{}),
                       "100-continue")) {
        stream_.expires_after(config.write_timeout);
        co_await net::async_write(stream_, net::buffer(kContinue), with(error));
        if (error) {
            co_return error;
        }
    }
    // Read the body under its own deadline.
    stream_.expires_after(config.body_timeout);
    co_return co_await support::async_read_http<support::IoExecutor>(stream_, buffer_, *parser_,
                                                                     true);
}

support::io_awaitable<bool> Session::do_handle() {
    const RequestParser& request = *parser_;
    const std::string_view method = request.method();
    const std::string_view target = request.target();
    const Route route = mock_llm::route(method, target);
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();
    RequestTicket ticket;
    TicketGuard guard(context_.state, ticket);
    context_.state.begin(ticket, route, stream_.last_arrival(),
                         parse_retry_count(request.field("x-stainless-retry-count")));
    Decision decision = context_.state.handle(route, method, target, request.body(),
                                              request_headers(request), ticket);
    if (ticket.queued) {
        // deepseek-legacy past capacity: the answer is held (it finishes the ticket itself).
        const bool open = co_await do_hold(decision, ticket, keep_alive, version);
        if (open && closes_after(decision, keep_alive, version)) {
            close_after_response();
            co_return false;
        }
        co_return open;
    }
    if (decision.delivery == Delivery::reset) {
        reset_connection();
        guard.finish(kStatusNoResponse);
        co_return false;
    }
    // Wait out the service time, counted from when the request reached this host (not from when
    // this thread got round to reading it); a client that leaves meanwhile is counted as 499.
    if (decision.delay.count() > 0) {
        const Wait wait = co_await do_delay_until(ticket.arrival + decision.delay);
        if (wait == Wait::gone) {
            co_return false;
        }
    }
    // The answer's head says how long this host spent on it, as a provider's does: a client
    // can split its latency into the server's part and the rest.
    if (route.data_plane) {
        add_processing_time(decision.headers, std::chrono::duration_cast<std::chrono::microseconds>(
                                                  Clock::now() - ticket.arrival));
    }
    const bool written = co_await do_deliver(decision, keep_alive, version, false);
    if (decision.delivery == Delivery::hang) {
        co_return false;  // the guard counts it: the client gave up
    }
    guard.finish(decision.status);
    if (!written) {
        co_return false;
    }
    if (closes_after(decision, keep_alive, version)) {
        close_after_response();
        co_return false;
    }
    co_return true;
}

support::io_awaitable<void> Session::do_reject_unreadable(error_code error) {
    Decision decision;
    if (error == http::error::body_limit) {
        decision = body_too_large(context_.state.config().max_body_bytes);
    } else if (error == http::error::header_limit) {
        decision = header_too_large();
    } else if (is_http_syntax_error(error) && !is_expected_error(error)) {
        decision = malformed_request(error.message());
    } else {
        // The client left or a deadline fired: nobody to answer, just close.
        if (!is_expected_error(error)) {
            context_.reporter.report("request read", error);
        }
        co_return;
    }
    if (co_await do_write(decision, false, 11)) {
        co_await do_linger_close();
    }
}

support::io_awaitable<Session::Wait> Session::do_delay_until(Clock::time_point due) {
    // Watch the socket while waiting, so a client that gives up is seen at once: its request
    // stops counting as in flight, as a real server's would.
    watching_peer_ = true;
    peer_gone_ = false;
    watch_peer();
    // Sleep until shortly before the answer is due, then yield until it is (see
    // ServerConfig::precision_window): other sessions keep running meanwhile.
    error_code error;
    const auto window = context_.state.config().precision_window;
    delay_timer_.expires_at(due - window);
    co_await delay_timer_.async_wait(with(error));
    const auto executor = co_await net::this_coro::executor;
    while (!error && !peer_gone_ && !context_.stopping && Clock::now() < due) {
        co_await net::post(executor, support::io_use_awaitable);
    }
    watching_peer_ = false;
    error_code ignored;
    stream_.socket().cancel(ignored);  // ends the watch
    if (peer_gone_ || context_.stopping) {
        co_return Wait::gone;
    }
    co_return error ? Wait::interrupted : Wait::elapsed;
}

void Session::watch_peer() {
    stream_.socket().async_wait(
        tcp::socket::wait_read,
        [self = shared_from_this()](const error_code& error) { self->on_peer_readable(error); });
}

void Session::on_peer_readable(const error_code& error) {
    if (!watching_peer_ || error == net::error::operation_aborted) {
        return;
    }
    if (!error) {
        char byte = 0;
        const auto peeked =
            ::recv(stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (peeked > 0) {
            return;  // a pipelined request: leave it for the next read, stop watching
        }
        if (peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            watch_peer();  // a spurious wake-up
            return;
        }
    }
    // End of stream or a socket error: the client will never read the answer.
    peer_gone_ = true;
    delay_timer_.cancel();
}

// Not a coroutine: the head is written now and do_send's awaitable returned as it is (no frame
// of its own on the hot path). `decision` outlives the await: the caller holds it.
support::io_awaitable<bool> Session::do_write(const Decision& decision, bool keep_alive,
                                              unsigned http_version) {
    write_response_head(head_, decision, keep_alive, http_version);
    return do_send({net::buffer(head_), net::buffer(decision.body)}, "response write");
}

support::io_awaitable<bool> Session::do_write_stream(const Decision& decision, bool keep_alive,
                                                     unsigned http_version, bool head_sent) {
    // HTTP/1.0 has no chunked coding: the events go raw and the close ends them.
    const bool chunked = http_version >= 11;
    if (head_sent) {
        head_.clear();
    } else {
        write_response_head(head_, decision, keep_alive, http_version);
    }
    std::size_t begin = 0;
    for (std::size_t i = 0; i < decision.event_ends.size(); ++i) {
        // Events due together leave in one write (a write per event would cost a system call
        // each); a paced event waits for its time, and a client that leaves meanwhile ends it.
        if (i > 0 && i <= decision.paced_events && decision.event_interval.count() > 0) {
            if (!co_await do_write_pending()) {
                co_return false;
            }
            const Wait wait = co_await do_delay_until(Clock::now() + decision.event_interval);
            if (wait == Wait::gone) {
                co_return false;
            }
        }
        const std::string_view event(decision.body.data() + begin, decision.event_ends[i] - begin);
        begin = decision.event_ends[i];
        if (chunked) {
            append_chunk(head_, event, i + 1 == decision.event_ends.size());
        } else {
            head_ += event;
        }
    }
    co_return co_await do_write_pending();
}

support::io_awaitable<bool> Session::do_write_pending() {
    const bool sent = co_await do_send({net::buffer(head_), net::const_buffer()}, "stream write");
    head_.clear();
    co_return sent;
}

support::io_awaitable<bool> Session::do_send(std::array<net::const_buffer, 2> buffers,
                                             const char* what) {
    // The deadline first, as for any write (a client that stops reading); it also clears an
    // earlier deadline that passed while the answer was delayed.
    stream_.expires_after(context_.state.config().write_timeout);
    // At once what the socket takes; a rest, asynchronously. No yield after: the session counts
    // the answer done first, then yields before it reads (do_serve).
    error_code error;
    if (support::send_what_fits(stream_.socket().native_handle(), buffers, error) > 0 && !error) {
        co_await net::async_write(stream_, buffers, with(error));
    }
    if (error) {
        if (!is_expected_error(error)) {
            context_.reporter.report(what, error);
        }
        co_return false;
    }
    co_return true;
}

void Session::close_after_response() {
    // Send FIN after the answer; the socket closes when the session ends.
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

support::io_awaitable<void> Session::do_linger_close() {
    // Closing a socket with unread input sends RST, which can destroy the error answer before
    // the client reads it. So half-close, then drain what the client still sends, briefly.
    close_after_response();
    constexpr std::size_t kDrainChunk = 4096;
    buffer_.consume(buffer_.size());
    error_code error;
    stream_.expires_after(kLingerTimeout);
    while (!error && !context_.stopping) {
        // Read into the session buffer's spare space and never commit: the bytes are dropped.
        co_await stream_.async_read_some(buffer_.prepare(kDrainChunk), with(error));
    }
    stream_.close();
}

}  // namespace mock_llm
