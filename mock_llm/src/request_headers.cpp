#include "mock_llm/request_headers.hpp"

#include <algorithm>

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

}  // namespace mock_llm
