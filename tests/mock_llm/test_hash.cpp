// hash_bytes: stable values (a seed must name the same faults and answers on every platform and
// build), every byte and the length counted, and output bits that look independent of the input.
#include <bit>
#include <cstdint>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "mock_llm/hash.hpp"

namespace mock_llm {
namespace {

TEST(Hash, ValuesAreStable) {
    // Pinned (worked out by a separate implementation of the same steps): changing them changes
    // every seeded fault and answer, so it must be deliberate.
    EXPECT_EQ(hash_bytes(""), 0x0bd2db2e48789d20ULL);
    EXPECT_EQ(hash_bytes("a"), 0x262d4e99e5a11ba4ULL);
    EXPECT_EQ(hash_bytes("def test_x():\n    assert f() == 1\n"), 0x806d7836da5eff3dULL);
}

TEST(Hash, EveryLengthAndEveryByteCounts) {
    const std::string text = "tests/test_orders.py::test_total_with_discount_applied";
    std::set<std::uint64_t> seen;
    for (std::size_t length = 0; length <= text.size(); ++length) {
        seen.insert(hash_bytes(std::string_view(text).substr(0, length)));
    }
    EXPECT_EQ(seen.size(), text.size() + 1);
    // Trailing zero bytes are bytes too.
    EXPECT_NE(hash_bytes(std::string_view("ab", 2)), hash_bytes(std::string_view("ab\0", 3)));
    EXPECT_NE(hash_bytes(std::string_view("\0", 1)), hash_bytes(""));
    // One byte changed at each position, inside a word and in the tail.
    for (std::size_t at = 0; at < text.size(); ++at) {
        std::string changed = text;
        changed[at] = static_cast<char>(changed[at] ^ 0x01);
        EXPECT_NE(hash_bytes(changed), hash_bytes(text)) << "byte " << at;
    }
}

TEST(Hash, OneFlippedInputBitFlipsAboutHalfTheOutput) {
    double flipped_bits = 0;
    int flips = 0;
    int fewest = 64;
    for (int sample = 0; sample < 64; ++sample) {
        const std::string text = "request body " + std::to_string(sample * 7919) +
                                 std::string(static_cast<std::size_t>(sample % 23), 'x');
        const std::uint64_t base = hash_bytes(text);
        for (std::size_t bit = 0; bit < 8 * text.size(); ++bit) {
            std::string changed = text;
            changed[bit / 8] = static_cast<char>(changed[bit / 8] ^ (1 << (bit % 8)));
            const int distance = std::popcount(base ^ hash_bytes(changed));
            flipped_bits += distance;
            fewest = std::min(fewest, distance);
            ++flips;
        }
    }
    EXPECT_NEAR(flipped_bits / flips, 32.0, 1.0);
    EXPECT_GE(fewest, 10);
}

TEST(Hash, DrawsAreUniform) {
    constexpr int kHashDraws = 20000;
    int deciles[10] = {};
    for (int i = 0; i < kHashDraws; ++i) {
        ++deciles[static_cast<int>(10 * unit_interval(hash_bytes("body " + std::to_string(i))))];
    }
    for (const int count : deciles) {
        EXPECT_NEAR(count, kHashDraws / 10, kHashDraws / 10 * 0.1);
    }
}

}  // namespace
}  // namespace mock_llm
