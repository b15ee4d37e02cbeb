#pragma once
// OpenAI-style error bodies: {"error":{"message","type","param":null,"code"}}. Pure.

#include <string>
#include <string_view>

namespace mock_llm {

// Invalid UTF-8 in message (e.g. echoed from a request) is replaced, never an exception.
std::string error_body(std::string_view message, std::string_view type, std::string_view code);

}  // namespace mock_llm
