#pragma once
// Diagnostic: something the tokenizer or parser found wrong in a source and recovered from.
// A file with diagnostics is still parsed as far as it can be; the rules decide what to trust.

#include <cstdint>
#include <string_view>
#include <vector>

namespace qa {

enum class DiagnosticKind : std::uint8_t {
    invalid_utf8,         // the bytes are not UTF-8 (tolerated: the tokenizer works on bytes)
    invalid_character,    // a byte that starts no token ('$', '?', NUL, a stray backslash)
    unterminated_string,  // a quote not closed before the end of its line
    unterminated_triple_string,  // a triple quote not closed before the end of the file
    unclosed_bracket,            // an opening bracket never closed (at end of file or before a def)
    unmatched_bracket,           // a closing bracket with no opener, or of the wrong type
    inconsistent_dedent,         // a dedent to a column no outer block uses
    inconsistent_tabs,           // tabs and spaces mixed so that the result depends on the tab size
    too_deep,                    // nesting beyond a ParseLimits bound; the excess is flattened
    unexpected_indent,           // an indented line with no block header before it
    missing_block,               // a block header ("if x:") with no body
    misplaced_decorator,         // a decorator not followed by def or class
    malformed_statement,         // a compound statement without its ':' and the like
    too_large,                   // a source beyond what 32-bit offsets hold; nothing was parsed
};

std::string_view to_string(DiagnosticKind kind);

struct Diagnostic {
    DiagnosticKind kind = DiagnosticKind::malformed_statement;
    std::uint32_t line = 0;    // 1-based
    std::uint32_t offset = 0;  // byte offset in the source
};

// A bounded list: random bytes can produce one problem per byte, and a file's report must stay
// small. Past `limit` entries only `dropped` counts.
struct Diagnostics {
    std::vector<Diagnostic> items;
    std::uint32_t dropped = 0;
    std::uint32_t limit = 64;

    void add(DiagnosticKind kind, std::uint32_t line, std::uint32_t offset) {
        if (items.size() < limit) {
            items.push_back({kind, line, offset});
        } else {
            ++dropped;
        }
    }
    bool contains(DiagnosticKind kind) const {
        for (const auto& item : items) {
            if (item.kind == kind)
                return true;
        }
        return false;
    }
    bool empty() const { return items.empty() && dropped == 0; }
};

}  // namespace qa
