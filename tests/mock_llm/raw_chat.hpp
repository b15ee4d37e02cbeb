#pragma once
// Test helpers for RawConnection: a chat request's bytes and a look at a response head.

#include <string>
#include <string_view>

#include "raw_connection.hpp"

namespace mock_llm::testing {

// POST /chat/completions with `body`; `extra` is more header lines, each ending in "\r\n".
inline std::string raw_chat_request(std::string_view body, std::string_view extra = "",
                                    std::string_view version = "HTTP/1.1") {
    return "POST /chat/completions " + std::string(version) +
           "\r\nHost: mock\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + std::string(extra) + "\r\n" + std::string(body);
}

inline std::string lowercase_text(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return text;
}

// The value of a header field of a response head ("" when absent); `name` lowercase.
inline std::string head_field(const RawResponse& response, std::string_view name) {
    const std::string head = lowercase_text(response.head) + "\r\n";
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = head.find(key);
    if (at == std::string::npos) {
        return {};
    }
    const auto begin = at + key.size();
    return response.head.substr(begin, head.find("\r\n", begin) - begin);
}

}  // namespace mock_llm::testing
