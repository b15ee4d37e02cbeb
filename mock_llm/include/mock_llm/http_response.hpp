#pragma once
// Serializing a Decision's status line and header fields (HTTP/1.1). Pure; reuses `out`.

#include <string>
#include <string_view>

#include "mock_llm/handler.hpp"

namespace mock_llm {

std::string_view reason_phrase(int status) noexcept;

// Writes the head (status line, fields, blank line) into out; the body is sent after it as is.
// keep_alive is the request's wish; http_version is 10 or 11.
void write_response_head(std::string& out, const Decision& decision, bool keep_alive,
                         unsigned http_version);

}  // namespace mock_llm
