#pragma once
// Appending text as a JSON string, 16 bytes at a time: the loop both JSON string writers share
// (the client's request bodies, the mock's completion bodies). What a byte that needs attention
// becomes is the caller's (an escape, a UTF-8 check); the scan and the copying are here.
//
// Prompts and answers are kilobytes of text with a newline or a quote every few dozen bytes
// (an answer's content, being JSON itself, every few bytes), so the cost is per stop more than
// per byte: each block of 16 is stored whole into room made ahead, and the output advances only
// past the plain bytes in front of the first stop. No call and no capacity check per stop; the
// room is checked once per block. SSE2 is part of x86-64, so the vector path is the one that
// runs; other targets take the byte loop.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace support {

// Which bytes stop the scan besides control characters, '"' and '\\'.
enum class HighBytes {
    pass,  // bytes >= 0x80 are copied as they are
    stop,  // bytes >= 0x80 stop the scan too (the caller validates UTF-8)
};

// The most an escape may write for one stop (\u00XX).
inline constexpr std::size_t kMaxJsonEscape = 6;

template <HighBytes kHigh>
constexpr bool is_json_stop(unsigned char c) noexcept {
    return c < 0x20 || c == '"' || c == '\\' || (kHigh == HighBytes::stop && c >= 0x80);
}

// Appends `text` to `out` between double quotes. At each stop byte, `escape(text, at, to)`
// writes at most kMaxJsonEscape bytes at `to`, advances `to` past them, and returns how many
// bytes of the text it consumed (at least one).
template <HighBytes kHigh, class Escape>
void append_json_quoted(std::string& out, std::string_view text, Escape&& escape) {
    constexpr std::size_t kBlock = 16;
    const std::size_t size = text.size();
    const char* const data = text.data();
    // The first guess (a quarter more than the text) fits prose and code; the room grows
    // whenever a step might not fit.
    const std::size_t start = out.size();
    out.resize(start + 2 + size + size / 4 + kBlock + kMaxJsonEscape);
    // The write position and the end of the room, kept in locals: stores through `to` may
    // alias the string's own fields, so asking `out` each time would reload them per byte.
    char* to = out.data() + start;
    char* end = out.data() + out.size();
    const auto make_room = [&](std::size_t at, std::size_t step) {
        const auto written = static_cast<std::size_t>(to - out.data());
        // The step, then two bytes for each byte left (most escapes are two), and the quote.
        const std::size_t need = step + 2 * (size - at) + 1;
        out.resize(std::max(2 * out.size(), written + need));
        to = out.data() + written;
        end = out.data() + out.size();
    };
    *to++ = '"';
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (i + kBlock <= size) {
        // The block's store, then at most 15 plain bytes kept and one escape, then the quote.
        if (static_cast<std::size_t>(end - to) < kBlock + kMaxJsonEscape + 1)
            make_room(i, kBlock + kMaxJsonEscape);
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
        __m128i low;
        if constexpr (kHigh == HighBytes::stop) {
            // A signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too.
            low = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
        } else {
            // Unsigned "<= 0x1f": max(byte, 0x1f) == 0x1f.
            const __m128i limit = _mm_set1_epi8(0x1f);
            low = _mm_cmpeq_epi8(_mm_max_epu8(bytes, limit), limit);
        }
        const __m128i stops = _mm_or_si128(
            low, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        // The whole block goes out; only the bytes before the first stop are kept.
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to), bytes);
        const int mask = _mm_movemask_epi8(stops);
        if (mask == 0) {
            to += kBlock;
            i += kBlock;
            continue;
        }
        const auto plain = static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        to += plain;
        i += plain;
        i += escape(text, i, to);
    }
#endif
    // The rest (under 16 bytes on x86-64) byte by byte. Room for all of it plain and the quote
    // first; then, at each stop, for its escape and the rest.
    if (static_cast<std::size_t>(end - to) < size - i + 1)
        make_room(i, 0);
    while (i < size) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (!is_json_stop<kHigh>(c)) {
            *to++ = static_cast<char>(c);
            ++i;
            continue;
        }
        if (static_cast<std::size_t>(end - to) < kMaxJsonEscape + (size - i) + 1)
            make_room(i, kMaxJsonEscape);
        i += escape(text, i, to);
    }
    *to++ = '"';
    out.resize(static_cast<std::size_t>(to - out.data()));
}

// The escape of an ASCII stop: the two-character forms JSON has, else \u00XX. Consumes one
// byte, as append_json_quoted's escapes return.
inline std::size_t write_ascii_json_escape(char c, char*& to) noexcept {
    static constexpr char kHex[] = "0123456789abcdef";
    *to++ = '\\';
    switch (c) {
        case '"':
        case '\\':
            *to++ = c;
            break;
        case '\n':
            *to++ = 'n';
            break;
        case '\r':
            *to++ = 'r';
            break;
        case '\t':
            *to++ = 't';
            break;
        case '\b':
            *to++ = 'b';
            break;
        case '\f':
            *to++ = 'f';
            break;
        default:
            *to++ = 'u';
            *to++ = '0';
            *to++ = '0';
            *to++ = kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            *to++ = kHex[static_cast<unsigned char>(c) & 0xf];
    }
    return 1;
}

}  // namespace support
