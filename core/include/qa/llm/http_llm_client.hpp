#pragma once
// HttpLlmClient: one chat-completion attempt over HTTP/1.1 with Boost.Beast, on a keep-alive
// connection pool. The attempt's deadline covers connect, send and the whole answer; when it
// passes, the socket is closed before attempt() returns.
// Thread safety: none; one io_context thread. The API key is only ever put in the request header.

#include <cstddef>
#include <memory>
#include <string>

#include "qa/llm/connection_pool.hpp"
#include "qa/llm/endpoint.hpp"
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
};

class HttpLlmClient final : public LlmClient {
  public:
    // An https:// endpoint needs options.tls.
    HttpLlmClient(net::any_io_executor executor, Endpoint endpoint, HttpClientOptions options);

    awaitable<AttemptResult> attempt(const ChatRequest& request,
                                     SteadyClock::time_point deadline) override;

    const ConnectionPool& pool() const noexcept { return pool_; }
    void close_idle_connections() { pool_.close_idle(); }

  private:
    struct Exchange;
    // Sends the request in the connection's buffers and reads the answer into them, over the
    // connection's stream (plain or TLS), under the deadline attempt() started.
    template <class Stream>
    awaitable<Exchange> exchange_on(Stream& stream, PooledConnection& connection);

    Endpoint endpoint_;
    HttpClientOptions options_;
    // Every request header line but Content-Length, built once: the API key lives only here.
    std::string header_prefix_;
    ConnectionPool pool_;
    RequestBodyWriter request_writer_;  // escapes the shared system prompt once
    ChatResponseParser answer_parser_;  // reuses its buffers across answers
};

}  // namespace qa
