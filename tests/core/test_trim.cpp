// support::trim_*: what each format's reader counts as blank around a value.
#include <gtest/gtest.h>

#include "support/trim.hpp"

namespace {

using support::trim_ascii_whitespace;
using support::trim_http_whitespace;

TEST(Trim, HttpWhitespaceIsSpaceAndTabOnly) {
    EXPECT_EQ(trim_http_whitespace(" \t 12 \t"), "12");
    EXPECT_EQ(trim_http_whitespace("a b"), "a b");  // inner blanks stay
    EXPECT_EQ(trim_http_whitespace("\r\n12\n"), "\r\n12\n");
    EXPECT_EQ(trim_http_whitespace(" \t "), "");
    EXPECT_EQ(trim_http_whitespace(""), "");
}

TEST(Trim, AsciiWhitespaceAlsoTakesLineBreaks) {
    EXPECT_EQ(trim_ascii_whitespace("\n\r\t {\"a\": 1}\n\n"), "{\"a\": 1}");
    EXPECT_EQ(trim_ascii_whitespace("\n \r\n"), "");
    EXPECT_EQ(trim_ascii_whitespace("x"), "x");
    // Not other bytes: a form feed or a non-breaking space is content.
    EXPECT_EQ(trim_ascii_whitespace("\f1\xC2\xA0"), "\f1\xC2\xA0");
}

// Usable where a constant is needed.
static_assert(trim_http_whitespace("  7 ") == "7");

}  // namespace
