#include "mock_llm/json_text.hpp"

#include "support/json_scan.hpp"

namespace mock_llm {

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size() + 2);
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Copy the longest run that needs no escaping in one go: this scan is most of a
        // completion body's cost.
        const std::size_t run = support::find_json_special<support::HighBytes::pass>(s, i);
        out.append(s.data() + i, run - i);
        if (run == s.size())
            break;
        const char c = s[run];
        i = run + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xf];
                    out += kHex[c & 0xf];
                }
        }
    }
    out += '"';
}

}  // namespace mock_llm
