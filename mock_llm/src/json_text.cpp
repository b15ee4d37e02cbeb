#include "mock_llm/json_text.hpp"

#include "support/json_string.hpp"

namespace mock_llm {

void append_json_string(std::string& out, std::string_view s) {
    // The mock writes only text it made or was sent as valid UTF-8: bytes >= 0x80 pass.
    support::append_json_quoted<support::HighBytes::pass>(
        out, s, [](std::string_view text, std::size_t at, char*& to) {
            return support::write_ascii_json_escape(text[at], to);
        });
}

}  // namespace mock_llm
