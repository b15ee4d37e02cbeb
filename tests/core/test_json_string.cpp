// support::append_json_quoted against a byte-by-byte reference writer. The vector path stores
// 16 bytes at a time and keeps only those before the first stop, so every kind of stop byte is
// tried at every position around and across block boundaries, in both modes, after text the
// string already held, and with escapes that consume more than one byte.
#include <cstring>
#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "support/json_string.hpp"

namespace {

using support::HighBytes;

// The escape under test: ASCII stops as JSON has them; a byte >= 0x80 becomes "<hh>" and, when
// the next byte is >= 0x80 too, consumes both (as a UTF-8 sequence would).
std::size_t test_escape(std::string_view text, std::size_t at, char*& to) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80)
        return support::write_ascii_json_escape(text[at], to);
    static constexpr char kHex[] = "0123456789abcdef";
    const char written[4] = {'<', kHex[c >> 4], kHex[c & 0xf], '>'};
    std::memcpy(to, written, sizeof written);
    to += sizeof written;
    return at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0x80 ? 2 : 1;
}

template <HighBytes kHigh>
std::string reference(std::string_view prefix, std::string_view text) {
    std::string out(prefix);
    out += '"';
    char scratch[support::kMaxJsonEscape];
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!support::is_json_stop<kHigh>(c)) {
            out += text[i++];
            continue;
        }
        char* to = scratch;
        i += test_escape(text, i, to);
        out.append(scratch, to);
    }
    out += '"';
    return out;
}

template <HighBytes kHigh>
std::string written(std::string_view prefix, std::string_view text) {
    std::string out(prefix);
    support::append_json_quoted<kHigh>(out, text, test_escape);
    return out;
}

template <HighBytes kHigh>
void expect_same(std::string_view prefix, const std::string& text) {
    ASSERT_EQ(written<kHigh>(prefix, text), reference<kHigh>(prefix, text))
        << "a text of " << text.size() << " bytes after " << prefix.size();
}

TEST(JsonString, EachKindOfStopAtEveryPositionOfShortTexts) {
    const std::string stops("\"\\\n\r\t\b\f\x01\x1f\x00\x7f\x80\xc3\xff ", 15);
    for (std::size_t length = 0; length <= 48; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            for (const char stop : stops) {
                std::string text(length, 'a');
                text[at] = stop;
                expect_same<HighBytes::pass>("", text);
                expect_same<HighBytes::stop>("", text);
                expect_same<HighBytes::stop>("[1,", text);
            }
        }
    }
}

TEST(JsonString, TextOfNothingButStopsGrowsTheRoom) {
    // Six bytes out for every byte in: far past the first guess of the room.
    for (const std::size_t length : {1u, 15u, 16u, 17u, 100u, 4096u}) {
        expect_same<HighBytes::pass>("prefix", std::string(length, '\x01'));
        expect_same<HighBytes::stop>("prefix", std::string(length, '\xff'));
        expect_same<HighBytes::stop>("", std::string(length, '"'));
    }
}

TEST(JsonString, AgreesWithTheReferenceOnRandomText) {
    std::mt19937 random(20261129);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> kind(0, 7);
    for (int round = 0; round < 400; ++round) {
        std::string text(static_cast<std::size_t>(round * 3), ' ');
        for (char& c : text)  // plain text with a stop every few bytes, as answers are
            c = static_cast<char>(kind(random) == 0 ? byte(random) : 'a' + kind(random));
        const std::string prefix(static_cast<std::size_t>(round % 20), 'p');
        expect_same<HighBytes::pass>(prefix, text);
        expect_same<HighBytes::stop>(prefix, text);
    }
}

}  // namespace
