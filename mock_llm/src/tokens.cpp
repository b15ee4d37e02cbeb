#include "mock_llm/tokens.hpp"

#include <algorithm>

#include "support/utf8_prefix.hpp"

namespace mock_llm {

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
    return text.substr(0, support::utf8_prefix_end(text, max_bytes));
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
        while (end < text.size() && support::is_utf8_continuation(text[end])) {
            ++end;
        }
        pieces.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return pieces;
}

}  // namespace mock_llm
