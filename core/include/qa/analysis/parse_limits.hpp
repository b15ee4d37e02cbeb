#pragma once
// ParseLimits: the bounds that keep tokenizing and parsing linear in time and bounded in memory
// whatever the input. No part of the parser recurses; these bound its explicit stacks.

#include <cstdint>

namespace qa {

struct ParseLimits {
    // Open brackets tracked by type (CPython refuses more than 200). Deeper brackets are still
    // counted so lines end in the right place, but get no call or comparison records and no
    // type check. Zero tracks none.
    std::uint32_t max_bracket_depth = 200;

    // Indentation levels (CPython refuses more than 100). A deeper line is flattened into the
    // deepest level, with a too_deep diagnostic. Zero allows only module level.
    std::uint32_t max_indent_depth = 100;

    // Nested f-string parts (a replacement field, a string inside it, a format spec...). Deeper
    // f-strings are scanned as plain strings. At most kMaxFStringDepth; zero scans every f-string
    // as a plain string.
    std::uint32_t max_fstring_depth = 32;

    // Diagnostics kept per file; the rest are only counted (Diagnostics::dropped).
    std::uint32_t max_diagnostics = 64;
};

// The hard cap on ParseLimits::max_fstring_depth (the f-string scanner's fixed stack).
inline constexpr std::uint32_t kMaxFStringDepth = 64;

// The largest source the parser takes: offsets are 32-bit.
inline constexpr std::uint64_t kMaxSourceBytes = 0xFFFF0000u;

}  // namespace qa
