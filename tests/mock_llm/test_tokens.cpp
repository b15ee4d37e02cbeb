// Token arithmetic: the estimate, truncation to a budget and splitting into stream pieces, both
// on UTF-8 character boundaries.
#include <string>

#include <gtest/gtest.h>

#include "mock_llm/tokens.hpp"

namespace mock_llm {
namespace {

// "é" is 2 bytes, "€" 3, "😀" 4.
const std::string kMixed =
    "a\xc3\xa9"
    "b\xe2\x82\xac"
    "c\xf0\x9f\x98\x80";

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if ((lead & 0xc0) == 0x80 || i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

TEST(EstimateTokens, CeilingOfBytesOverFour) {
    EXPECT_EQ(estimate_tokens(0), 0u);
    EXPECT_EQ(estimate_tokens(1), 1u);
    EXPECT_EQ(estimate_tokens(4), 1u);
    EXPECT_EQ(estimate_tokens(5), 2u);
    EXPECT_EQ(estimate_tokens(kMixed.size()), 3u);  // 12 bytes
}

TEST(CacheHitTokens, WholeUnitsOf64) {
    EXPECT_EQ(cache_hit_tokens(0), 0u);
    EXPECT_EQ(cache_hit_tokens(63), 0u);
    EXPECT_EQ(cache_hit_tokens(64), 64u);
    EXPECT_EQ(cache_hit_tokens(200), 192u);
}

TEST(Utf8Prefix, NeverSplitsACharacter) {
    for (std::size_t max = 0; max <= kMixed.size() + 1; ++max) {
        const std::string_view prefix = utf8_prefix(kMixed, max);
        SCOPED_TRACE(max);
        EXPECT_LE(prefix.size(), max);
        EXPECT_GE(prefix.size() + 3, std::min(max, kMixed.size()));
        EXPECT_TRUE(is_valid_utf8(prefix));
        EXPECT_TRUE(std::string_view(kMixed).starts_with(prefix));
    }
    EXPECT_EQ(utf8_prefix(kMixed, 2), "a");          // inside "é"
    EXPECT_EQ(utf8_prefix(kMixed, 3), "a\xc3\xa9");  // right after it
    EXPECT_EQ(utf8_prefix(kMixed, 11),
              "a\xc3\xa9"
              "b\xe2\x82\xac"
              "c");
}

TEST(TruncateToTokens, NoBudgetOrWithinBudgetKeepsAll) {
    EXPECT_EQ(truncate_to_tokens(kMixed, 0).text, kMixed);
    EXPECT_FALSE(truncate_to_tokens(kMixed, 0).truncated);
    EXPECT_FALSE(truncate_to_tokens(kMixed, 3).truncated);
    EXPECT_FALSE(truncate_to_tokens(kMixed, ~std::uint64_t{0}).truncated);
}

TEST(TruncateToTokens, CutsToTheBudgetOnACharacterBoundary) {
    const std::string ascii(41, 'x');  // 11 tokens
    const Truncated cut = truncate_to_tokens(ascii, 3);
    EXPECT_TRUE(cut.truncated);
    EXPECT_EQ(cut.text.size(), 12u);

    for (std::uint64_t budget = 1; budget < 3; ++budget) {
        const Truncated mixed = truncate_to_tokens(kMixed, budget);
        SCOPED_TRACE(budget);
        EXPECT_TRUE(mixed.truncated);
        EXPECT_TRUE(is_valid_utf8(mixed.text));
        EXPECT_EQ(estimate_tokens(mixed.text.size()), budget);
    }
}

TEST(SplitUtf8, PiecesAreValidAndConcatenateToTheText) {
    for (std::size_t piece = 0; piece <= 6; ++piece) {
        SCOPED_TRACE(piece);
        std::string joined;
        for (const std::string_view part : split_utf8(kMixed, piece)) {
            EXPECT_FALSE(part.empty());
            EXPECT_TRUE(is_valid_utf8(part)) << part;
            joined += part;
        }
        EXPECT_EQ(joined, kMixed);
    }
    EXPECT_TRUE(split_utf8("", 4).empty());
    EXPECT_EQ(split_utf8("abcdefghij", 4), (std::vector<std::string_view>{"abcd", "efgh", "ij"}));
}

}  // namespace
}  // namespace mock_llm
