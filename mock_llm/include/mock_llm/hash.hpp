#pragma once
// Deterministic 64-bit hashing for the mock's seeded decisions: a word-at-a-time hash of byte
// strings and the splitmix64 finalizer to mix. Stable across runs, platforms and builds (unlike
// std::hash): a seed names the same faults and answers wherever it runs.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace mock_llm {

// splitmix64's finalizer: every input bit affects every output bit.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The hash of a byte string: a request body, a message's text. Eight bytes at a time, read as
// a little-endian word on every platform, each folded in with one multiply and one shift; then
// the length (so "a" and "a\0" differ) and mix64. Bodies are kilobytes and every chat request is
// hashed twice (whole, and message by message), so the cost per byte matters: byte-at-a-time
// FNV-1a, used before, waits for a multiply per byte and was half the server's user time.
inline std::uint64_t hash_bytes(std::string_view bytes) noexcept {
    // Odd, so each multiply is a bijection: no two states fold into one.
    constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
    const auto fold = [](std::uint64_t state, std::uint64_t word) {
        state = (state ^ word) * kMultiplier;
        return state ^ (state >> 29);  // the high bits, which saw every input bit, back down
    };
    const auto little_endian = [](std::uint64_t word) {
        if constexpr (std::endian::native == std::endian::big) {
            return __builtin_bswap64(word);
        }
        return word;
    };
    std::uint64_t state = 0x2d358dccaa6c78a5ULL;
    const char* at = bytes.data();
    std::size_t left = bytes.size();
    for (; left >= 8; at += 8, left -= 8) {
        std::uint64_t word;
        std::memcpy(&word, at, 8);
        state = fold(state, little_endian(word));
    }
    if (left > 0) {
        std::uint64_t word = 0;
        for (std::size_t i = 0; i < left; ++i) {
            word |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * i);
        }
        state = fold(state, word);
    }
    return mix64(state ^ bytes.size());
}

// Order matters: combine(a, b) != combine(b, a).
constexpr std::uint64_t hash_combine(std::uint64_t a, std::uint64_t b) noexcept {
    return mix64(a ^ mix64(b));
}

// A uniform draw in [0, 1) from the top 53 bits of h.
constexpr double unit_interval(std::uint64_t h) noexcept {
    return static_cast<double>(h >> 11) * 0x1.0p-53;
}

}  // namespace mock_llm
