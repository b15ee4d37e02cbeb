#pragma once
// CallError: why one attempt (or a whole call) failed, and whether trying again can help.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qa {

enum class CallErrorKind {
    timeout,          // the attempt's deadline passed; the socket was closed
    connect_failed,   // could not resolve or connect
    connection_lost,  // reset, closed early, or a truncated answer
    http_status,      // the server answered with a non-2xx status
    bad_response,     // a 2xx answer that is not a valid chat completion (empty, malformed)
    internal,         // a bug surfaced as an exception; never retried
};

std::string_view to_string(CallErrorKind kind);

struct CallError {
    CallErrorKind kind = CallErrorKind::internal;
    int http_status = 0;  // with http_status
    std::string message;  // the server's error message or the transport's reason
    // The server's Retry-After / retry-after-ms, when it sent one.
    std::optional<std::chrono::microseconds> retry_after;

    // "http 429: Rate Limit Reached" / "timeout: no answer within 120000 ms"
    std::string describe() const;
};

// 408, 409, 429 and 5xx, timeouts, connection errors and malformed answers are worth retrying;
// 400, 401, 402, 403, 404, 422 and other 4xx (the request itself is wrong) are not.
bool is_retryable(const CallError& error);

// A 429: the provider asks the client to slow down (retried on an allowance of its own).
bool is_rate_limited(const CallError& error);

}  // namespace qa
