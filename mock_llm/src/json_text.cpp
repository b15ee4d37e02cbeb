#include "mock_llm/json_text.hpp"

#include <algorithm>
#include <cstring>

#include "support/json_scan.hpp"

namespace mock_llm {

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    constexpr std::size_t kLongestEscape = 6;  // \u00XX
    // Written through a pointer into room made ahead, trimmed after: an answer's content is JSON
    // itself, with a quote every few bytes, and a checked string append per escape cost more
    // than the scan. The first guess (a quarter more than the input) fits typical text; the room
    // doubles when a run and an escape would not fit.
    const std::size_t start = out.size();
    out.resize(start + 2 + s.size() + s.size() / 4 + kLongestEscape);
    char* to = out.data() + start;
    *to++ = '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // The longest run that needs no escaping, copied in one go.
        const std::size_t run = support::find_json_special<support::HighBytes::pass>(s, i);
        const std::size_t length = run - i;
        // Room for the run, one escape and the closing quote.
        if (static_cast<std::size_t>(out.data() + out.size() - to) < length + kLongestEscape + 1) {
            const std::size_t written = static_cast<std::size_t>(to - out.data());
            out.resize(std::max(2 * out.size(),
                                written + length + (s.size() - run) * 2 + kLongestEscape + 1));
            to = out.data() + written;
        }
        std::memcpy(to, s.data() + i, length);
        to += length;
        if (run == s.size())
            break;
        const char c = s[run];
        i = run + 1;
        *to++ = '\\';
        switch (c) {
            case '"':
            case '\\':
                *to++ = c;
                break;
            case '\n':
                *to++ = 'n';
                break;
            case '\r':
                *to++ = 'r';
                break;
            case '\t':
                *to++ = 't';
                break;
            default:  // the other control characters
                *to++ = 'u';
                *to++ = '0';
                *to++ = '0';
                *to++ = kHex[(c >> 4) & 0xf];
                *to++ = kHex[c & 0xf];
        }
    }
    *to++ = '"';
    out.resize(static_cast<std::size_t>(to - out.data()));
}

}  // namespace mock_llm
