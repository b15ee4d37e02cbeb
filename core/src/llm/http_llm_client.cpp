#include "qa/llm/http_llm_client.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <type_traits>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

#include "qa/llm/http_answer_parser.hpp"
#include "qa/llm/retry_after.hpp"
#include "qa/llm/server_timing.hpp"
#include "qa/llm/wire.hpp"
#include "support/http_read.hpp"
#include "support/redact.hpp"
#include "support/send_now.hpp"

namespace qa {
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

CallError transport_error(const boost::system::error_code& ec, std::string_view step) {
    // The exchange's deadline closes the socket; exchange() reports that as beast::error::timeout.
    if (ec == beast::error::timeout) {
        return CallError{CallErrorKind::timeout, 0, std::string(step) + " passed the deadline",
                         std::nullopt};
    }
    if (ec == http::error::body_limit) {
        return CallError{CallErrorKind::bad_response, 0, "answer larger than the limit",
                         std::nullopt};
    }
    return CallError{CallErrorKind::connection_lost, 0, std::string(step) + ": " + ec.message(),
                     std::nullopt};
}

// What an exchange reads from: the bare socket for plain TCP (the exchange's deadline is
// ExchangeDeadline's, so tcp_stream's per-operation timer machinery only costs), the TLS stream
// as it is.
net::ip::tcp::socket& read_side(PooledConnection::PlainStream& stream) {
    return stream.socket();
}
PooledConnection::TlsStream& read_side(PooledConnection::TlsStream& stream) {
    return stream;
}

}  // namespace

struct HttpLlmClient::Exchange {
    boost::system::error_code ec;
    std::string_view failed_step;
    int status = 0;  // from the status line, once the headers arrived
    std::optional<SteadyClock::time_point> first_byte;
    bool keep_alive = false;
    std::optional<std::chrono::microseconds> retry_after;
    std::optional<std::chrono::microseconds> server_time;
};

HttpLlmClient::HttpLlmClient(net::any_io_executor executor, Endpoint endpoint,
                             HttpClientOptions options)
    : endpoint_(std::move(endpoint)),
      options_(std::move(options)),
      header_prefix_("POST " + endpoint_.chat_completions_target() + " HTTP/1.1\r\nHost: " +
                     endpoint_.host_header() + "\r\nUser-Agent: " + options_.user_agent +
                     "\r\nContent-Type: application/json\r\nAccept: application/json\r\n" +
                     (options_.api_key.empty()
                          ? std::string()
                          : "Authorization: Bearer " + options_.api_key + "\r\n") +
                     "Connection: keep-alive\r\nContent-Length: "),
      pool_(executor, endpoint_, options_.max_idle_connections,
            endpoint_.tls ? options_.tls.get() : nullptr),
      executor_(std::move(executor)) {
    if (options_.http_version != HttpVersion::http2)
        return;
    if (endpoint_.tls)
        throw std::invalid_argument("HTTP/2 is supported on http:// endpoints only");
    // The connection's reader and the exchanges' wake-ups run on the io_context's own executor.
    if (const auto* io = executor_.target<Executor>(); io != nullptr)
        io_executor_ = *io;
    else
        throw std::invalid_argument("HTTP/2 needs an io_context's executor");
    auto h2 = std::make_shared<H2Connection::Options>();
    h2->authority = endpoint_.host_header();
    h2->path = endpoint_.chat_completions_target();
    h2->fields = {{"user-agent", options_.user_agent},
                  {"content-type", "application/json"},
                  {"accept", "application/json"}};
    if (!options_.api_key.empty())
        h2->fields.emplace_back("authorization", "Bearer " + options_.api_key);
    h2_options_ = std::move(h2);
}

HttpLlmClient::~HttpLlmClient() {
    for (auto& connection : h2_)
        connection->close();
}

void HttpLlmClient::close_idle_connections() {
    pool_.close_idle();
    for (auto& connection : h2_) {
        if (connection->active_streams() == 0)
            connection->close();
    }
    std::erase_if(h2_, [](const auto& connection) { return !connection->usable(); });
}

template <class Stream>
awaitable<HttpLlmClient::Exchange> HttpLlmClient::exchange_on(Stream& stream,
                                                              PooledConnection& connection) {
    Exchange out;

    // The head is the prebuilt prefix plus the length; head and body go out in one write.
    auto& head = connection.request_head;
    head.assign(header_prefix_);
    char length[24];
    const auto written =
        std::to_chars(length, length + sizeof length, connection.request_body.size());
    head.append(length, written.ptr).append(std::string_view("\r\n\r\n"));
    const std::array<net::const_buffer, 2> request{net::buffer(head),
                                                   net::buffer(connection.request_body)};

    if constexpr (std::is_same_v<Stream, PooledConnection::PlainStream>) {
        // Plain TCP: at once what the socket takes, and only a rest asynchronously. Written out
        // here rather than awaited as a coroutine of its own: a frame per attempt saved.
        auto rest = request;
        if (support::send_what_fits(stream.socket().native_handle(), rest, out.ec) > 0 && !out.ec) {
            co_await net::async_write(stream, rest, net::redirect_error(use_awaitable, out.ec));
        } else if (!out.ec) {
            // Sent whole at once: let the answer arrive before the first read tries it.
            co_await support::yield_before_reading(co_await net::this_coro::executor);
        }
    } else {
        co_await net::async_write(stream, request, net::redirect_error(use_awaitable, out.ec));
    }
    if (out.ec) {
        out.failed_step = "sending the request";
        co_return out;
    }

    // Read the status line and headers; their arrival is the attempt's first byte.
    HttpAnswerParser parser(connection.answer_body, options_.max_answer_bytes);
    auto& from = read_side(stream);
    out.ec = co_await support::async_read_http<Executor>(from, connection.buffer, parser, false);
    if (out.ec) {
        out.failed_step = "reading the answer headers";
        co_return out;
    }
    out.status = parser.status();
    out.first_byte = SteadyClock::now();
    out.server_time = parse_server_time(parser.server_timing(), parser.openai_processing_ms());

    // Read the body (DeepSeek may send blank keep-alive lines before the JSON). It usually came
    // with the header: parsed at once, it needs no read of its own.
    if (!support::parse_buffered(connection.buffer, parser, true, out.ec))
        out.ec = co_await support::async_read_http<Executor>(from, connection.buffer, parser, true);
    if (out.ec) {
        out.failed_step = "reading the answer body";
        co_return out;
    }
    out.keep_alive = parser.keep_alive();
    if (out.status < 200 || out.status >= 300) {
        out.retry_after = parse_retry_after(parser.retry_after_ms(), parser.retry_after(),
                                            std::chrono::system_clock::now());
    }
    co_return out;
}

// Not a coroutine: it hands back the protocol's coroutine as it is (no frame of its own).
awaitable<AttemptResult> HttpLlmClient::attempt(const ChatRequest& request,
                                                SteadyClock::time_point deadline) {
    if (options_.http_version == HttpVersion::http2)
        return attempt_http2(request, deadline);
    return attempt_http1(request, deadline);
}

awaitable<AttemptResult> HttpLlmClient::attempt_http1(const ChatRequest& request,
                                                      SteadyClock::time_point deadline) {
    // A warm pool hands over a connection without waiting; otherwise connect a new one. A
    // request that fails once sent is never sent again here: the server may have read it, so
    // the retry is the policy's to make, and to count (see ConnectionPool::take_idle).
    auto lease = pool_.take_idle();
    if (!lease) {
        auto connected = co_await pool_.connect(deadline);
        if (!connected)
            co_return AttemptResult{Unexpected(std::move(connected).error()), 0, std::nullopt,
                                    std::nullopt};
        lease = std::move(*connected);
    }
    PooledConnection& connection = *lease;
    connection.request_body.clear();
    request_writer_.append(connection.request_body, request, options_.model);

    // Past the deadline the socket is closed; what failed then failed by the deadline.
    connection.deadline.start(connection.tcp().socket(), deadline);
    Exchange ex;
    if (auto* tls = std::get_if<PooledConnection::TlsStream>(&connection.stream))
        ex = co_await exchange_on(*tls, connection);
    else
        ex = co_await exchange_on(std::get<PooledConnection::PlainStream>(connection.stream),
                                  connection);
    if (connection.deadline.stop()) {
        if (ex.ec)
            ex.ec = beast::error::timeout;
        // Closed as the answer completed: the answer stands, the socket goes no further.
        ex.keep_alive = false;
    }
    if (ex.ec) {
        AttemptResult failed{Unexpected(transport_error(ex.ec, ex.failed_step)), ex.status,
                             ex.first_byte, ex.server_time};
        co_return failed;  // the lease's socket closes here
    }

    AttemptResult done =
        settle(ex.status, connection.answer_body, ex.retry_after, ex.first_byte, ex.server_time);
    // Bytes past the answer would be read as the next answer: such a connection is dropped.
    if (ex.keep_alive && connection.buffer.size() == 0)
        pool_.give_back(std::move(lease));
    co_return done;
}

AttemptResult HttpLlmClient::settle(int status, std::string_view body,
                                    std::optional<std::chrono::microseconds> retry_after,
                                    std::optional<SteadyClock::time_point> first_byte,
                                    std::optional<std::chrono::microseconds> server_time) {
    AttemptResult done{Unexpected(CallError{}), status, first_byte, server_time};
    if (status >= 200 && status < 300) {
        auto parsed = answer_parser_.parse(body);
        if (parsed) {
            done.result = std::move(*parsed);
        } else {
            done.result = Unexpected(CallError{CallErrorKind::bad_response, status,
                                               std::move(parsed).error(), std::nullopt});
        }
    } else {
        done.result = Unexpected(CallError{CallErrorKind::http_status, status,
                                           error_message_from_body(body), retry_after});
    }
    // The server's words may quote the key it refused (OpenAI's 401 does): they reach reports
    // and logs from here, so the key is taken out now.
    if (!done.result)
        support::redact_in_place(done.result.error().message, options_.api_key);
    return done;
}

std::shared_ptr<H2Connection> HttpLlmClient::h2_connection_ready() {
    std::erase_if(h2_, [](const auto& connection) { return !connection->usable(); });
    for (const auto& connection : h2_) {
        // An idle one is checked first: the server may have closed it meanwhile.
        if (connection->has_room() &&
            (connection->active_streams() > 0 || connection->check_idle()))
            return connection;
    }
    return nullptr;
}

awaitable<Expected<std::shared_ptr<H2Connection>, CallError>>
HttpLlmClient::h2_connection_with_room(SteadyClock::time_point deadline) {
    for (;;) {
        if (auto ready = h2_connection_ready())
            co_return ready;
        if (!h2_connecting_) {
            h2_connecting_ = true;
            auto lease = co_await pool_.connect(deadline);
            h2_connecting_ = false;
            for (auto* waiter : h2_waiters_)
                waiter->cancel();  // they look again
            if (!lease)
                co_return Unexpected(std::move(lease).error());
            auto connection = H2Connection::start(std::move(*lease), h2_options_, *io_executor_);
            h2_.push_back(connection);
            co_return connection;
        }
        // Another attempt is connecting: wait for it (cancelled then), up to the deadline.
        net::steady_timer wait(executor_);
        wait.expires_at(deadline);
        h2_waiters_.push_back(&wait);
        boost::system::error_code ec;
        co_await wait.async_wait(net::redirect_error(use_awaitable, ec));
        std::erase(h2_waiters_, &wait);
        if (!ec) {
            co_return Unexpected(CallError{
                CallErrorKind::timeout, 0,
                "waiting for a connection to " + endpoint_.host_header() + " passed the deadline",
                std::nullopt});
        }
    }
}

awaitable<AttemptResult> HttpLlmClient::attempt_http2(const ChatRequest& request,
                                                      SteadyClock::time_point deadline) {
    std::unique_ptr<H2Buffers> buffers;
    if (h2_spare_.empty()) {
        buffers = std::make_unique<H2Buffers>();
    } else {
        buffers = std::move(h2_spare_.back());
        h2_spare_.pop_back();
    }
    buffers->request.clear();
    request_writer_.append(buffers->request, request, options_.model);

    // A stream the server refused unprocessed (over its stream limit, on a connection opened
    // before its settings arrived; or past a GOAWAY) goes again at once, on a connection with
    // room: the server never saw it, so it is no retry (RFC 9113, 8.7). A few times at most: a
    // server that refuses every stream fails the attempt as connection_lost, for the policy.
    constexpr int kMaxSends = 4;
    std::optional<H2Exchange> exchange;
    for (int sends = 1;; ++sends) {
        // A connection with room, without a coroutine of its own in the usual case.
        std::shared_ptr<H2Connection> h2 = h2_connection_ready();
        if (!h2) {
            auto connection = co_await h2_connection_with_room(deadline);
            if (!connection) {
                h2_spare_.push_back(std::move(buffers));
                co_return AttemptResult{Unexpected(std::move(connection).error()), 0, std::nullopt,
                                        std::nullopt};
            }
            h2 = std::move(*connection);
        }
        buffers->answer.clear();
        exchange.emplace(*io_executor_);
        exchange->body = buffers->request;
        exchange->answer_body = &buffers->answer;
        exchange->max_answer_bytes = options_.max_answer_bytes;
        exchange->wake.expires_at(deadline);
        // A submit may end the exchange at once (the write it triggered failed): then no wait.
        if (h2->submit(*exchange) && !exchange->done) {
            boost::system::error_code ignored;
            co_await exchange->wake.async_wait(net::redirect_error(use_awaitable, ignored));
            if (!exchange->done) {
                h2->cancel(*exchange);  // the stream is reset; the connection's others go on
                exchange->error =
                    CallError{CallErrorKind::timeout, 0,
                              exchange->status == 0 ? "waiting for the answer passed the deadline"
                                                    : "reading the answer body passed the deadline",
                              std::nullopt};
                exchange->refused = false;
            }
        }
        if (!exchange->refused || sends == kMaxSends || SteadyClock::now() >= deadline)
            break;
        ++h2_refused_;
    }

    AttemptResult done = settle_h2(*exchange);
    h2_spare_.push_back(std::move(buffers));
    co_return done;
}

AttemptResult HttpLlmClient::settle_h2(H2Exchange& exchange) {
    const auto server_time =
        exchange.status == 0
            ? std::nullopt
            : parse_server_time(exchange.server_timing, exchange.openai_processing_ms);
    if (exchange.error) {
        support::redact_in_place(exchange.error->message, options_.api_key);
        return AttemptResult{Unexpected(std::move(*exchange.error)), exchange.status,
                             exchange.first_byte, server_time};
    }
    std::optional<std::chrono::microseconds> retry_after;
    if (exchange.status < 200 || exchange.status >= 300)
        retry_after = parse_retry_after(exchange.retry_after_ms, exchange.retry_after,
                                        std::chrono::system_clock::now());
    return settle(exchange.status, *exchange.answer_body, retry_after, exchange.first_byte,
                  server_time);
}

}  // namespace qa
