#pragma once
// Deterministic 64-bit hashing for the mock's seeded decisions: FNV-1a over bytes and the
// splitmix64 finalizer to mix. Stable across runs, platforms and builds (unlike std::hash).

#include <cstdint>
#include <string_view>

namespace mock_llm {

inline constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;

// FNV-1a; pass a previous result as `state` to hash several pieces as one stream.
constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                std::uint64_t state = kFnvOffsetBasis) noexcept {
    for (const char byte : bytes) {
        state ^= static_cast<unsigned char>(byte);
        state *= 0x100000001b3ULL;
    }
    return state;
}

// splitmix64's finalizer: every input bit affects every output bit.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
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
