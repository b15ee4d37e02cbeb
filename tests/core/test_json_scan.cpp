// support::find_json_special against a byte-by-byte reference: the vector path reads 16 bytes at
// a time, so every position of a special byte around and across block boundaries is tried, from
// every start, in both modes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "support/json_scan.hpp"

namespace {

using support::find_json_special;
using support::HighBytes;

template <HighBytes kHigh>
std::size_t reference(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == '"' || c == '\\' || (kHigh == HighBytes::stop && c >= 0x80))
            return i;
    }
    return text.size();
}

template <HighBytes kHigh>
void expect_same_on_every_start(const std::string& text) {
    for (std::size_t from = 0; from <= text.size(); ++from) {
        ASSERT_EQ(find_json_special<kHigh>(text, from), reference<kHigh>(text, from))
            << "from " << from << " in a text of " << text.size() << " bytes";
    }
}

TEST(JsonScan, FindsEachKindOfSpecialByteAtEveryPosition) {
    const std::string specials("\"\\\n\t\x01\x1f\x00\x7f\x80\xc3\xff ", 12);
    for (std::size_t length = 0; length <= 48; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (const char special : specials) {
                std::string text(length, 'a');
                text[at] = special;
                expect_same_on_every_start<HighBytes::pass>(text);
                expect_same_on_every_start<HighBytes::stop>(text);
            }
        }
    }
}

TEST(JsonScan, PlainTextHasNoSpecialByte) {
    const std::string text(100, 'x');
    EXPECT_EQ(find_json_special<HighBytes::stop>(text, 0), text.size());
    EXPECT_EQ(find_json_special<HighBytes::pass>(text, 7), text.size());
    EXPECT_EQ(find_json_special<HighBytes::pass>("", 0), 0u);
}

TEST(JsonScan, HighBytesStopOnlyWhenAsked) {
    const std::string text = "caf\xc3\xa9 \"";
    EXPECT_EQ(find_json_special<HighBytes::stop>(text, 0), 3u);
    EXPECT_EQ(find_json_special<HighBytes::pass>(text, 0), 6u);
}

TEST(JsonScan, AgreesWithTheReferenceOnRandomText) {
    std::mt19937 random(20261129);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> kind(0, 15);
    for (int round = 0; round < 200; ++round) {
        std::string text(static_cast<std::size_t>(round), ' ');
        for (char& c : text)  // mostly plain text, as prompts are
            c = static_cast<char>(kind(random) == 0 ? byte(random) : 'a' + kind(random));
        expect_same_on_every_start<HighBytes::pass>(text);
        expect_same_on_every_start<HighBytes::stop>(text);
    }
}

}  // namespace
