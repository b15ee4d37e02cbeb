#include "qa/llm/json_escape.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "support/json_scan.hpp"

namespace qa {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const auto continuation = [&](std::size_t k) {
        return k < text.size() && (byte(k) & 0xC0) == 0x80;
    };
    const std::uint8_t lead = byte(i);
    if (lead >= 0xC2 && lead <= 0xDF)
        return continuation(i + 1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(i + 1) || !continuation(i + 2))
            return 0;
        const std::uint8_t second = byte(i + 1);
        if (lead == 0xE0 && second < 0xA0)
            return 0;  // overlong
        if (lead == 0xED && second > 0x9F)
            return 0;  // surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3))
            return 0;
        const std::uint8_t second = byte(i + 1);
        if (lead == 0xF0 && second < 0x90)
            return 0;  // overlong
        if (lead == 0xF4 && second > 0x8F)
            return 0;  // above U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    // The most one stop in the text can add: \u00XX (six bytes); a UTF-8 sequence or the
    // replacement character are shorter.
    constexpr std::size_t kLongestStep = 6;
    // Written through a pointer into room made ahead, trimmed after: a prompt is source code
    // with a newline or a quote every few dozen bytes, and a checked string append per escape
    // cost as much as the scan. The first guess (a quarter more than the text) fits source
    // code; the room doubles when a run and one step would not fit.
    const std::size_t start = out.size();
    out.resize(start + 2 + text.size() + text.size() / 4 + kLongestStep);
    char* to = out.data() + start;
    *to++ = '"';
    std::size_t i = 0;
    while (i < text.size()) {
        // The longest run that needs no escaping, copied in one go.
        const std::size_t run = support::find_json_special<support::HighBytes::stop>(text, i);
        const std::size_t length = run - i;
        // Room for the run, one step and the closing quote.
        if (static_cast<std::size_t>(out.data() + out.size() - to) < length + kLongestStep + 1) {
            const std::size_t written = static_cast<std::size_t>(to - out.data());
            out.resize(std::max(2 * out.size(),
                                written + length + (text.size() - run) * 2 + kLongestStep + 1));
            to = out.data() + written;
        }
        std::memcpy(to, text.data() + i, length);
        to += length;
        i = run;
        if (i == text.size())
            break;

        const auto c = static_cast<std::uint8_t>(text[i]);
        if (c >= 0x80) {
            const std::size_t sequence = utf8_sequence_length(text, i);
            if (sequence == 0) {
                std::memcpy(to, kReplacement.data(), kReplacement.size());
                to += kReplacement.size();
                ++i;
            } else {
                std::memcpy(to, text.data() + i, sequence);
                to += sequence;
                i += sequence;
            }
            continue;
        }
        *to++ = '\\';
        switch (c) {
            case '"':
            case '\\':
                *to++ = static_cast<char>(c);
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
            case '\b':
                *to++ = 'b';
                break;
            case '\f':
                *to++ = 'f';
                break;
            default:
                *to++ = 'u';
                *to++ = '0';
                *to++ = '0';
                *to++ = kHex[c >> 4];
                *to++ = kHex[c & 0xF];
        }
        ++i;
    }
    *to++ = '"';
    out.resize(static_cast<std::size_t>(to - out.data()));
}

}  // namespace qa
