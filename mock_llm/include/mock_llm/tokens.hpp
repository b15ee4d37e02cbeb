#pragma once
// Token arithmetic of the mock: a deterministic estimate from UTF-8 byte counts (no tokenizer),
// truncation to a token budget and splitting into stream pieces, both on character boundaries.
// Pure.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace mock_llm {

// The estimate's rule: one token per 4 UTF-8 bytes, rounded up, so any non-empty text is at least
// one token (about right for English; the usual rule of thumb). A prompt is estimated message by
// message, so each non-empty message counts at least 1.
inline constexpr std::size_t kBytesPerToken = 4;

// DeepSeek's context cache works in units of 64 tokens of a repeated prompt prefix.
inline constexpr std::size_t kCacheUnitTokens = 64;

constexpr std::size_t estimate_tokens(std::size_t utf8_bytes) noexcept {
    return (utf8_bytes + kBytesPerToken - 1) / kBytesPerToken;
}

// The cache hits of a prompt whose leading system messages estimate to `prefix_tokens`: the mock
// assumes that prefix was seen before (a fixed system prompt is the usual case, and the rule
// keeps usage a function of the request alone), and counts it in whole cache units.
constexpr std::size_t cache_hit_tokens(std::size_t prefix_tokens) noexcept {
    return prefix_tokens / kCacheUnitTokens * kCacheUnitTokens;
}

// The longest prefix of `text` of at most max_bytes that ends on a character boundary. `text`
// must be valid UTF-8; at most 3 bytes short of max_bytes.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

struct Truncated {
    std::string_view text;
    bool truncated = false;  // true: the budget cut the text (finish_reason "length")
};

// `text` cut to `max_tokens` estimated tokens; 0 means no budget. The cut text estimates to
// exactly max_tokens tokens, since a character boundary is at most 3 bytes back.
Truncated truncate_to_tokens(std::string_view text, std::uint64_t max_tokens) noexcept;

// `text` in pieces of piece_bytes (the last may be shorter), each extended to the end of the
// character it would split, so every piece is valid UTF-8. Concatenated, they are `text`.
std::vector<std::string_view> split_utf8(std::string_view text, std::size_t piece_bytes);

}  // namespace mock_llm
