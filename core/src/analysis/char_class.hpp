#pragma once
// Byte classes for the tokenizer: one table lookup per byte instead of a chain of comparisons.
// Bytes >= 0x80 count as identifier bytes, as in CPython's tokenizer (which checks the UTF-8
// later): a non-ASCII identifier is one NAME, and stray bytes never stall the scan.

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The end of the run of identifier bytes ([A-Za-z0-9_] and bytes >= 0x80) that starts at `p`:
// the first index in [p, n) whose byte is not one, or n. Names are most of a test file's
// tokens, so this tests 16 bytes at a time (SSE2 is part of x86-64; elsewhere, a byte loop).
inline std::uint32_t identifier_end(const char* s, std::uint32_t p, std::uint32_t n) {
#if defined(__SSE2__)
    const __m128i case_bit = _mm_set1_epi8(0x20);
    for (; n - p >= 16; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + p));
        // Signed compares: bytes >= 0x80 are negative, outside both ranges, and caught by `high`.
        const __m128i folded = _mm_or_si128(bytes, case_bit);  // 'A'..'Z' -> 'a'..'z'
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
        const __m128i underscore = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_'));
        const __m128i high = _mm_cmplt_epi8(bytes, _mm_setzero_si128());
        const __m128i ident =
            _mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(underscore, high));
        const auto stops = ~static_cast<unsigned>(_mm_movemask_epi8(ident)) & 0xFFFFu;
        if (stops != 0)
            return p + static_cast<std::uint32_t>(__builtin_ctz(stops));
    }
#endif
    while (p < n && is(s[p], kIdentContinue))
        ++p;
    return p;
}

}  // namespace qa::chars
