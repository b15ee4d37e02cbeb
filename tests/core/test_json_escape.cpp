#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "qa/llm/json_escape.hpp"

namespace qa {
namespace {

std::string escaped(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

TEST(JsonEscape, EscapesQuotesBackslashesAndControls) {
    EXPECT_EQ(escaped("plain"), "\"plain\"");
    EXPECT_EQ(escaped("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(escaped("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
    EXPECT_EQ(escaped(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(escaped(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
}

TEST(JsonEscape, KeepsValidUtf8) {
    const std::string text = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";  // é € 😀
    EXPECT_EQ(escaped(text), "\"" + text + "\"");
}

TEST(JsonEscape, ReplacesInvalidUtf8SoTheJsonStaysValid) {
    const std::string replacement = "\xEF\xBF\xBD";
    EXPECT_EQ(escaped("\xE9t\xE9"), "\"" + replacement + "t" + replacement + "\"");  // Latin-1
    EXPECT_EQ(escaped("\xC0\xAF"), "\"" + replacement + replacement + "\"");         // overlong
    EXPECT_EQ(escaped("\xED\xA0\x80"), "\"" + replacement + replacement + replacement + "\"");
    EXPECT_EQ(escaped("\xF4\x90\x80\x80").find("\xF4"), std::string::npos);   // > U+10FFFF
    EXPECT_EQ(escaped("\xE2\x82"), "\"" + replacement + replacement + "\"");  // truncated
}

TEST(JsonEscape, EveryByteStringRoundTripsThroughAStrictParser) {
    std::string all;
    for (int c = 0; c < 256; ++c)
        all.push_back(static_cast<char>(c));
    const auto parsed = nlohmann::json::parse(escaped(all), nullptr, false);
    ASSERT_FALSE(parsed.is_discarded());
    const auto text = parsed.get<std::string>();
    EXPECT_EQ(text.substr(0, 128), all.substr(0, 128));  // ASCII survives exactly
}

// The writer makes room ahead and grows it when escapes outrun its first guess. Text that is
// nothing but escapes (six bytes each for controls, three for each invalid byte) must still
// come out whole, after what the string already held.
TEST(JsonEscape, TextOfOnlyEscapesGrowsTheRoomAndKeepsWhatCameBefore) {
    const std::string replacement = "\xEF\xBF\xBD";
    std::string invalid(4000, '\xFF');
    std::string invalid_replaced;
    for (std::size_t i = 0; i < invalid.size(); ++i)
        invalid_replaced += replacement;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {std::string(), std::string()},
        {std::string(3000, '\x01'), std::string(3000, '\x01')},
        {std::string(2000, '"'), std::string(2000, '"')},
        {invalid, invalid_replaced},
        {std::string(500, 'x') + std::string(500, '\n') + "\xC3\xA9",
         std::string(500, 'x') + std::string(500, '\n') + "\xC3\xA9"},
    };
    for (const auto& [text, expected] : cases) {
        std::string out = "[1,";
        append_json_string(out, text);
        out += ']';
        const auto parsed = nlohmann::json::parse(out, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << text.size();
        EXPECT_EQ(parsed[1].get<std::string>(), expected) << text.size();
        EXPECT_EQ(out.substr(0, 3), "[1,");
    }
}

}  // namespace
}  // namespace qa
