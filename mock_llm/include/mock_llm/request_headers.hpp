#pragma once
// The request header fields the mock acts on, as views into the request. A plain value type.

#include <optional>
#include <string_view>

namespace mock_llm {

// Finds any request header field by name (ASCII case-insensitive): an empty view when absent.
// A function pointer and a context, so the pure decisions need no HTTP library and no
// allocation.
struct HeaderLookup {
    const void* fields = nullptr;
    std::string_view (*find)(const void* fields, std::string_view name) = nullptr;

    std::string_view operator()(std::string_view name) const {
        return find == nullptr ? std::string_view{} : find(fields, name);
    }
};

struct RequestHeaders {
    std::optional<std::string_view> mock_fault;     // x-mock-fault, if sent
    std::optional<std::string_view> mock_delay_ms;  // x-mock-delay-ms, if sent
    std::string_view authorization;                 // its key's tail is echoed in a 401
    HeaderLookup other;                             // any other field (script keys)
};

// The API key of an "Authorization: Bearer KEY" value (scheme case-insensitive); empty if none.
std::string_view bearer_key(std::string_view authorization) noexcept;

// The OpenAI SDKs' attempt number from x-stainless-retry-count (0 first); -1 when absent or not
// a small whole number.
int parse_retry_count(std::optional<std::string_view> value) noexcept;

}  // namespace mock_llm
