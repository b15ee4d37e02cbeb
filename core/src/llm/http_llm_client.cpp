#include "qa/llm/http_llm_client.hpp"

#include <array>
#include <charconv>
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
      pool_(std::move(executor), endpoint_, options_.max_idle_connections,
            endpoint_.tls ? options_.tls.get() : nullptr) {}

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

awaitable<AttemptResult> HttpLlmClient::attempt(const ChatRequest& request,
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

    const int status = ex.status;
    AttemptResult done{Unexpected(CallError{}), status, ex.first_byte, ex.server_time};
    const std::string_view body = connection.answer_body;
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
                                           error_message_from_body(body), ex.retry_after});
    }
    // The server's words may quote the key it refused (OpenAI's 401 does): they reach reports
    // and logs from here, so the key is taken out now.
    if (!done.result)
        support::redact_in_place(done.result.error().message, options_.api_key);
    // Bytes past the answer would be read as the next answer: such a connection is dropped.
    if (ex.keep_alive && connection.buffer.size() == 0)
        pool_.give_back(std::move(lease));
    co_return done;
}

}  // namespace qa
