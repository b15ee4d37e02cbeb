#pragma once
// Whitespace trimming for the few text formats the core and the mock read by hand.

#include <string_view>

namespace support {

// Without the characters of `set` at either end.
constexpr std::string_view trim_any(std::string_view text, std::string_view set) noexcept {
    const auto first = text.find_first_not_of(set);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(set) - first + 1);
}

// HTTP's optional whitespace around header values and their parameters (RFC 9110: space, tab).
constexpr std::string_view trim_http_whitespace(std::string_view text) noexcept {
    return trim_any(text, " \t");
}

// Blanks and line breaks around a model's answer.
constexpr std::string_view trim_ascii_whitespace(std::string_view text) noexcept {
    return trim_any(text, " \t\r\n");
}

}  // namespace support
