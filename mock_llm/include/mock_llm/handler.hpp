#pragma once
// Request handling as plain functions: what to answer (status, delay, body, headers) given the
// request and the server state. The session coroutine does the I/O. Pure.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mock_llm/chat_request.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/server_config.hpp"

namespace mock_llm {

struct Header {
    std::string_view name;  // always a string literal
    std::string value;
};

struct Decision {
    int status = 200;
    std::chrono::microseconds delay{0};  // wait this long before writing the answer
    std::string body;                    // always JSON
    std::vector<Header> headers;         // beyond Content-Type, Content-Length, Connection
    bool close = false;                  // close the connection after the answer
};

struct ChatCall {
    std::string_view body;
    std::uint64_t body_hash = 0;   // fnv1a64(body)
    std::uint64_t occurrence = 0;  // earlier requests with the same body since start or reset
    std::int64_t created_unix = 0;
};

// Validation (400/422), then the seeded fault (429/500, at once), else 200 after the latency.
// `parser` only lends its buffers (one per server thread).
Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser);
Decision decide_chat(const ServerConfig& config, const ChatCall& call);

// 404 or 405 for a route that is neither.
Decision route_error(const Route& route, std::string_view method, std::string_view target);

Decision healthz_ok();
Decision json_ok(std::string body);

// Answers to requests that could not be read as HTTP; all close the connection.
Decision malformed_request(std::string_view reason);  // 400
Decision body_too_large(std::size_t max_body_bytes);  // 413
Decision header_too_large();                          // 431

// Milliseconds with up to 3 decimals and no trailing zeros: 12500 us -> "12.5".
std::string format_millis(std::chrono::microseconds duration);
// Whole seconds rounded up: 12500 us -> "1", 0 -> "0".
std::string format_ceil_seconds(std::chrono::microseconds duration);

}  // namespace mock_llm
