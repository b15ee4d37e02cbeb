#include "mock_llm/request_headers.hpp"

#include <algorithm>
#include <charconv>

namespace mock_llm {

std::string_view bearer_key(std::string_view authorization) noexcept {
    constexpr std::string_view kScheme = "bearer ";
    // ASCII case-insensitive: HTTP's auth scheme names are case-insensitive.
    const auto lower = [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (authorization.size() < kScheme.size() ||
        !std::equal(kScheme.begin(), kScheme.end(), authorization.begin(),
                    [&](char a, char b) { return a == lower(b); })) {
        return {};
    }
    return authorization.substr(kScheme.size());
}

int parse_retry_count(std::optional<std::string_view> value) noexcept {
    if (!value)
        return -1;
    int count = 0;
    const auto result = std::from_chars(value->data(), value->data() + value->size(), count);
    return result.ec == std::errc{} && result.ptr == value->data() + value->size() && count >= 0
               ? count
               : -1;
}

}  // namespace mock_llm
