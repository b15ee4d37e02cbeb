#pragma once
// Byte classes for the tokenizer: one table lookup per byte instead of a chain of comparisons.
// Bytes >= 0x80 count as identifier bytes, as in CPython's tokenizer (which checks the UTF-8
// later): a non-ASCII identifier is one NAME, and stray bytes never stall the scan.

#include <array>
#include <cstdint>

namespace qa::chars {

enum : std::uint8_t {
    kIdentStart = 1,
    kIdentContinue = 2,
    kDigit = 4,
    kStringStop = 8,    // ends a run of plain string text: quotes, backslash, line breaks
    kFStringStop = 16,  // the same plus '{' and '}'
};

inline constexpr std::array<std::uint8_t, 256> kTable = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
        std::uint8_t bits = 0;
        const bool letter =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        if (letter)
            bits |= kIdentStart | kIdentContinue;
        if (c >= '0' && c <= '9')
            bits |= kDigit | kIdentContinue;
        if (c == '\'' || c == '"' || c == '\\' || c == '\n' || c == '\r')
            bits |= kStringStop | kFStringStop;
        if (c == '{' || c == '}')
            bits |= kFStringStop;
        table[static_cast<std::size_t>(c)] = bits;
    }
    return table;
}();

inline bool is(char c, std::uint8_t bits) {
    return (kTable[static_cast<unsigned char>(c)] & bits) != 0;
}
inline bool is_line_break(char c) {
    return c == '\n' || c == '\r';
}
inline bool is_quote(char c) {
    return c == '\'' || c == '"';
}

}  // namespace qa::chars
