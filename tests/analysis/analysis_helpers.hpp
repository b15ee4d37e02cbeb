#pragma once
// Helpers for the analysis tests: tokens and statements as short strings, so expectations read
// like the Python they describe.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qa/analysis/parsed_file.hpp"

namespace qa::testing {

// A source parsed as the analysis does, with no path: what most parser tests start from.
inline ParsedFile parse(std::string source) {
    return parse_python_source(std::move(source));
}

inline std::string_view kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::name:
            return "NAME";
        case TokenKind::number:
            return "NUMBER";
        case TokenKind::string:
            return "STRING";
        case TokenKind::op:
            return "OP";
        case TokenKind::newline:
            return "NEWLINE";
        case TokenKind::indent:
            return "INDENT";
        case TokenKind::dedent:
            return "DEDENT";
        case TokenKind::end_marker:
            return "END";
        case TokenKind::error:
            return "ERROR";
    }
    return "?";
}

// "NAME:x OP:= NUMBER:1 NEWLINE END": layout tokens by kind only.
inline std::string describe_tokens(const ParsedFile& file) {
    std::string out;
    for (std::uint32_t k = 0; k < file.tokens().size(); ++k) {
        const Token& token = file.tokens()[k];
        if (!out.empty())
            out += ' ';
        out += kind_name(token.kind);
        if (token.kind == TokenKind::name || token.kind == TokenKind::number ||
            token.kind == TokenKind::string || token.kind == TokenKind::op ||
            token.kind == TokenKind::error) {
            out += ':';
            out += file.token_text(k);
        }
    }
    return out;
}

// The texts of the tokens of one kind, in order.
inline std::vector<std::string> texts_of(const ParsedFile& file, TokenKind kind) {
    std::vector<std::string> out;
    for (std::uint32_t k = 0; k < file.tokens().size(); ++k) {
        if (file.tokens()[k].kind == kind)
            out.emplace_back(file.token_text(k));
    }
    return out;
}

// "if@0 [assert@1 pass@1] else@0": kind@depth for each statement.
inline std::string describe_statements(const ParsedFile& file) {
    std::string out;
    for (const Statement& s : file.statements) {
        if (!out.empty())
            out += ' ';
        out += to_string(s.kind);
        out += '@';
        out += std::to_string(s.depth);
    }
    return out;
}

inline const Function* find_function(const ParsedFile& file, std::string_view name) {
    for (const Function& function : file.functions) {
        if (file.text(function.name) == name)
            return &function;
    }
    return nullptr;
}

inline std::string diagnostics_text(const ParsedFile& file) {
    std::string out;
    for (const Diagnostic& d : file.diagnostics.items) {
        out += std::string(to_string(d.kind)) + "@" + std::to_string(d.line) + " ";
    }
    return out;
}

}  // namespace qa::testing
