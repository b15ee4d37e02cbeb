#include "qa/llm/call_error.hpp"

namespace qa {

std::string_view to_string(CallErrorKind kind) {
    switch (kind) {
        case CallErrorKind::timeout:
            return "timeout";
        case CallErrorKind::connect_failed:
            return "connect_failed";
        case CallErrorKind::connection_lost:
            return "connection_lost";
        case CallErrorKind::http_status:
            return "http_status";
        case CallErrorKind::bad_response:
            return "bad_response";
        case CallErrorKind::internal:
            return "internal";
    }
    return "unknown";
}

std::string CallError::describe() const {
    if (kind == CallErrorKind::http_status) {
        return "http " + std::to_string(http_status) + (message.empty() ? "" : ": " + message);
    }
    return std::string(to_string(kind)) + (message.empty() ? "" : ": " + message);
}

bool is_rate_limited(const CallError& error) {
    return error.kind == CallErrorKind::http_status && error.http_status == 429;
}

bool is_retryable(const CallError& error) {
    switch (error.kind) {
        case CallErrorKind::timeout:
        case CallErrorKind::connect_failed:
        case CallErrorKind::connection_lost:
        case CallErrorKind::bad_response:
            return true;
        case CallErrorKind::http_status: {
            const int s = error.http_status;
            return s == 408 || s == 409 || s == 429 || s >= 500;
        }
        case CallErrorKind::internal:
            return false;
    }
    return false;
}

}  // namespace qa
