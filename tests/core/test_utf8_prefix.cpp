// support::utf8_prefix_end: a cut to a size never splits a character, and invalid text (stray
// continuation bytes) never makes it walk back more than a character's length.
#include <gtest/gtest.h>

#include <string>

#include "support/utf8_prefix.hpp"

namespace {

using support::utf8_prefix_end;

// "a", "é" (2 bytes), "€" (3 bytes), "𝄞" (4 bytes), "z": 11 bytes.
constexpr std::string_view kMixed = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9Ez";

TEST(Utf8PrefixEnd, EndsOnlyBetweenCharacters) {
    const std::size_t boundaries[] = {0, 1, 3, 6, 10, 11};
    for (std::size_t max = 0; max <= kMixed.size() + 2; ++max) {
        std::size_t expected = 0;
        for (const std::size_t boundary : boundaries) {
            if (boundary <= max)
                expected = boundary;
        }
        EXPECT_EQ(utf8_prefix_end(kMixed, max), expected) << "max " << max;
    }
}

TEST(Utf8PrefixEnd, ATextThatFitsIsKeptWhole) {
    EXPECT_EQ(utf8_prefix_end("", 0), 0u);
    EXPECT_EQ(utf8_prefix_end("", 5), 0u);
    EXPECT_EQ(utf8_prefix_end(kMixed, 11), 11u);
    // A text that already ends inside a character is not the cut's business: it fits.
    EXPECT_EQ(utf8_prefix_end("a\xE2\x82", 3), 3u);
}

TEST(Utf8PrefixEnd, StrayContinuationBytesCostAtMostThreeBytes) {
    // 100 continuation bytes after "ab": the cut walks back 3 bytes, not to the start.
    const std::string invalid = "ab" + std::string(100, '\x80');
    EXPECT_EQ(utf8_prefix_end(invalid, 50), 47u);
    // Near the start the walk reaches "b", which the stray bytes seem to continue: it goes too.
    EXPECT_EQ(utf8_prefix_end(invalid, 4), 1u);
    EXPECT_EQ(utf8_prefix_end(invalid, 3), 1u);
}

}  // namespace
