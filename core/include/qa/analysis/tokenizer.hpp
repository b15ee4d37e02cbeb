#pragma once
// The Python 3 tokenizer: source bytes in, tokens (offsets into the source) out. Works on bytes,
// so any input is accepted: problems become Diagnostics and the scan goes on. Linear time, no
// recursion, no allocation per token. Pure function; thread-safe on distinct outputs.

#include <cstdint>
#include <string_view>
#include <vector>

#include "qa/analysis/diagnostic.hpp"
#include "qa/analysis/parse_limits.hpp"
#include "qa/analysis/token.hpp"

namespace qa {

struct TokenizedSource {
    // Ends with exactly one end_marker token. NEWLINE ends every logical line that has tokens;
    // INDENT and DEDENT balance.
    std::vector<Token> tokens;
    // line_starts[n - 1] is the offset of line n's first byte. "\n", "\r\n" and a lone "\r"
    // each end a line (also inside strings).
    std::vector<std::uint32_t> line_starts;
    // Every comment, from '#' to the end of its line (without the line break).
    std::vector<TextSpan> comments;
    // The source starts with a UTF-8 byte order mark (skipped; it stays in the source).
    bool has_bom = false;
};

// Replaces `out`'s contents (keeping its capacity). A source larger than kMaxSourceBytes yields
// only an end_marker and a too_large diagnostic.
void tokenize(std::string_view source, TokenizedSource& out, Diagnostics& diagnostics,
              const ParseLimits& limits = {});

}  // namespace qa
