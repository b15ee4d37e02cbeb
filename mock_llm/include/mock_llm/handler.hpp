#pragma once
// Request handling as plain functions: what to answer (status, delay, body, headers) given the
// request and the server state. The session coroutine does the I/O. Pure.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
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
    // JSON; or, for a streamed answer, the server-sent events back to back.
    std::string body;
    // Streamed answer only: where each event of `body` ends. Sent as one HTTP chunk each.
    std::vector<std::size_t> event_ends;
    // Streamed answer only: the pause before each event after the first; 0 = none. (Time to
    // first token is `delay`.)
    std::chrono::microseconds event_interval{0};
    std::vector<Header> headers;  // beyond Content-Type, framing, Cache-Control, Connection
    bool close = false;           // close the connection after the answer

    bool streaming() const noexcept { return !event_ends.empty(); }
};

// The request header fields the mock acts on.
struct RequestHeaders {
    std::optional<std::string_view> mock_fault;     // x-mock-fault, if sent
    std::optional<std::string_view> mock_delay_ms;  // x-mock-delay-ms, if sent
    std::string_view authorization;                 // its key's tail is echoed in a 401
};

struct ChatCall {
    std::string_view body;
    std::uint64_t body_hash = 0;   // fnv1a64(body)
    std::uint64_t occurrence = 0;  // earlier requests with the same body since start or reset
    std::int64_t created_unix = 0;
    RequestHeaders headers;
};

// In order: 400 for a malformed x-mock-* header; the x-mock-fault error (at once); validation
// (400/422); the seeded fault (429/500, at once); else 200 after the latency, as JSON or as
// events when the request says "stream". x-mock-delay-ms adds to the delay of any of these but
// the first. `parser` only lends its buffers (one per server thread).
Decision decide_chat(const ServerConfig& config, const ChatCall& call, ChatRequestParser& parser);
Decision decide_chat(const ServerConfig& config, const ChatCall& call);

// GET /models and GET /user/balance, under the same x-mock-* headers.
Decision decide_models(const ServerConfig& config, const RequestHeaders& headers);
Decision decide_balance(const ServerConfig& config, const RequestHeaders& headers);

// The error catalogue's answer for `status`, which must be in it; `message` replaces the
// catalogue's when not empty; `param` names the offending field (empty: null).
Decision api_error(int status, std::string_view message = {}, std::string_view param = {});

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
