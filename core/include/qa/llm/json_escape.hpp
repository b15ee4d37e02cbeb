#pragma once
// Appending a JSON string literal to a buffer, for request bodies built without a DOM.
// Bytes that are not valid UTF-8 become U+FFFD, so any input (a test file in Latin-1, say)
// still yields valid JSON instead of an exception.

#include <string>
#include <string_view>

namespace qa {

// Appends "text" with quotes, escaping '"', '\\' and control characters.
void append_json_string(std::string& out, std::string_view text);

}  // namespace qa
