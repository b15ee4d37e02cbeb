#pragma once
// Finding the next byte a JSON string writer must look at, 16 bytes at a time.
//
// Both JSON string writers (the client's request bodies, the mock's completion bodies) spend
// most of their time scanning for the few bytes that need an escape; prompts and answers are
// kilobytes of plain text with a newline or a quote every few dozen bytes. SSE2 is part of
// x86-64, so the vector path is the one that runs; other targets take the byte loop.

#include <cstddef>
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

// The index of the first byte at or after `from` that is a control character, '"', '\\' or,
// with HighBytes::stop, >= 0x80; text.size() when there is none.
template <HighBytes kHigh>
std::size_t find_json_special(std::string_view text, std::size_t from) noexcept {
    const char* const data = text.data();
    const std::size_t size = text.size();
    std::size_t i = from;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= size; i += 16) {
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
        const __m128i special = _mm_or_si128(
            low, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        if (const int mask = _mm_movemask_epi8(special); mask != 0)
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c < 0x20 || c == '"' || c == '\\' || (kHigh == HighBytes::stop && c >= 0x80))
            return i;
    }
    return size;
}

}  // namespace support
