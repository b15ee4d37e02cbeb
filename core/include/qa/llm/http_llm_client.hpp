#pragma once
// HttpLlmClient: one chat-completion attempt over HTTP/1.1 with Boost.Beast, on a keep-alive
// connection pool; or, when the options say HTTP/2, as a stream on a shared HTTP/2 connection
// (h2_connection.hpp), opened through the same pool. The attempt's deadline covers connect, send
// and the whole answer; when it passes, the HTTP/1.1 socket is closed before attempt() returns,
// and the HTTP/2 stream is reset (the connection's other streams go on).
// Thread safety: none; one io_context thread. The API key is only ever put in the request header.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qa/llm/connection_pool.hpp"
#include "qa/llm/endpoint.hpp"
#include "qa/llm/h2_connection.hpp"
#include "qa/llm/http_version.hpp"
#include "qa/llm/llm_client.hpp"
#include "qa/llm/wire.hpp"

namespace qa {

struct HttpClientOptions {
    std::string model = "deepseek-chat";  // used when a request names none
    std::string api_key;                  // empty: no Authorization header
    std::size_t max_idle_connections = 64;
    std::size_t max_answer_bytes = 8u << 20;  // a longer answer is a bad_response
    std::string user_agent = "qa-core/0.1";
    // For https endpoints: the trusted certificates and verification (see make_tls_context).
    std::shared_ptr<net::ssl::context> tls;
    HttpVersion http_version = HttpVersion::http1_1;
};

class HttpLlmClient final : public LlmClient {
  public:
    // An https:// endpoint needs options.tls, and HTTP/1.1. Throws std::invalid_argument for
    // HTTP/2 to an https:// endpoint.
    HttpLlmClient(net::any_io_executor executor, Endpoint endpoint, HttpClientOptions options);
    // Closes its HTTP/2 connections (their exchanges, if any, fail as connection_lost).
    ~HttpLlmClient() override;
    HttpLlmClient(const HttpLlmClient&) = delete;
    HttpLlmClient& operator=(const HttpLlmClient&) = delete;

    awaitable<AttemptResult> attempt(const ChatRequest& request,
                                     SteadyClock::time_point deadline) override;

    // Every connection opened goes through the pool, HTTP/2 ones too (they never idle in it).
    const ConnectionPool& pool() const noexcept { return pool_; }
    void close_idle_connections();
    // HTTP/2 connections open now.
    std::size_t h2_connections() const noexcept { return h2_.size(); }
    // HTTP/2 streams the server refused unprocessed, each sent again within its attempt.
    std::uint64_t h2_streams_refused() const noexcept { return h2_refused_; }

  private:
    struct Exchange;
    // Sends the request in the connection's buffers and reads the answer into them, over the
    // connection's stream (plain or TLS), under the deadline attempt() started.
    template <class Stream>
    awaitable<Exchange> exchange_on(Stream& stream, PooledConnection& connection);
    awaitable<AttemptResult> attempt_http1(const ChatRequest& request,
                                           SteadyClock::time_point deadline);
    awaitable<AttemptResult> attempt_http2(const ChatRequest& request,
                                           SteadyClock::time_point deadline);
    // An HTTP/2 connection with room for another stream, opened when none has, by `deadline`.
    // One connect at a time: attempts that arrive meanwhile wait for it, not open their own.
    awaitable<Expected<std::shared_ptr<H2Connection>, CallError>> h2_connection_with_room(
        SteadyClock::time_point deadline);
    // One with room now, or null; never waits.
    std::shared_ptr<H2Connection> h2_connection_ready();
    // A finished HTTP/2 exchange's outcome: its failure (the key taken out), or settle().
    AttemptResult settle_h2(H2Exchange& exchange);
    // The answer's outcome from its status and body (both protocols).
    AttemptResult settle(int status, std::string_view body,
                         std::optional<std::chrono::microseconds> retry_after,
                         std::optional<SteadyClock::time_point> first_byte,
                         std::optional<std::chrono::microseconds> server_time);

    // An HTTP/2 attempt's request and answer buffers, kept for the next attempt.
    struct H2Buffers {
        std::string request;
        std::string answer;
    };

    Endpoint endpoint_;
    HttpClientOptions options_;
    // Every request header line but Content-Length, built once: the API key lives only here.
    std::string header_prefix_;
    ConnectionPool pool_;
    RequestBodyWriter request_writer_;  // escapes the shared system prompt once
    ChatResponseParser answer_parser_;  // reuses its buffers across answers

    // HTTP/2 only.
    net::any_io_executor executor_;
    std::optional<Executor> io_executor_;  // executor_ as the io_context's own type
    std::shared_ptr<const H2Connection::Options> h2_options_;
    std::vector<std::shared_ptr<H2Connection>> h2_;
    bool h2_connecting_ = false;
    std::vector<net::steady_timer*> h2_waiters_;  // attempts waiting for that connect
    std::vector<std::unique_ptr<H2Buffers>> h2_spare_;
    std::uint64_t h2_refused_ = 0;
};

}  // namespace qa
