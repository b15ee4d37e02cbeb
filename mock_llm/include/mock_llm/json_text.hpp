#pragma once
// Appending JSON text to a string without building a DOM: the hot path of the response bodies.

#include <charconv>
#include <concepts>
#include <string>
#include <string_view>

namespace mock_llm {

// Appends s as a quoted JSON string. s must be valid UTF-8 (bytes >= 0x80 pass through).
void append_json_string(std::string& out, std::string_view s);

template <std::integral Integer>
void append_integer(std::string& out, Integer value) {
    char digits[24];  // enough for any 64-bit integer with its sign
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

}  // namespace mock_llm
