#pragma once
// ParsedFile: one Python source with its tokens, statement tree, definitions and test
// discovery, all as indices and offsets into `source` (so moving or copying it is safe).
// A plain value; read-only use from many threads is safe.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qa/analysis/definitions.hpp"
#include "qa/analysis/diagnostic.hpp"
#include "qa/analysis/parse_limits.hpp"
#include "qa/analysis/statement.hpp"
#include "qa/analysis/tokenizer.hpp"

namespace qa {

struct ParsedFile {
    std::string path;    // as given to the reader; empty for an in-memory source
    std::string source;  // the bytes, unchanged (a BOM and CRs included)
    TokenizedSource lexed;
    Diagnostics diagnostics;  // tokenizer's and parser's, in source order per phase
    std::uint32_t invalid_utf8_offset = kNone;  // the first byte that is not UTF-8, if any

    std::vector<Statement> statements;    // source order; the module's are depth 0
    std::vector<Call> calls;              // sorted by statement, then by '(' position
    std::vector<TextSpan> keyword_names;  // Call::first_keyword indexes here
    std::vector<Comparison> comparisons;  // sorted by statement
    std::vector<WithItem> with_items;     // sorted by statement
    std::vector<Decorator> decorators;    // sorted by statement
    std::vector<Parameter> parameters;    // of every def, sorted by statement
    std::vector<ClassDef> classes;        // module-level and nested in classes, source order
    std::vector<Function> functions;      // module-level and class-level defs, source order
    std::vector<Import> imports;          // module-level (also under if/try), source order

    // Text. Inline: the rules ask for names and targets on every call they look at.
    std::string_view text(TextSpan span) const {
        if (span.begin >= span.end || span.end > source.size())
            return {};
        return std::string_view(source.data() + span.begin, span.size());
    }
    // First token's begin to last token's end.
    std::string_view text(TokenRange range) const {
        const auto& tokens = lexed.tokens;
        if (range.empty() || range.end > tokens.size())
            return {};
        return text(TextSpan{tokens[range.begin].begin, tokens[range.end - 1].end});
    }
    std::string_view token_text(std::uint32_t token) const {
        if (token >= lexed.tokens.size())
            return {};
        return text(TextSpan{lexed.tokens[token].begin, lexed.tokens[token].end});
    }
    const std::vector<Token>& tokens() const { return lexed.tokens; }
    std::uint32_t line_count() const;
    std::uint32_t line_of(std::uint32_t offset) const;     // 1-based
    std::string_view line_text(std::uint32_t line) const;  // without its line break
    // The same tokens, ignoring spacing and line breaks (`x == x`, `f(a) == f( a )`).
    bool same_tokens(TokenRange a, TokenRange b) const;

    // Walking. A statement's children are body_of(i), its next sibling is subtree_end.
    StatementRange body_of(std::uint32_t statement) const;
    StatementRange body_of(const Function& function) const { return body_of(function.statement); }
    std::span<const Call> calls_of(std::uint32_t statement) const;
    std::span<const Call> calls_in(StatementRange statements) const;
    std::span<const Comparison> comparisons_of(std::uint32_t statement) const;
    std::span<const Comparison> comparisons_in(StatementRange statements) const;
    std::span<const WithItem> with_items_of(std::uint32_t statement) const;
    std::span<const TextSpan> keywords_of(const Call& call) const;
    std::span<const Decorator> decorators_of(const Function& function) const;
    std::span<const Decorator> decorators_of(std::uint32_t statement) const;  // a def or class
    std::span<const Parameter> parameters_of(const Function& function) const;
};

// Tokenizes and parses `source`. Never fails: problems become diagnostics and the rest of the
// file is still read (see Diagnostics). Linear time.
ParsedFile parse_python_source(std::string source, std::string path = {},
                               const ParseLimits& limits = {});

// Parses file.source again, replacing everything else while keeping the vectors' capacity: a
// worker that parses many files reuses one ParsedFile.
void reparse(ParsedFile& file, const ParseLimits& limits = {});

}  // namespace qa
