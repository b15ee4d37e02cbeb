#include "qa/analysis/utf8.hpp"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace qa {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        // Source is mostly ASCII: check 8 bytes at a time.
        if (i + 8 <= n) {
            std::uint64_t word = 0;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;  // bounds of the second byte (excludes overlongs, surrogates)
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > n || s[i + 1] < low || s[i + 1] > high)
            return i;
        for (std::size_t k = 2; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += length;
    }
    return std::nullopt;
}

std::string_view coding_cookie(std::string_view source) {
    // PEP 263: a comment on line 1 or 2 matching `coding[:=]\s*([-\w.]+)`.
    std::size_t line_begin = 0;
    for (int line = 0; line < 2 && line_begin < source.size(); ++line) {
        std::size_t line_end = source.find_first_of("\r\n", line_begin);
        if (line_end == std::string_view::npos)
            line_end = source.size();
        const std::string_view text = source.substr(line_begin, line_end - line_begin);
        const std::size_t hash = text.find('#');
        if (hash != std::string_view::npos && text.find_first_not_of(" \t\f") == hash) {
            const std::size_t key = text.find("coding", hash);
            if (key != std::string_view::npos && key + 6 < text.size() &&
                (text[key + 6] == ':' || text[key + 6] == '=')) {
                std::size_t begin = key + 7;
                while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t'))
                    ++begin;
                std::size_t end = begin;
                while (end < text.size() &&
                       (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                        text[end] == '_' || text[end] == '.'))
                    ++end;
                if (end > begin)
                    return text.substr(begin, end - begin);
            }
        }
        line_begin = line_end + ((line_end + 1 < source.size() && source[line_end] == '\r' &&
                                  source[line_end + 1] == '\n')
                                     ? 2
                                     : 1);
    }
    return {};
}

}  // namespace qa
