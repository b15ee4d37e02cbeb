#include "qa/llm/json_escape.hpp"

#include <cstdint>
#include <cstring>

#include "support/json_string.hpp"

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
    // Bytes >= 0x80 stop the scan: a valid UTF-8 sequence is copied, anything else becomes
    // U+FFFD, so the body is valid JSON whatever the source file held.
    support::append_json_quoted<support::HighBytes::stop>(
        out, text, [](std::string_view all, std::size_t at, char*& to) -> std::size_t {
            if (static_cast<std::uint8_t>(all[at]) < 0x80)
                return support::write_ascii_json_escape(all[at], to);
            const std::size_t sequence = utf8_sequence_length(all, at);
            if (sequence == 0) {
                std::memcpy(to, kReplacement.data(), kReplacement.size());
                to += kReplacement.size();
                return 1;
            }
            std::memcpy(to, all.data() + at, sequence);
            to += sequence;
            return sequence;
        });
}

}  // namespace qa
