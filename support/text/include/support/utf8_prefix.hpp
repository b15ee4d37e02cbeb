#pragma once
// Cutting UTF-8 text to a size without splitting a character: one rule for the core (prompts,
// excerpts in errors and reports) and the mock (answers cut to max_tokens).

#include <cstddef>
#include <string_view>

namespace support {

// 10xxxxxx: the second, third or fourth byte of a character.
constexpr bool is_utf8_continuation(char byte) noexcept {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// The length of the longest prefix of `text` of at most `max_bytes` that does not end inside a
// UTF-8 character. It walks back at most 3 bytes (a character has at most 3 continuation
// bytes), so a run of stray continuation bytes in invalid text costs no more, and loses no
// more, than a real character would.
constexpr std::size_t utf8_prefix_end(std::string_view text, std::size_t max_bytes) noexcept {
    if (max_bytes >= text.size())
        return text.size();
    constexpr std::size_t kMaxContinuationBytes = 3;
    std::size_t end = max_bytes;  // text[end] is the first byte left out
    for (std::size_t step = 0;
         step < kMaxContinuationBytes && end > 0 && is_utf8_continuation(text[end]); ++step)
        --end;
    return end;
}

}  // namespace support
