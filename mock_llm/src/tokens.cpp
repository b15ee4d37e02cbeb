#include "mock_llm/tokens.hpp"

#include <algorithm>

namespace mock_llm {

namespace {

// 10xxxxxx: the second, third or fourth byte of a character.
constexpr bool is_continuation(char byte) noexcept {
    return (static_cast<unsigned char>(byte) & 0xc0) == 0x80;
}

// A UTF-8 character is at most 4 bytes: at most 3 continuation bytes follow its first byte.
constexpr std::size_t kMaxContinuationBytes = 3;

}  // namespace

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
    if (text.size() <= max_bytes) {
        return text;
    }
    // text[end] is the first byte left out; if it continues a character, leave that whole
    // character out. Bounded, so invalid input cannot walk back further.
    std::size_t end = max_bytes;
    for (std::size_t step = 0;
         step < kMaxContinuationBytes && end > 0 && is_continuation(text[end]); ++step) {
        --end;
    }
    return text.substr(0, end);
}

Truncated truncate_to_tokens(std::string_view text, std::uint64_t max_tokens) noexcept {
    // Compared in tokens first: max_tokens * kBytesPerToken could overflow.
    if (max_tokens == 0 || estimate_tokens(text.size()) <= max_tokens) {
        return {text, false};
    }
    return {utf8_prefix(text, static_cast<std::size_t>(max_tokens) * kBytesPerToken), true};
}

std::vector<std::string_view> split_utf8(std::string_view text, std::size_t piece_bytes) {
    const std::size_t step = piece_bytes == 0 ? 1 : piece_bytes;
    std::vector<std::string_view> pieces;
    pieces.reserve(text.size() / step + 1);
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = std::min(begin + step, text.size());
        while (end < text.size() && is_continuation(text[end])) {
            ++end;
        }
        pieces.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return pieces;
}

}  // namespace mock_llm
